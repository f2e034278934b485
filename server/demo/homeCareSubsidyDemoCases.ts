/**
 * Demo cases of 居家养老服务补贴 (workflows/home-care-subsidy) in several states, created through the
 * real command routes as the demo users: waiting for 受理, at the assessor's 入户需求评估 after a
 * village's 代办 filing, and assessed, at the county's 审批.
 */
import type { RestClient } from '../start/restClient.js';
import { demoHousehold } from './loadDemoCases.js';

type CaseAnswer = { case: { id: string; version: number } };

/** Sends `action` on the case as `by`; answers the case's new version. */
async function act(by: RestClient, c: CaseAnswer, action: string, commandId: string, data?: Record<string, unknown>): Promise<CaseAnswer> {
  return by.send<CaseAnswer>('POST', `/api/tongban/cases/${c.case.id}/commands`, { action, version: c.case.version, commandId, ...(data ? { data } : {}) });
}

/** Creates the 居家养老服务补贴 demo cases as the users `as` signs in; returns how many. */
export async function loadHomeCareSubsidyDemoCases(as: (email: string) => Promise<RestClient>): Promise<number> {
  const a1 = await as('applicant-a1@demo.tongban');
  const villageA1 = await as('village-a1@demo.tongban');
  const townshipA = await as('township-a@demo.tongban');
  const assessor = await as('assessor@demo.tongban');

  // 1. 王秀英 for her father-in-law 陆德明, 87 (经济困难的高龄老年人): waiting for 曲塘镇 to accept.
  const family = await a1.send<CaseAnswer>('POST', '/api/tongban/cases', {
    workflow: 'home-care-subsidy',
    commandId: 'demo-jy-a1-open',
    data: {
      applicant: demoHousehold.applicant,
      household: demoHousehold.household,
      elder: { name: '陆德明', idNumber: '320621193807050010', category: '经济困难的高龄老年人', livingSituation: '与子女同住', selfCare: '部分自理', servicesWanted: ['助浴', '助医'], applicantRole: '家属申请' },
    },
  });
  await act(a1, family, 'submit', 'demo-jy-a1-submit');

  // 2. 杨庄村 files for 周玉芳, 86, a 低保 recipient living alone who has no account (代办): at the assessor's visit.
  let filed = await villageA1.send<CaseAnswer>('POST', '/api/tongban/cases', {
    workflow: 'home-care-subsidy',
    commandId: 'demo-jy-proxy-open',
    proxy: true,
    data: {
      applicant: { name: '周玉芳', idNumber: '320621194003120022', phone: '13862712001', address: '海安市曲塘镇杨庄村5组12号' },
      household: { members: [{ name: '周玉芳', idNumber: '320621194003120022', relation: '本人', health: '慢性病' }] },
      elder: { name: '周玉芳', idNumber: '320621194003120022', category: '低保', livingSituation: '独居', selfCare: '部分自理', servicesWanted: ['助餐', '助洁', '助医'], applicantRole: '村（居）委会代办' },
    },
  });
  filed = await act(villageA1, filed, 'submit', 'demo-jy-proxy-submit');
  await act(townshipA, filed, 'accept', 'demo-jy-proxy-accept', { acceptance: { complete: true } });

  // 3. 杨庄村 files for 顾长海, 84, disabled after a stroke (经济困难的失能老年人): assessed 三级, at the county's 审批.
  let assessed = await villageA1.send<CaseAnswer>('POST', '/api/tongban/cases', {
    workflow: 'home-care-subsidy',
    commandId: 'demo-jy-proxy2-open',
    proxy: true,
    data: {
      applicant: { name: '顾长海', idNumber: '320621194208080036', phone: '13962712088', address: '海安市曲塘镇杨庄村2组5号' },
      household: { members: [{ name: '顾长海', idNumber: '320621194208080036', relation: '本人', health: '重特大疾病' }] },
      elder: { name: '顾长海', idNumber: '320621194208080036', category: '经济困难的失能老年人', livingSituation: '与配偶同住', selfCare: '不能自理', servicesWanted: ['生活照料', '助浴', '康复护理'], applicantRole: '村（居）委会代办' },
    },
  });
  assessed = await act(villageA1, assessed, 'submit', 'demo-jy-proxy2-submit');
  assessed = await act(townshipA, assessed, 'accept', 'demo-jy-proxy2-accept', { acceptance: { complete: true } });
  await act(assessor, assessed, 'complete', 'demo-jy-proxy2-assess', { assessment: { visitedOn: '2026-03-04', assessor: '海安市养老服务评估中心 张敏', selfCareScore: 30, serviceLevel: '三级', services: ['生活照料', '助浴', '康复护理'], opinion: '脑卒中后偏瘫，重度失能' } });
  return 3;
}
