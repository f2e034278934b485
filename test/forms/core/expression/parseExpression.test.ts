import { describe, expect, it } from 'vitest';
import { ExpressionError, expressionDependencies, parseExpression } from '../../../../forms/core/index.js';

const fails = (source: string) => {
  try {
    parseExpression(source);
  } catch (e) {
    expect(e).toBeInstanceOf(ExpressionError);
    return (e as ExpressionError).message;
  }
  throw new Error(`expected “${source}” to be refused`);
};

describe('parseExpression', () => {
  it('binds * tighter than +, and comparison tighter than and/or', () => {
    expect(parseExpression('1 + 2 * 3')).toEqual({
      kind: 'binary', op: '+', left: { kind: 'literal', value: 1 },
      right: { kind: 'binary', op: '*', left: { kind: 'literal', value: 2 }, right: { kind: 'literal', value: 3 } },
    });
    expect(parseExpression('a > 1 and b == 2 or not c')).toMatchObject({ kind: 'binary', op: 'or', left: { op: 'and' }, right: { kind: 'unary', op: 'not' } });
  });

  it('reads field paths with indexes, [*] and this.', () => {
    expect(parseExpression('household.members[*].income')).toEqual({ kind: 'path', relative: false, segments: ['household', 'members', '*', 'income'] });
    expect(parseExpression('household.members[0].name')).toEqual({ kind: 'path', relative: false, segments: ['household', 'members', 0, 'name'] });
    expect(parseExpression('this.disabilityGrade')).toEqual({ kind: 'path', relative: true, segments: ['disabilityGrade'] });
  });

  it('lists the fields and parameters an expression reads', () => {
    expect(expressionDependencies(parseExpression('max(0, $standard * count(household.members) - income.monthlyTotal) + this.x'))).toEqual({
      absolute: ['/household/members', '/income/monthlyTotal'], relative: ['/x'], params: ['standard'],
    });
  });

  it('refuses unknown functions, wrong argument counts and leftovers, in Chinese with the position', () => {
    expect(fails('eval("1")')).toBe('未知的函数“eval”（表达式“eval("1")”第 1 个字符处）');
    expect(fails('round()')).toContain('函数“round”需要 1–2 个参数');
    expect(fails('sum(1 + 2)')).toContain('函数“sum”的参数应为字段路径');
    expect(fails('1 + 2 3')).toContain('多余的内容“3”');
    expect(fails('a +')).toContain('表达式不完整');
    expect(fails("'open")).toContain('字符串缺少结束引号');
    expect(fails('a ; b')).toContain('无法识别的字符“;”');
  });

  it('has no way to reach JavaScript: constructor chains and globals are plain paths', () => {
    expect(parseExpression('constructor.constructor')).toEqual({ kind: 'path', relative: false, segments: ['constructor', 'constructor'] });
    expect(fails('a["constructor"]')).toContain('“[ ]”中应为序号或 *');
  });

  it('refuses absurdly long or deeply nested input', () => {
    expect(fails('1+'.repeat(1500) + '1')).toContain('表达式过长');
    expect(fails('('.repeat(100) + '1' + ')'.repeat(100))).toContain('表达式嵌套过深');
  });
});
