import { describe, expect, it } from 'vitest';
import { applyPermissions, maskValue, masksFromSchema, permissionAt, redactForView, type FormSchema } from '../../../forms/core/index.js';

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

describe('field permissions in depth', () => {
  it('match * segments, the more specific key winning', () => {
    const p = { '/household': 'read', '/household/members/*/health': 'write', '/household/members/0/health': 'read' } as const;
    expect(permissionAt(p, '/household/members/3/health')).toBe('write');
    expect(permissionAt(p, '/household/members/0/health')).toBe('read');
    expect(permissionAt(p, '/household/members/3/name')).toBe('read');
  });

  it('keep a read field inside a writable section read-only', () => {
    const p = { '/acceptance': 'write', '/acceptance/relativeFiling': 'read' } as const;
    const stored = { acceptance: { complete: false, relativeFiling: true } };
    expect(applyPermissions(p, { acceptance: { complete: true } }, stored)).toEqual({ ok: true, data: { acceptance: { complete: true, relativeFiling: true } } });
    const r = applyPermissions(p, { acceptance: { complete: true, relativeFiling: false } }, stored);
    expect(r).toEqual({ ok: false, errors: [{ path: '/acceptance/relativeFiling', message: '该字段在此步骤为只读，不能修改。', keyword: 'permission' }] });
  });

  it('refuse to write a whole section over a read field inside it', () => {
    const p = { '/acceptance': 'write', '/acceptance/relativeFiling': 'read' } as const;
    const r = applyPermissions(p, { acceptance: 'reset' }, { acceptance: { relativeFiling: true } });
    expect(r.ok ? [] : r.errors.map((e) => e.path)).toEqual(['/acceptance']);
  });

  it('refuse prototype keys even where everything is writable, and leave the stored data untouched', () => {
    const stored = { acceptance: { complete: false } };
    const r = applyPermissions({ '': 'write' }, JSON.parse('{"__proto__":{"admin":true},"acceptance":{"complete":true}}') as Record<string, unknown>, stored);
    expect(r).toEqual({ ok: false, errors: [{ path: '/__proto__', message: '不允许的字段名“__proto__”。', keyword: 'forbiddenKey' }] });
    expect(stored).toEqual({ acceptance: { complete: false } });
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('mask by the kinds the schema declares, members included', () => {
    const schema: FormSchema = { type: 'object', properties: { household: { type: 'object', properties: { members: { type: 'array', items: { type: 'object', properties: { name: { type: 'string', 'x-mask': 'name' }, cert: { type: 'string', 'x-mask': 'id-card' } } } } } } } };
    expect(masksFromSchema(schema)).toEqual({ '/household/members/*/name': 'name', '/household/members/*/cert': 'id-card' });
    const view = redactForView({ '/household': 'masked' }, { household: { members: [{ name: '欧阳娜娜', cert: '32062119550312002311', age: 70 }] } }, masksFromSchema(schema));
    expect(view).toEqual({ household: { members: [{ name: '欧**娜', cert: '320621**********2311', age: 70 } ] } });
  });

  it('mask addresses after the first six characters and hide unknown texts fully', () => {
    expect(maskValue('海安市曲塘镇杨庄村5组12号', 'address')).toBe('海安市曲塘镇****');
    expect(redactForView({ '/a': 'masked' }, { a: { remark: '家中有存款' } })).toEqual({ a: { remark: '****' } });
  });

  it('show a hidden section only through its visible parts', () => {
    expect(redactForView({ '/applicant/name': 'read' }, { applicant: { name: '王秀英', idNumber: '320621195503120023' }, income: { wages: 1 } })).toEqual({ applicant: { name: '王秀英' } });
  });

  it('merge a written section as a JSON Merge Patch: fields not sent keep their value, null removes one, arrays replace', () => {
    const stored = { applicant: { name: '王秀英', phone: '13912345678', proxyName: '李四', documents: [{ name: 'a', file: 'x/a.png' }] } };
    const merged = applyPermissions({ '/applicant': 'write' }, { applicant: { documents: [{ name: 'b', file: 'y/b.png' }], proxyName: null } }, stored);
    expect(merged).toEqual({ ok: true, data: { applicant: { name: '王秀英', phone: '13912345678', documents: [{ name: 'b', file: 'y/b.png' }] } } });
    expect(stored.applicant.proxyName).toBe('李四');
  });
});
