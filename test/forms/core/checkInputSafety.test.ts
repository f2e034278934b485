import { describe, expect, it } from 'vitest';
import { checkInputSafety, defaultSafetyLimits } from '../../../forms/core/index.js';

describe('checkInputSafety', () => {
  it('passes ordinary data', () => {
    expect(checkInputSafety({ household: { members: [{ name: '王秀英' }] } })).toEqual([]);
  });

  it('refuses prototype-pollution keys anywhere, with their path', () => {
    const polluted = JSON.parse('{"a":{"b":[{"__proto__":{"admin":true}}]},"constructor":{"prototype":{}}}');
    expect(checkInputSafety(polluted)).toEqual([
      { path: '/a/b/0/__proto__', message: '不允许的字段名“__proto__”。', keyword: 'forbiddenKey' },
      { path: '/constructor', message: '不允许的字段名“constructor”。', keyword: 'forbiddenKey' },
    ]);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('refuses deep nesting, oversized arrays and strings', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 40; i++) deep = { d: deep };
    expect(checkInputSafety(deep)[0]?.message).toBe('数据嵌套层级过深（最多 32 层）。');
    expect(checkInputSafety({ list: Array(501).fill(1) })).toEqual([{ path: '/list', message: '列表项过多（最多 500 项）。', keyword: 'maxArrayLength' }]);
    expect(checkInputSafety({ text: 'x'.repeat(10_001) })).toEqual([{ path: '/text', message: '文本过长（最多 10000 个字符）。', keyword: 'maxStringLength' }]);
    expect(checkInputSafety(deep)[0]?.path).toBe('/d'.repeat(33));
  });
});

describe('checkInputSafety limits', () => {
  it('counts keys across the whole input', () => {
    const wide = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, i]));
    expect(checkInputSafety(wide, { ...defaultSafetyLimits, maxKeys: 20 })).toEqual([{ path: '', message: '字段过多（最多 20 个）。', keyword: 'maxKeys' }]);
  });

  it('takes smaller limits from the caller and names the path of each problem', () => {
    const errors = checkInputSafety({ a: ['x', 'y', 'z'], b: 'abcdef' }, { ...defaultSafetyLimits, maxArrayLength: 2, maxStringLength: 5 });
    expect(errors).toEqual([
      { path: '/a', message: '列表项过多（最多 2 项）。', keyword: 'maxArrayLength' },
      { path: '/b', message: '文本过长（最多 5 个字符）。', keyword: 'maxStringLength' },
    ]);
  });

  it('escapes / and ~ in keys of the reported path', () => {
    expect(checkInputSafety({ 'a/b': { '~c': 'x'.repeat(10_001) } })[0]?.path).toBe('/a~1b/~0c');
  });

  it('stops after ten problems so a hostile input costs little', () => {
    expect(checkInputSafety(Array.from({ length: 50 }, () => 'x'.repeat(10_001)))).toHaveLength(10);
  });
});
