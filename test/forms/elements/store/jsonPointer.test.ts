import { describe, expect, it } from 'vitest';
import { joinPointer, keepIdentity, pointerSegments, readAt, writeAt } from '../../../../forms/elements/store/jsonPointer.js';

describe('jsonPointer', () => {
  it('splits and joins pointers with ~0 and ~1 escapes', () => {
    expect(pointerSegments('/a/b~1c/d~0e')).toEqual(['a', 'b/c', 'd~e']);
    expect(pointerSegments('')).toEqual([]);
    expect(joinPointer(['a', 'b/c', 0])).toBe('/a/b~1c/0');
  });

  it('reads own properties only', () => {
    expect(readAt({ a: { b: [1, 2] } }, ['a', 'b', '1'])).toBe(2);
    expect(readAt({}, ['constructor'])).toBeUndefined();
    expect(readAt({ a: null }, ['a', 'b'])).toBeUndefined();
  });

  it('writes by copying only the objects on the path, so untouched parts keep their identity', () => {
    const data = { applicant: { name: '王' }, household: { members: [{ name: '甲' }, { name: '乙' }] } };
    const next = writeAt(data, ['household', 'members', '1', 'name'], '丙') as typeof data;
    expect(next.household.members[1]!.name).toBe('丙');
    expect(data.household.members[1]!.name).toBe('乙');
    expect(next.applicant).toBe(data.applicant);
    expect(next.household.members[0]).toBe(data.household.members[0]);
    expect(next.household.members[1]).not.toBe(data.household.members[1]);
  });

  it('creates missing parents, removes a key for undefined and splices an array item out', () => {
    expect(writeAt({}, ['a', 'list', '0'], 'x')).toEqual({ a: { list: ['x'] } });
    expect(writeAt({ a: 1, b: 2 }, ['a'], undefined)).toEqual({ b: 2 });
    expect(writeAt({ l: ['x', 'y', 'z'] }, ['l', '1'], undefined)).toEqual({ l: ['x', 'z'] });
  });

  it('refuses prototype keys', () => {
    expect(() => writeAt({}, ['__proto__', 'polluted'], true)).toThrow('不允许的字段名');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps the identity of every part that is deep-equal after a recomputation', () => {
    const previous = { a: { x: 1 }, b: [{ y: 2 }, { y: 3 }], c: 4 };
    const recomputed = JSON.parse(JSON.stringify({ ...previous, c: 5 })) as typeof previous;
    const kept = keepIdentity(previous, recomputed);
    expect(kept).not.toBe(previous);
    expect(kept.a).toBe(previous.a);
    expect(kept.b).toBe(previous.b);
    expect(kept.c).toBe(5);
    expect(keepIdentity(previous, JSON.parse(JSON.stringify(previous)))).toBe(previous);
  });
});
