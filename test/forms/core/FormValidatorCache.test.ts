import { describe, expect, it } from 'vitest';
import { FormValidatorCache, type FormSchema } from '../../../forms/core/index.js';

const v1: FormSchema = { type: 'object', properties: { n: { title: '人数', type: 'integer', minimum: 1 }, twice: { type: 'number', 'x-computed': { expr: 'n * 2' } } } };
const v2: FormSchema = { type: 'object', properties: { n: { title: '人数', type: 'integer', minimum: 2 } } };

describe('FormValidatorCache', () => {
  it('compiles a version once and hands back the same validator', () => {
    const cache = new FormValidatorCache();
    const first = cache.validator('dibao', 1, v1);
    expect(cache.validator('dibao', 1, v2)).toBe(first);
    expect(cache.has('dibao', 1)).toBe(true);
    expect(cache.size).toBe(1);
  });

  it('keeps versions apart', () => {
    const cache = new FormValidatorCache();
    expect(cache.validator('dibao', 1, v1).validate({ n: 1 })).toEqual({ valid: true });
    expect(cache.validator('dibao', 2, v2).validate({ n: 1 })).toEqual({ valid: false, errors: [{ path: '/n', message: '“人数”不能小于 2。', keyword: 'minimum' }] });
  });

  it('keeps the compiled rules beside the validator', () => {
    expect(new FormValidatorCache().get('dibao', 1, v1).rules.computed.map((c) => c.pointer)).toEqual(['/twice']);
  });

  it('drops the oldest version beyond its capacity', () => {
    const cache = new FormValidatorCache(2);
    cache.validator('a', 1, v1);
    cache.validator('b', 1, v1);
    cache.validator('c', 1, v1);
    expect([cache.has('a', 1), cache.has('b', 1), cache.has('c', 1)]).toEqual([false, true, true]);
  });
});
