/**
 * A field's value as plain text for the read-only, print and diff views: 是/否, amounts with 元,
 * date ranges with 至, lists joined by 、. Masked values arrive masked from the server and are shown
 * as they are.
 */
import { ownEntry, type FieldSchema } from '../../core/index.js';
import { text, type FormLanguage } from './strings.js';

const moneyFormat = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** True for schema fields that hold an amount of money in 元. */
export function isMoney(schema: FieldSchema | undefined): boolean {
  return schema?.format === 'money-yuan' || schema?.['x-unit'] === '元';
}

/** The value as text; empty values give 未填写. */
export function formatValue(value: unknown, schema: FieldSchema | undefined, language: FormLanguage = 'zh-CN'): string {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return text(language, 'empty');
  if (typeof value === 'boolean') return text(language, value ? 'yes' : 'no');
  if (typeof value === 'number') {
    if (isMoney(schema)) return `${moneyFormat.format(value)} ${text(language, 'yuan')}`;
    const unit = typeof schema?.['x-unit'] === 'string' ? ` ${schema['x-unit'] as string}` : '';
    return `${value}${unit}`;
  }
  if (typeof value === 'string') {
    if (schema?.format === 'date-range' && value.includes('/')) return value.split('/').join(` ${text(language, 'to')} `);
    return value;
  }
  if (Array.isArray(value)) {
    const itemSchema = typeof schema?.items === 'object' ? (schema.items as FieldSchema) : undefined;
    if (value.every((v) => v === null || typeof v !== 'object')) return value.map((v) => formatValue(v, itemSchema, language)).join('、');
    return value
      .map((v) => (v && typeof v === 'object' && 'name' in v ? String((v as { name: unknown }).name) : JSON.stringify(v)))
      .join('、');
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (schema?.dateRange === true || ('start' in o && 'end' in o && Object.keys(o).length === 2)) {
      return `${formatValue(o.start, undefined, language)} ${text(language, 'to')} ${formatValue(o.end, undefined, language)}`;
    }
    const props = schema?.properties ?? {};
    return Object.entries(o)
      .map(([k, v]) => `${ownEntry<FieldSchema>(props, k)?.title ?? k}：${formatValue(v, ownEntry<FieldSchema>(props, k), language)}`)
      .join('；');
  }
  return String(value);
}
