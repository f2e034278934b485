import { describe, expect, it } from 'vitest';
import { applyPermissions, maskSensitiveFields, maskedValueErrors, mergePatchBetween, redactForView, restoreMaskedValues, sensitiveTexts } from '../../../forms/core/index.js';

const masks = { '/applicant/idNumber': 'id-card', '/applicant/phone': 'mobile', '/household/members/*/name': 'name', '/household/members/*/idNumber': 'id-card' };
const stored = {
  applicant: { idNumber: '320621195503120023', phone: '13912345678', note: '家中有存款' },
  household: { members: [{ name: '王秀英', idNumber: '320621195503120023', relation: '本人' }, { name: '张明', idNumber: '320621198001150015', relation: '子女' }] },
};

describe('masks never become data', () => {
  it('mask every sensitive field by field, whatever its section allows, but leave hidden ones hidden', () => {
    const perms = maskSensitiveFields({ '/applicant': 'write', '/household': 'read' }, { ...masks, '/assets/account': 'bank-card' });
    expect(perms).toEqual({ '/applicant': 'write', '/household': 'read', '/applicant/idNumber': 'masked', '/applicant/phone': 'masked', '/household/members/*/name': 'masked', '/household/members/*/idNumber': 'masked' });
    const view = redactForView(perms, stored, masks);
    expect(view).toEqual({
      applicant: { idNumber: '320621********0023', phone: '139****5678', note: '家中有存款' },
      household: { members: [{ name: '王*英', idNumber: '320621********0023', relation: '本人' }, { name: '张*', idNumber: '320621********0015', relation: '子女' }] },
    });
  });

  it('turn values sent back exactly as shown into the stored values they stand for, item by item', () => {
    const shown = redactForView(maskSensitiveFields({ '/applicant': 'write', '/household': 'write' }, masks), stored, masks);
    const back = structuredClone(shown) as typeof stored;
    back.applicant.note = '无存款';
    back.household.members.push({ name: '张小明', idNumber: '320621201001150011', relation: '子女' });
    expect(restoreMaskedValues(back, stored, shown)).toEqual({
      applicant: { idNumber: '320621195503120023', phone: '13912345678', note: '无存款' },
      household: { members: [...stored.household.members, { name: '张小明', idNumber: '320621201001150011', relation: '子女' }] },
    });
  });

  it('refuse a mask in a sensitive field that is not the stored value, and let other fields say what they like', () => {
    const incoming = { applicant: { idNumber: '320621********0023', phone: '13912345678', note: '****' }, household: { members: [{ name: '王*英' }, { name: '张明' }] } };
    expect(maskedValueErrors(incoming, { applicant: { idNumber: '320621195503120023' } }, masks).map((e) => e.path)).toEqual(['/applicant/idNumber', '/household/members/0/name']);
    expect(maskedValueErrors(stored, stored, masks)).toEqual([]);
  });

  it('list the sensitive texts of the data with their masks, longest first, for masking documents', () => {
    expect(sensitiveTexts(stored, masks)).toEqual([
      { value: '320621195503120023', masked: '320621********0023' },
      { value: '320621198001150015', masked: '320621********0015' },
      { value: '13912345678', masked: '139****5678' },
      { value: '王秀英', masked: '王*英' },
      { value: '张明', masked: '张*' },
    ]);
  });
});

describe('a command changes only the fields it sends', () => {
  const notice = { objections: [{ content: '家中有轿车', finding: '不属实' }], democraticReview: '异议不属实', period: '2026-03-10/2026-03-17' };

  it('merge a patch field by field into a writable section, null removing a field, arrays replaced whole', () => {
    const r = applyPermissions({ '/publicNotice': 'write' }, { publicNotice: { democraticReview: '经评议，异议不属实', period: null } }, { publicNotice: notice });
    expect(r).toEqual({ ok: true, data: { publicNotice: { objections: notice.objections, democraticReview: '经评议，异议不属实' } } });
  });

  it('accept a part of a read section sent back unchanged, and refuse a change in it', () => {
    expect(applyPermissions({ '/publicNotice': 'read' }, { publicNotice: { democraticReview: '异议不属实' } }, { publicNotice: notice }).ok).toBe(true);
    const r = applyPermissions({ '/publicNotice': 'read' }, { publicNotice: { period: null } }, { publicNotice: notice });
    expect(r.ok ? [] : r.errors.map((e) => e.path)).toEqual(['/publicNotice']);
  });

  it('make the patch a page sends: only the changed fields, null for the removed, untouched masks left out', () => {
    const shown = { applicant: { idNumber: '320621********0023', phone: '139****5678' }, publicNotice: notice };
    const edited = { applicant: { idNumber: '320621********0023', phone: '13800001111' }, publicNotice: { objections: [...notice.objections, { content: '子女有工作' }], democraticReview: '异议不属实' } };
    expect(mergePatchBetween(shown, edited)).toEqual({ applicant: { phone: '13800001111' }, publicNotice: { objections: [...notice.objections, { content: '子女有工作' }], period: null } });
    expect(mergePatchBetween(shown, structuredClone(shown))).toEqual({});
  });
});
