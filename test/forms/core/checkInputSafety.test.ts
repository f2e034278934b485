import { describe, expect, it } from 'vitest';
import { checkInputSafety } from '../../../forms/core/index.js';

describe('checkInputSafety', () => {
  it('passes ordinary data', () => {
    expect(checkInputSafety({ household: { members: [{ name: '王秀英' }] } })).toEqual([]);
  });

  it('refuses prototype-pollution keys anywhere, with their path', () => {
    const polluted = JSON.parse('{"a":{"b":[{"__proto__":{"admin":true}}]},"constructor":{"prototype":{}}}');
    expect(checkInputSafety(polluted).map((e) => e.path)).toEqual(['/a/b/0/__proto__', '/constructor']);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('refuses deep nesting, oversized arrays and strings', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 40; i++) deep = { d: deep };
    expect(checkInputSafety(deep)[0]?.message).toBe('数据嵌套层级过深（最多 32 层）。');
    expect(checkInputSafety({ list: Array(501).fill(1) })).toEqual([{ path: '/list', message: '列表项过多（最多 500 项）。', keyword: 'maxArrayLength' }]);
    expect(checkInputSafety({ text: 'x'.repeat(10_001) })[0]?.path).toBe('/text');
  });
});
