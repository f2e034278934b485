import { describe, expect, it } from 'vitest';
import { createFormValidator, type FieldError, type FormSchema } from '../../../forms/core/index.js';

/** The single error of validating `data` against a one-field schema titled 金额. */
function errorFor(field: FormSchema, data: unknown, extra: FormSchema = {}): FieldError {
  const r = createFormValidator({ type: 'object', properties: { f: { title: '金额', ...field } }, ...extra }).validate(data);
  if (r.valid) throw new Error('expected an error');
  expect(r.errors).toHaveLength(1);
  return r.errors[0]!;
}

describe('Chinese messages', () => {
  it.each([
    ['type', { type: 'number' }, { f: '一百' }, '“金额”应为数字。'],
    ['type (union)', { type: ['integer', 'null'] }, { f: 1.5 }, '“金额”应为整数或空值。'],
    ['minLength', { type: 'string', minLength: 2 }, { f: 'a' }, '“金额”至少需要 2 个字符。'],
    ['maxLength', { type: 'string', maxLength: 2 }, { f: 'abc' }, '“金额”不能超过 2 个字符。'],
    ['minimum', { minimum: 1 }, { f: 0 }, '“金额”不能小于 1。'],
    ['maximum', { maximum: 1 }, { f: 2 }, '“金额”不能大于 1。'],
    ['exclusiveMinimum', { exclusiveMinimum: 0 }, { f: 0 }, '“金额”必须大于 0。'],
    ['exclusiveMaximum', { exclusiveMaximum: 10 }, { f: 10 }, '“金额”必须小于 10。'],
    ['multipleOf', { multipleOf: 5 }, { f: 7 }, '“金额”必须是 5 的整数倍（如金额最多两位小数）。'],
    ['minItems', { type: 'array', minItems: 1 }, { f: [] }, '“金额”至少需要 1 项。'],
    ['maxItems', { type: 'array', maxItems: 1 }, { f: [1, 2] }, '“金额”最多 1 项。'],
    ['uniqueItems', { type: 'array', uniqueItems: true }, { f: [1, 1] }, '“金额”中第 1 项与第 2 项重复。'],
    ['items (after prefixItems)', { type: 'array', prefixItems: [{ type: 'number' }], items: false }, { f: [1, 2] }, '“金额”最多 1 项。'],
    ['contains', { type: 'array', contains: { const: 1 } }, { f: [2] }, '“金额”须至少包含一项符合要求的内容。'],
    ['minContains', { type: 'array', contains: { const: 1 }, minContains: 2 }, { f: [1] }, '“金额”须至少包含 2 项符合要求的内容。'],
    ['maxContains', { type: 'array', contains: { const: 1 }, minContains: 0, maxContains: 1 }, { f: [1, 1] }, '“金额”最多包含 1 项符合要求的内容。'],
    ['min- and maxContains', { type: 'array', contains: { const: 1 }, minContains: 2, maxContains: 2 }, { f: [1] }, '“金额”须恰好包含 2 项符合要求的内容。'],
    ['minProperties', { type: 'object', minProperties: 1 }, { f: {} }, '“金额”至少需要 1 项内容。'],
    ['maxProperties', { type: 'object', maxProperties: 1 }, { f: { a: 1, b: 2 } }, '“金额”最多 1 项内容。'],
    ['propertyNames', { type: 'object', propertyNames: { pattern: '^[a-z]+$' } }, { f: { A: 1 } }, '“金额”含有不允许的字段名。'],
    ['enum', { enum: ['元', '角'] }, { f: '分' }, '“金额”的取值不在可选范围内。'],
    ['const', { const: 1 }, { f: 2 }, '“金额”的取值不正确。'],
    ['pattern', { type: 'string', pattern: '^\\d+$' }, { f: 'x' }, '“金额”的格式不正确。'],
    ['format', { type: 'string', format: 'cn-mobile' }, { f: '123' }, '“金额”应为11位手机号码。'],
    ['oneOf', { oneOf: [{ type: 'number' }, { type: 'integer' }] }, { f: 1 }, '“金额”须且只能符合一种填写方式。'],
    ['not', { not: { const: 0 } }, { f: 0 }, '“金额”的取值不被允许。'],
    ['false schema', false, { f: 1 }, '不允许填写“f”。'],
    ['dateRange', { type: 'object', dateRange: true }, { f: { start: '2026-03-02', end: '2026-03-01' } }, '“金额”的开始日期不能晚于结束日期。'],
    ['formatMinimum', { type: 'string', format: 'date', formatMinimum: '2026-01-01' }, { f: '2025-12-31' }, '“金额”不能早于（小于）2026-01-01。'],
  ] as [string, FormSchema | false, unknown, string][])('names the field for %s', (keyword, field, data, message) => {
    const schema = field === false ? ({ title: '金额', not: {} } as FormSchema) : field;
    const r = createFormValidator({ type: 'object', properties: { f: field === false ? false : { title: '金额', ...field } } } as FormSchema).validate(data);
    if (r.valid) throw new Error(`expected an error for ${keyword} (${JSON.stringify(schema)})`);
    expect(r.errors.map((e) => e.message)).toContain(message);
    expect(r.errors.every((e) => e.path === '/f' && /[\u4e00-\u9fff]/.test(e.message))).toBe(true);
  });

  it('reports anyOf, required, dependentRequired, additional and unevaluated properties in Chinese', () => {
    expect(errorFor({ anyOf: [{ type: 'string' }, { type: 'boolean' }] }, { f: 1 }).message).toContain('不符合任何一种允许的填写方式');
    expect(errorFor({ type: 'number' }, {}, { required: ['f'] })).toEqual({ path: '/f', message: '请填写“金额”。', keyword: 'required' });
    expect(errorFor({ type: 'number' }, { f: 1 }, { properties: { f: { title: '金额' }, g: {} }, dependentRequired: { f: ['g'] } })).toEqual({ path: '/g', message: '填写“f”时，还须填写“g”。', keyword: 'dependentRequired' });
    expect(errorFor({ type: 'number' }, { f: 1, x: 2 }, { unevaluatedProperties: false })).toEqual({ path: '/x', message: '不允许的字段“x”。', keyword: 'unevaluatedProperties' });
  });

  it('falls back to the property name when the field has no title', () => {
    const r = createFormValidator({ type: 'object', required: ['idNo'] }).validate({});
    expect(r).toEqual({ valid: false, errors: [{ path: '/idNo', message: '请填写“idNo”。', keyword: 'required' }] });
  });

  it('lets a message declared in the schema win, per keyword', () => {
    const field = { type: 'string', pattern: '^\\d{6}$', minLength: 6, 'x-messages': { pattern: '邮政编码应为6位数字。' } };
    const r = createFormValidator({ type: 'object', properties: { zip: { title: '邮政编码', ...field } } }).validate({ zip: 'ab' });
    expect(r.valid ? [] : r.errors.map((e) => e.message).sort()).toEqual(['“邮政编码”至少需要 6 个字符。', '邮政编码应为6位数字。'].sort());
  });

  it('explains why an ID number is wrong', () => {
    const v = createFormValidator({ type: 'object', properties: { id: { title: '身份证号', type: 'string', format: 'cn-id-card' } } });
    const message = (id: string) => { const r = v.validate({ id }); return r.valid ? '' : r.errors[0]!.message; };
    expect(message('320621550312002')).toBe('“身份证号”不正确：15位旧号码已停止使用，请填写18位公民身份号码。');
    expect(message('32062119550312002')).toBe('“身份证号”不正确：应为18位。');
    expect(message('32062119550312002Y')).toBe('“身份证号”不正确：前17位应为数字，最后一位为数字或X。');
    expect(message('320621195503120024')).toBe('“身份证号”不正确：校验位不符，请逐位核对。');
  });
});

describe('schema mistakes', () => {
  it('are refused when the schema is compiled, so a typo cannot switch a check off', () => {
    expect(() => createFormValidator({ type: 'object', properties: { name: { type: 'string', minLenght: 2 } } })).toThrow(/unknown keyword/);
    expect(() => createFormValidator({ type: 'object', properties: { id: { type: 'string', format: 'cn-idcard' } } })).toThrow(/unknown format/);
    expect(() => createFormValidator({ type: 'object', properties: { x: { type: 'number', 'x-computed': { expr: 'a +' } } } })).toThrow(/表达式不完整/);
  });
});
