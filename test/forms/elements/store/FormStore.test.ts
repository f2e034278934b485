import { describe, expect, it } from 'vitest';
import type { FormSchema } from '../../../../forms/core/index.js';
import { FormStore } from '../../../../forms/elements/store/FormStore.js';
import { shippedFormSchema } from '../../../support/shippedForm.js';

const schema = shippedFormSchema('dibao');

const dibao = schema as FormSchema;
const application = () => ({
  applicant: { name: '王秀英', idNumber: '32062119650412002X', phone: '13912345678' },
  household: { members: [{ name: '王秀英', idNumber: '32062119650412002X', relation: '本人' }, { name: '李建国', idNumber: '320621196308150010', relation: '配偶' }] },
  income: { wages: 300, transfer: 200 },
});

describe('FormStore', () => {
  it('fills the computed figures and recomputes them after a change', () => {
    const store = new FormStore({ schema: dibao, data: application(), params: { standard: 800 } });
    expect(store.get('/household/memberCount')).toBe(2);
    expect(store.get('/income/monthlyTotal')).toBe(500);
    store.set('/income/wages', 700);
    expect(store.get('/income/monthlyTotal')).toBe(900);
    expect(store.get('/income/perCapita')).toBe(450);
  });

  it('keeps the identity of everything a change did not touch', () => {
    const store = new FormStore({ schema: dibao, data: application() });
    const applicant = store.get('/applicant');
    const firstMember = store.get('/household/members/0');
    store.set('/household/members/1/name', '李建军');
    expect(store.get('/applicant')).toBe(applicant);
    expect(store.get('/household/members/0')).toBe(firstMember);
  });

  it('keeps errors hidden until the field is touched or errors are revealed', () => {
    const store = new FormStore({ schema: dibao, data: application() });
    store.set('/applicant/phone', '1234');
    expect(store.errors.map((e) => e.path)).toContain('/applicant/phone');
    expect(store.errorAt('/applicant/phone')).toBeUndefined();
    store.touch('/applicant/phone');
    expect(store.errorAt('/applicant/phone')).toMatch(/联系电话/);
    expect(store.errorAt('/applicant/name')).toBeUndefined();
    store.revealErrors();
    store.set('/applicant/name', '');
    expect(store.errorAt('/applicant/name')).toBe('请填写“姓名”。');
  });

  it('ignores writes where the step may not write and leaves hidden fields out of the value', () => {
    const store = new FormStore({ schema: dibao, data: application(), permissions: { '/applicant': 'read', '/household': 'write', '/income': 'hidden' } });
    store.set('/applicant/name', '赵');
    expect(store.get('/applicant/name')).toBe('王秀英');
    store.set('/household/members/0/name', '王秀兰');
    expect(store.get('/household/members/0/name')).toBe('王秀兰');
    expect(Object.keys(store.value)).toEqual(['applicant', 'household']);
    expect(store.blockingErrors.every((e) => e.path.startsWith('/household'))).toBe(true);
  });

  it('knows conditional visibility and requiredness at concrete paths', () => {
    const store = new FormStore({ schema: dibao, data: application() });
    expect(store.isVisible('/applicant/singlePersonReason')).toBe(false);
    store.set('/applicant/singlePersonBasis', true);
    expect(store.isVisible('/applicant/singlePersonReason')).toBe(true);
    expect(store.isRequired('/applicant/singlePersonReason')).toBe(true);
    expect(store.isRequired('/applicant/name')).toBe(true);
    expect(store.isRequired('/applicant/address')).toBe(false);
  });

  it('keeps an emptied item of a list as an empty text instead of removing it', () => {
    const store = new FormStore({ schema: dibao, data: { acceptance: { complete: false, missingMaterials: ['户口簿', '收入证明'] } } });
    store.set('/acceptance/missingMaterials/0', '');
    expect(store.get('/acceptance/missingMaterials')).toEqual(['', '收入证明']);
    store.set('/applicant/address', '');
    expect(store.get('/applicant')).toBeUndefined();
  });

  it('shows the server’s errors at once, each until its field, a field inside it or above it changes', () => {
    const store = new FormStore({ schema: dibao, data: application() });
    store.setServerErrors([
      { path: '/applicant/address', message: '地址与户籍不符。', keyword: 'server' },
      { path: '/assets', message: '请填写“家庭财产”部分。', keyword: 'server' },
    ]);
    expect(store.errorAt('/applicant/address')).toBe('地址与户籍不符。');
    expect(store.errorAt('/assets')).toBe('请填写“家庭财产”部分。');
    expect(store.blockingErrors.map((e) => e.path)).toEqual(['/applicant/address', '/assets']);
    store.set('/assets/deposits', 3000);
    expect(store.errorAt('/assets')).toBeUndefined();
    store.set('/applicant', { ...(store.get('/applicant') as object), address: '海安市曲塘镇' });
    expect(store.errorAt('/applicant/address')).toBeUndefined();
    expect(store.errors).toEqual([]);
  });

  it('notifies its listeners after every change until they stop listening', () => {
    const store = new FormStore({ schema: dibao, data: application() });
    let calls = 0;
    const stop = store.subscribe(() => calls++);
    store.set('/applicant/name', '王秀兰');
    store.touch('/applicant/name');
    stop();
    store.set('/applicant/name', '王秀英');
    expect(calls).toBe(2);
  });
});
