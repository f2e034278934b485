import { describe, expect, it } from 'vitest';
import { caseFlagsOf, caseSerialOf } from '../../../server/adapter/queueFilterCopies.js';

describe('a task’s copies of its case’s serial and flags', () => {
  it('reads the serial after the case number’s last dash, as SQLite casts it', () => {
    expect(caseSerialOf('DIBAO--2026-000123')).toBe(123);
    expect(caseSerialOf('VENTUR-2026-7')).toBe(7);
    expect(caseSerialOf('CHILDR-2026-G0001001')).toBe(0);
    expect(caseSerialOf('')).toBe(0);
  });

  it('keeps the flags as stored, and none as the empty string', () => {
    expect(caseFlagsOf('["relativeFiling"]')).toBe('["relativeFiling"]');
    expect(caseFlagsOf('[]')).toBe('');
    expect(caseFlagsOf('null')).toBe('');
    expect(caseFlagsOf('')).toBe('');
  });
});
