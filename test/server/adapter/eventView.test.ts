import { describe, expect, it } from 'vitest';
import { maskedPatch, publicActorName, publicEvent } from '../../../server/adapter/eventView.js';

const masks = { '/applicant/idNumber': 'id-card', '/applicant/phone': 'mobile', '/household/members/*/idNumber': 'id-card' };

describe('what clients read of an event', () => {
  it('masks the x-mask fields of the data patch by their kind and leaves the rest', () => {
    const patch = { applicant: { idNumber: '320621195503120023', phone: '13912345678', address: '杨庄村5组' }, household: { members: [{ idNumber: '320621198001150015', relation: '子女' }] } };
    expect(maskedPatch(patch, masks)).toEqual({ applicant: { idNumber: '320621********0023', phone: '139****5678', address: '杨庄村5组' }, household: { members: [{ idNumber: '320621********0015', relation: '子女' }] } });
    expect(maskedPatch(null, masks)).toBeNull();
  });

  it('names staff in full and an applicant masked', () => {
    expect(publicActorName({ id: 'u1', kind: 'officer', name: '曲塘镇 社会事务办', roles: [] })).toBe('曲塘镇 社会事务办');
    expect(publicActorName({ id: 'u2', kind: 'applicant', name: '王秀英', roles: [] })).toBe('王*英');
  });

  it('leaves the hidden fields out of the event a command answers with', () => {
    expect(publicEvent({ seq: 1, data_patch: { a: 1 }, replay: {}, data_masked: { a: 1 } })).toEqual({ seq: 1, data_masked: { a: 1 } });
  });
});
