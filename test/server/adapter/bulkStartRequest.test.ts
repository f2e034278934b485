import { describe, expect, it } from 'vitest';
import { maxListedSubjects, parseBulkStartRequest } from '../../../server/adapter/bulkStartRequest.js';
import type { HttpError } from '../../../server/adapter/httpError.js';

const id = (n: number) => `s${String(n).padStart(14, '0')}`;

function problems(body: unknown): { status: number; errors: { path: string; message: string }[] } {
  try {
    parseBulkStartRequest(body);
  } catch (e) {
    const err = e as HttpError;
    return { status: err.status, errors: err.errors ?? [] };
  }
  throw new Error('accepted');
}

describe('a bulk-start request', () => {
  it('takes a process, a commandId and a list of subject ids', () => {
    expect(parseBulkStartRequest({ workflow: 'recheck', commandId: 'c1', subjects: [id(1), id(2)] })).toEqual({ workflow: 'recheck', commandId: 'c1', subjects: [id(1), id(2)] });
  });

  it('or a selector of an org unit, a kind and a fact', () => {
    const selector = { unit: 'abcdefghijklmn0', kind: 'person', fact: { path: 'dibao.status', equals: '在保' } };
    expect(parseBulkStartRequest({ workflow: 'recheck', commandId: 'c1', selector })).toMatchObject({ selector });
  });

  it('refuses both or neither, with the path', () => {
    expect(problems({ workflow: 'recheck', commandId: 'c1' }).errors).toEqual([{ path: '/subjects', message: expect.stringContaining('二者选一') }]);
    expect(problems({ workflow: 'recheck', commandId: 'c1', subjects: [id(1)], selector: {} }).errors.map((e) => e.path)).toEqual(['/subjects']);
  });

  it('names each malformed or repeated id by its index', () => {
    expect(problems({ workflow: 'recheck', commandId: 'c1', subjects: [id(1), 'ABC', id(1), ''] })).toEqual({
      status: 400,
      errors: [
        { path: '/subjects/1', message: '应为对象的 id（15 位小写字母或数字）。' },
        { path: '/subjects/2', message: '与第 1 项重复。' },
        { path: '/subjects/3', message: '应为对象的 id（15 位小写字母或数字）。' },
      ],
    });
  });

  it('refuses an empty list and more ids than a request may carry', () => {
    expect(problems({ workflow: 'recheck', commandId: 'c1', subjects: [] }).errors.map((e) => e.path)).toEqual(['/subjects']);
    const many = Array.from({ length: maxListedSubjects + 1 }, (_, i) => id(i));
    expect(problems({ workflow: 'recheck', commandId: 'c1', subjects: many }).errors).toEqual([{ path: '/subjects', message: expect.stringContaining(`最多 ${maxListedSubjects} 项`) }]);
  });

  it('refuses unknown fields, a fact path that is not a plain dotted name and a value that is not a scalar', () => {
    const answer = problems({ workflow: 'recheck', commandId: 'c1', extra: 1, selector: { unit: 'x', kind: 'animal', other: 1, fact: { path: 'a.__proto__)', equals: [1] } } });
    expect(answer.status).toBe(400);
    expect(answer.errors.map((e) => e.path)).toEqual(['/extra']);
    const selector = problems({ workflow: 'recheck', commandId: 'c1', selector: { unit: 'x', kind: 'animal', other: 1, fact: { path: 'a.b)', equals: [1] } } });
    expect(selector.errors.map((e) => e.path)).toEqual(['/selector/other', '/selector/unit', '/selector/kind', '/selector/fact/path', '/selector/fact/equals']);
  });

  it('refuses an empty process name or commandId', () => {
    expect(problems({ workflow: '', commandId: '', subjects: [id(1)] }).errors.map((e) => e.path)).toEqual(['/workflow', '/commandId']);
  });
});
