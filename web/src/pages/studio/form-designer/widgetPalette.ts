/**
 * The palette of the form designer: every widget of the registry `<tb-form>` draws with (a
 * process's own widgets included when its registry is passed), each with the field a new one
 * starts as. The starting field is the data shape below the widget fits best, asked of the
 * widget's own `rank()`; a widget that fits none of them starts as text, drawn with that widget.
 */
import type { FieldSchema } from '../../../../../forms/core/index.js';
import type { WidgetEntry, WidgetRegistry } from '../../../../../forms/elements/index.js';

/** One widget of the palette and the field it adds. */
export interface PaletteEntry {
  /** The widget's name (`id-card`, `money` …), written as the control's `widget`. */
  widget: string;
  /** What it is, in Chinese (the registry's description). */
  description: string;
  /** The schema of a new field of this widget (without its title). */
  schema: FieldSchema;
}

const options = (n: number) => ['选项一', '选项二', '选项三', '选项四', '选项五'].slice(0, n);
const fileItem: FieldSchema = {
  type: 'object', additionalProperties: false, required: ['name', 'file'],
  properties: {
    name: { title: '文件名', type: 'string', maxLength: 200 }, size: { title: '大小', type: 'integer', minimum: 0 },
    type: { title: '类型', type: 'string', maxLength: 100 }, file: { title: '文件', type: 'string', maxLength: 300 }, url: { title: '链接', type: 'string', maxLength: 2000 },
  },
};

/** The data shapes a new field may start as, plainest first (a widget fitting several equally takes the first). */
const shapes: FieldSchema[] = [
  { type: 'string', maxLength: 100 },
  { type: 'string', maxLength: 2000 },
  { type: 'number' },
  { type: 'number', format: 'money-yuan' },
  { type: 'string', format: 'date' },
  { type: 'string', format: 'date-range' },
  { type: 'string', enum: options(5) },
  { type: 'string', enum: options(2) },
  { type: 'array', uniqueItems: true, items: { type: 'string', enum: options(3) } },
  { type: 'boolean' },
  { type: 'string', format: 'cn-id-card', 'x-mask': 'id-card' },
  { type: 'string', format: 'cn-mobile', 'x-mask': 'mobile' },
  { type: 'string', format: 'bank-card', 'x-mask': 'bank-card' },
  { type: 'string', format: 'cn-region-code' },
  { type: 'array', maxItems: 20, items: { type: 'string', maxLength: 100 } },
  { type: 'array', maxItems: 50, items: { type: 'object', additionalProperties: false, properties: { name: { title: '名称', type: 'string', maxLength: 100 }, note: { title: '说明', type: 'string', maxLength: 200 } } } },
  {
    type: 'array', minItems: 1, maxItems: 20,
    items: {
      type: 'object', additionalProperties: false, required: ['name', 'relation'],
      properties: {
        name: { title: '姓名', type: 'string', maxLength: 50, 'x-mask': 'name' },
        idNumber: { title: '公民身份号码', type: 'string', format: 'cn-id-card', 'x-mask': 'id-card' },
        relation: { title: '与申请人关系', type: 'string', enum: ['本人', '配偶', '子女', '父母', '其他'] },
      },
    },
  },
  { type: 'string', maxLength: 50, 'x-org-unit': { kind: 'supervisory_unit' } },
  { type: 'array', maxItems: 20, items: fileItem, 'x-attachment': { accept: ['image/jpeg', 'image/png', 'application/pdf'], maxSize: 10485760 } },
];

/** The shape a widget fits best, or plain text. */
function startingSchema(entry: WidgetEntry): FieldSchema {
  let best: FieldSchema | undefined;
  let bestRank = -1;
  for (const schema of shapes) {
    const items = typeof schema.items === 'object' ? (schema.items as FieldSchema) : undefined;
    const rank = entry.rank({ schema, pointer: '/section/field', ...(items ? { items } : {}) });
    if (rank > bestRank) { best = schema; bestRank = rank; }
  }
  return structuredClone(best && bestRank >= 0 ? best : shapes[0]!);
}

/** The palette of a registry, in its order. */
export function widgetPalette(registry: WidgetRegistry): PaletteEntry[] {
  return registry.list().map((entry) => ({ widget: entry.name, description: entry.description ?? entry.name, schema: startingSchema(entry) }));
}
