/**
 * Demo cases of 儿童基本生活保障 (workflows/children-support) in several states, created through the
 * real command routes as the demo users: waiting for 受理, at the township's 查验 after a village's
 * 代办 filing, and at the county's 确认.
 */
import type { RestClient } from '../start/restClient.js';
import { demoHousehold } from './loadDemoCases.js';

type CaseAnswer = { case: { id: string; version: number } };

const as = (admin: RestClient, email: string): Promise<RestClient> => admin.impersonate(email);

/** Sends `action` on the case as `by`; answers the case's new version. */
async function act(by: RestClient, c: CaseAnswer, action: string, commandId: string, data?: Record<string, unknown>): Promise<CaseAnswer> {
  return by.send<CaseAnswer>('POST', `/api/tongban/cases/${c.case.id}/commands`, { action, version: c.case.version, commandId, ...(data ? { data } : {}) });
}

/** Creates the 儿童基本生活保障 demo cases; returns how many. */
export async function loadChildrenSupportDemoCases(admin: RestClient): Promise<number> {
  const a1 = await as(admin, 'applicant-a1@demo.tongban');
  const villageA1 = await as(admin, 'village-a1@demo.tongban');
  const townshipA = await as(admin, 'township-a@demo.tongban');

  // 1. 王秀英, guardian of her grandson 张乐 (father seriously ill, mother unreachable): waiting for 曲塘镇 to accept.
  const guardian = await a1.send<CaseAnswer>('POST', '/api/tongban/cases', {
    workflow: 'children-support',
    commandId: 'demo-et-a1-open',
    data: {
      applicant: demoHousehold.applicant,
      household: demoHousehold.household,
      child: { name: '张乐', idNumber: '320621201803120015', category: '事实无人抚养儿童', fatherSituation: '重病', motherSituation: '失联', guardianRelation: '祖父母', applicantRole: '监护人申请' },
    },
  });
  await act(a1, guardian, 'submit', 'demo-et-a1-submit');

  // 2. 杨庄村 files for 陈桂兰's granddaughter 吴小雨 (father in prison, mother unreachable), who have no account (代办): at 查验.
  let filed = await villageA1.send<CaseAnswer>('POST', '/api/tongban/cases', {
    workflow: 'children-support',
    commandId: 'demo-et-proxy-open',
    proxy: true,
    data: {
      applicant: { name: '陈桂兰', idNumber: '320621196204150024', phone: '13912345679', address: '海安市曲塘镇杨庄村3组8号' },
      household: { members: [{ name: '陈桂兰', idNumber: '320621196204150024', relation: '本人' }, { name: '吴小雨', idNumber: '320621201509080024', relation: '孙子女' }] },
      child: { name: '吴小雨', idNumber: '320621201509080024', category: '事实无人抚养儿童', fatherSituation: '服刑在押', motherSituation: '失联', guardianRelation: '祖父母', applicantRole: '村（居）委会代办' },
    },
  });
  filed = await act(villageA1, filed, 'submit', 'demo-et-proxy-submit');
  await act(townshipA, filed, 'accept', 'demo-et-proxy-accept', { acceptance: { complete: true } });

  // 3. 杨庄村 files for 刘佳 (困境儿童: 自身重病), living with her grandfather 刘志强: verified, at the county's 确认.
  let verified = await villageA1.send<CaseAnswer>('POST', '/api/tongban/cases', {
    workflow: 'children-support',
    commandId: 'demo-et-proxy2-open',
    proxy: true,
    data: {
      applicant: { name: '刘志强', idNumber: '320621195811200017', phone: '13962712345', address: '海安市曲塘镇杨庄村6组2号' },
      household: { members: [{ name: '刘志强', idNumber: '320621195811200017', relation: '本人' }, { name: '刘佳', idNumber: '320621201207230023', relation: '孙子女', health: '重特大疾病' }] },
      child: { name: '刘佳', idNumber: '320621201207230023', category: '困境儿童', difficulty: '自身重病重残', fatherSituation: '无上述情形', motherSituation: '死亡', guardianRelation: '祖父母', applicantRole: '村（居）委会代办' },
    },
  });
  verified = await act(villageA1, verified, 'submit', 'demo-et-proxy2-submit');
  verified = await act(townshipA, verified, 'accept', 'demo-et-proxy2-accept', { acceptance: { complete: true } });
  await act(townshipA, verified, 'approve', 'demo-et-proxy2-verify', { verification: { dataMatched: true, visited: true, opinion: '经医保信息比对及入户核实，儿童患重大疾病，情况属实' } });
  return 3;
}
