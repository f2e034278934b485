import { describe, expect, it } from 'vitest';
import { applyPermissions, maskValue, permissionAt, redactForView } from '../../../forms/core/index.js';

const perms = { '/applicant': 'read', '/applicant/phone': 'write', '/acceptance': 'write', '/income': 'masked' } as const;

describe('field permissions', () => {
  it('take the longest matching prefix, and hide what is not covered', () => {
    expect(permissionAt(perms, '/applicant/name')).toBe('read');
    expect(permissionAt(perms, '/applicant/phone')).toBe('write');
    expect(permissionAt(perms, '/assets')).toBe('hidden');
  });

  it('merge writable paths and keep the rest of the stored data', () => {
    const stored = { applicant: { name: '王秀英', phone: '13900000000' }, income: { wages: 600 } };
    const r = applyPermissions(perms, { applicant: { phone: '13912345678' }, acceptance: { complete: true } }, stored);
    expect(r).toEqual({ ok: true, data: { applicant: { name: '王秀英', phone: '13912345678' }, income: { wages: 600 }, acceptance: { complete: true } } });
  });

  it('refuse a change to a read, masked or hidden path, even in a crafted request', () => {
    const stored = { applicant: { name: '王秀英' }, income: { wages: 600 } };
    const r = applyPermissions(perms, { applicant: { name: '李四' }, income: { wages: 0 }, assets: { deposits: 1 } }, stored);
    expect(r.ok ? [] : r.errors.map((e) => e.path)).toEqual(['/applicant/name', '/income', '/assets']);
  });

  it('accept an unchanged read value sent back by a form', () => {
    expect(applyPermissions(perms, { applicant: { name: '王秀英' } }, { applicant: { name: '王秀英' } }).ok).toBe(true);
  });

  it('redact hidden parts and mask masked values for viewing', () => {
    const view = redactForView({ '/applicant': 'masked', '/acceptance': 'read' }, { applicant: { name: '王秀英', idNumber: '320621195503120023', phone: '13912345678' }, acceptance: { complete: true }, assets: { deposits: 5 } });
    expect(view).toEqual({ applicant: { name: '王*英', idNumber: '320621********0023', phone: '139****5678' }, acceptance: { complete: true } });
  });

  it('mask bank cards 前6后4 and two-character names', () => {
    expect(maskValue('6222021234567890128', 'bank-card')).toBe('622202*********0128');
    expect(maskValue('李四', 'name')).toBe('李*');
  });
});
