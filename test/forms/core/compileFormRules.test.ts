import { describe, expect, it } from 'vitest';
import { compileFormRules, ExpressionError, type FormSchema } from '../../../forms/core/index.js';

const num = (expr?: string, label?: string) => ({ type: 'number', ...(expr ? { 'x-computed': { expr, ...(label ? { label } : {}) } } : {}) });

describe('compileFormRules', () => {
  it('orders computed fields so that each comes after the ones it reads', () => {
    const schema: FormSchema = {
      type: 'object',
      properties: {
        c: num('b * 2'),
        b: num('a + 1', 'B = A + 1'),
        a: num(),
        d: num('c + b'),
      },
    };
    const rules = compileFormRules(schema);
    expect(rules.computed.map((c) => c.pointer)).toEqual(['/b', '/c', '/d']);
    expect(rules.computed.find((c) => c.pointer === '/d')?.dependsOn).toEqual(['/c', '/b']);
    expect(rules.computed.find((c) => c.pointer === '/b')?.formula).toBe('B = A + 1');
    expect(rules.computed.find((c) => c.pointer === '/c')?.formula).toBe('b * 2');
  });

  it('refuses a cycle, naming its fields', () => {
    const schema: FormSchema = { type: 'object', properties: { a: num('b + 1'), b: num('a + 1') } };
    expect(() => compileFormRules(schema)).toThrow(ExpressionError);
    expect(() => compileFormRules(schema)).toThrow(/计算字段循环引用：\/a → \/b → \/a/);
    expect(() => compileFormRules({ type: 'object', properties: { a: num('a + 1') } })).toThrow(/计算字段 \/a 引用了自身/);
  });

  it('names the field of a bad expression', () => {
    expect(() => compileFormRules({ type: 'object', properties: { x: { type: 'string', 'x-required-if': 'y ==' } } })).toThrow(/字段 \/x 的 x-required-if：表达式不完整/);
  });

  it('finds conditions inside array items and $refs', () => {
    const rules = compileFormRules({
      type: 'object',
      $defs: { member: { type: 'object', properties: { grade: { type: 'string' }, cert: { title: '残疾人证号', type: 'string', 'x-visible-if': "this.grade != '无'" } } } },
      properties: { members: { type: 'array', items: { $ref: '#/$defs/member' } } },
    });
    expect(rules.conditional).toMatchObject([{ pointer: '/members/*/cert', title: '残疾人证号' }]);
  });
});
