/**
 * Demo cases of 残疾人两项补贴 (workflows/liangxiang) in several states, created through the real
 * command routes as the demo users: at the township's 初审, waiting for 受理, and in 公示 after a
 * village's 代办 filing.
 */
import type { RestClient } from '../start/restClient.js';
import { demoHousehold } from './loadDemoCases.js';

type CaseAnswer = { case: { id: string; version: number } };

const as = (admin: RestClient, email: string): Promise<RestClient> => admin.impersonate(email);

/** Sends `action` on the case as `by`; answers the case's new version. */
async function act(by: RestClient, c: CaseAnswer, action: string, commandId: string, data?: Record<string, unknown>): Promise<CaseAnswer> {
  return by.send<CaseAnswer>('POST', `/api/tongban/cases/${c.case.id}/commands`, { action, version: c.case.version, commandId, ...(data ? { data } : {}) });
}

/** Creates the 两项补贴 demo cases; returns how many. */
export async function loadLiangxiangDemoCases(admin: RestClient): Promise<number> {
  const a1 = await as(admin, 'applicant-a1@demo.tongban');
  const b1 = await as(admin, 'applicant-b1@demo.tongban');
  const villageA1 = await as(admin, 'village-a1@demo.tongban');
  const townshipA = await as(admin, 'township-a@demo.tongban');

  // 1. 王秀英, guardian of her son 张明 (二级 肢体残疾): accepted, at 曲塘镇's 初审.
  let guardian = await a1.send<CaseAnswer>('POST', '/api/tongban/cases', {
    workflow: 'liangxiang',
    commandId: 'demo-lx-a1-open',
    data: {
      applicant: demoHousehold.applicant,
      household: demoHousehold.household,
      disabledPerson: { name: '张明', idNumber: '320621198001150015', certificateNumber: '32062119800115001542', disabilityType: '肢体残疾', grade: '二级', applicantRole: '法定监护人' },
    },
  });
  guardian = await act(a1, guardian, 'submit', 'demo-lx-a1-submit');
  await act(townshipA, guardian, 'accept', 'demo-lx-a1-accept', { acceptance: { complete: true } });

  // 2. 李建国 (一级 视力残疾) for himself: submitted, waiting for 孙庄街道 to accept.
  const own = await b1.send<CaseAnswer>('POST', '/api/tongban/cases', {
    workflow: 'liangxiang',
    commandId: 'demo-lx-b1-open',
    data: {
      applicant: { name: '李建国', idNumber: '320621196207040015', phone: '13800001111', address: '海安市孙庄街道孙庄社区8幢' },
      household: { members: [{ name: '李建国', idNumber: '320621196207040015', relation: '本人' }] },
      disabledPerson: { name: '李建国', idNumber: '320621196207040015', certificateNumber: '32062119620704001511', disabilityType: '视力残疾', grade: '一级', applicantRole: '本人' },
    },
  });
  await act(b1, own, 'submit', 'demo-lx-b1-submit');

  // 3. 杨庄村 files for 周桂芳's daughter 周小雨 (三级 智力残疾), who have no account (代办): in 公示.
  let filed = await villageA1.send<CaseAnswer>('POST', '/api/tongban/cases', {
    workflow: 'liangxiang',
    commandId: 'demo-lx-proxy-open',
    proxy: true,
    data: {
      applicant: { name: '周桂芳', idNumber: '320621197003050048', phone: '13951234567', address: '海安市曲塘镇杨庄村3组7号' },
      household: { members: [{ name: '周桂芳', idNumber: '320621197003050048', relation: '本人' }, { name: '周小雨', idNumber: '320621199908170035', relation: '子女' }] },
      disabledPerson: { name: '周小雨', idNumber: '320621199908170035', certificateNumber: '32062119990817003553', disabilityType: '智力残疾', grade: '三级', applicantRole: '村（居）委会代办' },
    },
  });
  filed = await act(villageA1, filed, 'submit', 'demo-lx-proxy-submit');
  filed = await act(townshipA, filed, 'accept', 'demo-lx-proxy-accept', { acceptance: { complete: true } });
  await act(townshipA, filed, 'approve', 'demo-lx-proxy-approve', { townshipReview: { visited: true, opinion: '入户核实，情况属实' } });
  return 3;
}
