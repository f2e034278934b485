/**
 * The built-in widgets and when each fits. Ranks: 0 fallback, 1–3 by type, 4–6 by format or
 * shape. A process outranks them with its own entry (see {@link WidgetRegistry}).
 */
import type { FieldSchema } from '../../core/index.js';
import { enumOptions } from '../widgets/enumOptions.js';
import { orgUnitKindOf } from '../orgUnits/OrgUnitSource.js';
import { WidgetRegistry, type WidgetContext } from './WidgetRegistry.js';

const typeOf = (s: FieldSchema): string | undefined => (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type);
const when = (test: (s: FieldSchema, c: WidgetContext) => boolean, rank: number) => (c: WidgetContext) => (test(c.schema, c) ? rank : -1);
/** The item schema of a list: as resolved by the caller, else as written. */
const itemsOf = (c: WidgetContext): FieldSchema | undefined => c.items ?? (typeof c.schema.items === 'object' && c.schema.items !== null ? (c.schema.items as FieldSchema) : undefined);

/** The built-in widgets. Copy with `defaultWidgets.extend(…)` to add a process's own. */
export const defaultWidgets = new WidgetRegistry([
  { name: 'text', tag: 'tb-text-field', description: '单行文本', rank: (c) => (typeOf(c.schema) === 'string' ? 1 : 0) },
  { name: 'textarea', tag: 'tb-textarea-field', description: '多行文本', rank: when((s) => typeOf(s) === 'string' && typeof s.maxLength === 'number' && s.maxLength > 200, 2) },
  { name: 'number', tag: 'tb-number-field', description: '数字', rank: when((s) => typeOf(s) === 'number' || typeOf(s) === 'integer', 2) },
  { name: 'money', tag: 'tb-money-field', description: '金额（元）', rank: when((s) => s.format === 'money-yuan' || s['x-unit'] === '元', 5) },
  { name: 'date', tag: 'tb-date-field', description: '日期', rank: when((s) => s.format === 'date', 5) },
  { name: 'date-range', tag: 'tb-date-range-field', description: '起止日期', rank: when((s) => s.format === 'date-range' || s.dateRange === true, 6) },
  { name: 'select', tag: 'tb-select-field', description: '下拉选择', rank: when((s) => enumOptions(s).length > 0, 3) },
  { name: 'radio', tag: 'tb-radio-field', description: '单选', rank: when((s) => { const o = enumOptions(s); return o.length > 0 && o.length <= 4; }, 4) },
  { name: 'checkbox-group', tag: 'tb-checkbox-group-field', description: '多选', rank: when((s, c) => typeOf(s) === 'array' && enumOptions(itemsOf(c)).length > 0, 5) },
  { name: 'switch', tag: 'tb-switch-field', description: '是/否', rank: when((s) => typeOf(s) === 'boolean', 3) },
  { name: 'id-card', tag: 'tb-id-card-field', description: '公民身份号码', rank: when((s) => s.format === 'cn-id-card', 6) },
  { name: 'mobile', tag: 'tb-phone-field', description: '手机号码', rank: when((s) => s.format === 'cn-mobile', 6) },
  { name: 'bank-card', tag: 'tb-bank-card-field', description: '银行卡号', rank: when((s) => s.format === 'bank-card', 6) },
  { name: 'region-cascader', tag: 'tb-region-field', description: '行政区划（省—村）', rank: when((s) => s.format === 'cn-region-code', 6) },
  { name: 'string-list', tag: 'tb-string-list-field', description: '文本列表', rank: when((s, c) => typeOf(s) === 'array' && typeOf(itemsOf(c) ?? {}) === 'string' && enumOptions(itemsOf(c)).length === 0, 4) },
  { name: 'table', tag: 'tb-table-field', description: '表格（可增删行）', rank: when((s, c) => typeOf(s) === 'array' && typeOf(itemsOf(c) ?? {}) === 'object', 4) },
  { name: 'household-table', tag: 'tb-table-field', description: '家庭成员表', rank: when((s, c) => typeOf(s) === 'array' && Boolean(itemsOf(c)?.properties?.relation), 5) },
  { name: 'org-unit', tag: 'tb-org-unit-field', description: '单位（按类型选择，如业务主管单位）', rank: when((s) => orgUnitKindOf(s) !== undefined, 7) },
  { name: 'attachments', tag: 'tb-attachments-field', description: '附件', rank: when((s) => typeof s['x-attachment'] === 'object', 8) },
]);
