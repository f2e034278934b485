/**
 * Demo cases of 适老化改造 (workflows/home-adaptation) in several states, created through the real
 * command routes as the demo users: waiting for 受理, at the assessor's 入户评估 after a village's
 * 代办 filing, and approved, the works under way.
 */
import type { RestClient } from '../start/restClient.js';
import { demoHousehold } from './loadDemoCases.js';

type CaseAnswer = { case: { id: string; version: number } };

/** Sends `action` on the case as `by`; answers the case's new version. */
async function act(by: RestClient, c: CaseAnswer, action: string, commandId: string, data?: Record<string, unknown>): Promise<CaseAnswer> {
  return by.send<CaseAnswer>('POST', `/api/tongban/cases/${c.case.id}/commands`, { action, version: c.case.version, commandId, ...(data ? { data } : {}) });
}

/** Opens a case filed by 杨庄村 for a resident without an account (代办). */
async function villageFiling(village: RestClient, commandId: string, elder: { name: string; idNumber: string; phone: string; address: string; category: string; difficulty: string[]; needs: string }): Promise<CaseAnswer> {
  const { phone, address, ...rest } = elder;
  return village.send<CaseAnswer>('POST', '/api/tongban/cases', {
    workflow: 'home-adaptation',
    commandId,
    proxy: true,
    data: {
      applicant: { name: elder.name, idNumber: elder.idNumber, phone, address },
      household: { members: [{ name: elder.name, idNumber: elder.idNumber, relation: '本人' }] },
      elder: { ...rest, housing: '自有住房', applicantRole: '村（居）委会代办' },
    },
  });
}

/** Creates the 适老化改造 demo cases as the users `as` signs in; returns how many. */
export async function loadHomeAdaptationDemoCases(as: (email: string) => Promise<RestClient>): Promise<number> {
  const a1 = await as('applicant-a1@demo.tongban');
  const villageA1 = await as('village-a1@demo.tongban');
  const townshipA = await as('township-a@demo.tongban');
  const assessor = await as('assessor@demo.tongban');

  // 1. 王秀英 for her father 王德顺, 90, who lives alone in the family's 低保 household: waiting for 曲塘镇 to accept.
  const family = await a1.send<CaseAnswer>('POST', '/api/tongban/cases', {
    workflow: 'home-adaptation',
    commandId: 'demo-sl-a1-open',
    data: {
      applicant: demoHousehold.applicant,
      household: demoHousehold.household,
      elder: { name: '王德顺', idNumber: '320621193611010033', category: '低保', difficulty: ['高龄', '独居'], housing: '自有住房', needs: '卧室到卫生间有台阶，夜间起夜不便', applicantRole: '家属申请' },
    },
  });
  await act(a1, family, 'submit', 'demo-sl-a1-submit');

  // 2. 杨庄村 files for 钱秀兰, 74 (低保边缘, disabled): at the assessor's visit.
  let visiting = await villageFiling(villageA1, 'demo-sl-proxy2-open', { name: '钱秀兰', idNumber: '320621195202140012', phone: '13962712033', address: '海安市曲塘镇杨庄村4组9号', category: '低保边缘', difficulty: ['残疾', '空巢'], needs: '轮椅进出门槛困难' });
  visiting = await act(villageA1, visiting, 'submit', 'demo-sl-proxy2-submit');
  await act(townshipA, visiting, 'accept', 'demo-sl-proxy2-accept', { acceptance: { complete: true } });

  // 3. 杨庄村 files for 沈桂英, 80 (特困, living alone, partly disabled): plan approved by 曲塘镇, the works under way.
  let works = await villageFiling(villageA1, 'demo-sl-proxy-open', { name: '沈桂英', idNumber: '320621194509180022', phone: '13862712002', address: '海安市曲塘镇杨庄村7组3号', category: '特困', difficulty: ['独居', '失能'], needs: '卫生间加装扶手，地面防滑' });
  works = await act(villageA1, works, 'submit', 'demo-sl-proxy-submit');
  works = await act(townshipA, works, 'accept', 'demo-sl-proxy-accept', { acceptance: { complete: true } });
  works = await act(assessor, works, 'complete', 'demo-sl-proxy-plan', {
    plan: { visitedOn: '2026-03-04', assessor: '海安市养老服务评估中心 张敏', findings: '卫生间无扶手，地面湿滑；夜间照明不足', works: [{ item: '安装扶手', description: '卫生间马桶旁、淋浴区', quantity: 2, amount: 800 }, { item: '地面防滑处理', description: '卫生间、厨房', quantity: 1, amount: 1200 }, { item: '照明改造', description: '卧室至卫生间感应夜灯', quantity: 3, amount: 300 }] },
  });
  await act(townshipA, works, 'approve', 'demo-sl-proxy-approve', { approval: { amount: 2300, opinion: '同意按方案改造' } });
  return 3;
}
