/**
 * Demo 特困人员认定 cases in different states, created through the real command routes as the demo
 * users: one in 公示 after 调查, 生活自理能力评估 and 初审 (曲塘镇), one waiting for 孙庄街道 to accept.
 */
import type { RestClient } from '../start/restClient.js';

type CaseAnswer = { case: { id: string; version: number } };

/** Creates the demo 特困 cases as the demo users (`as` impersonates one); returns how many it created. */
export async function loadTekunDemoCases(as: (email: string) => Promise<RestClient>): Promise<number> {
  const a1 = await as('applicant-a1@demo.tongban');
  const b1 = await as('applicant-b1@demo.tongban');
  const townshipA = await as('township-a@demo.tongban');
  const villageA1 = await as('village-a1@demo.tongban');
  const step = async (user: RestClient, c: CaseAnswer, action: string, commandId: string, data?: Record<string, unknown>): Promise<CaseAnswer> =>
    user.send<CaseAnswer>('POST', `/api/tongban/cases/${c.case.id}/commands`, { action, version: c.case.version, commandId, ...(data ? { data } : {}) });

  // 1. 王秀英 (village a1): accepted, investigated, assessed 半护理, passed 初审 — now in the 7-day 公示.
  let first = await a1.send<CaseAnswer>('POST', '/api/tongban/cases', {
    workflow: 'tekun',
    commandId: 'demo-tekun-a1-open',
    data: {
      applicant: { name: '王秀英', idNumber: '320621195503120023', phone: '13912345678', address: '海安市曲塘镇杨庄村5组12号' },
      household: { members: [{ name: '王秀英', idNumber: '320621195503120023', relation: '本人', health: '慢性病', employment: '无劳动能力' }] },
      income: { transfer: 150 },
      assets: { deposits: 800, vehicles: 0, housing: '自有住房一处' },
      circumstances: { category: '老年人（年满60周岁）', noWorkAbility: true, noIncomeSource: true, supporters: '法定义务人无履行义务能力', careArrangement: '分散供养' },
    },
  });
  first = await step(a1, first, 'submit', 'demo-tekun-a1-submit');
  first = await step(townshipA, first, 'accept', 'demo-tekun-a1-accept', { acceptance: { complete: true, assessedBy: '乡镇（街道）' } });
  first = await step(villageA1, first, 'complete', 'demo-tekun-a1-investigate', { investigation: { investigators: ['赵村干', '钱社工'], method: '入户调查', findings: '独居，子女重度残疾无赡养能力' } });
  first = await step(townshipA, first, 'record', 'demo-tekun-a1-verify', { verification: { result: '一致', notes: '依据县核对中心书面核对报告录入', report: { reportNo: 'HA-2026-0318', reportedAt: '2026-03-03', agency: '海安市居民家庭经济状况核对中心', income: { transfer: 150 }, deposits: 800, vehicles: 0, realEstate: 1, companies: [] } } });
  first = await step(townshipA, first, 'complete', 'demo-tekun-a1-assess', { assessment: { eating: '能', dressing: '不能', transfer: '能', toileting: '能', walking: '能', bathing: '不能', assessor: '曲塘镇社会事务办' } });
  await step(townshipA, first, 'approve', 'demo-tekun-a1-review', { townshipReview: { opinion: '符合特困人员条件，拟认定' } });

  // 2. 李建国 (village b1): submitted on his behalf by the 居委会 (代办), waiting for 孙庄街道 to accept.
  const second = await b1.send<CaseAnswer>('POST', '/api/tongban/cases', {
    workflow: 'tekun',
    commandId: 'demo-tekun-b1-open',
    data: {
      applicant: { name: '李建国', idNumber: '320621196207040015', phone: '13800001111', address: '海安市孙庄街道孙庄社区8幢', filedByProxy: true, proxyName: '孙庄社区居委会' },
      household: { members: [{ name: '李建国', idNumber: '320621196207040015', relation: '本人', health: '重特大疾病', disabilityGrade: '一级', employment: '无劳动能力' }] },
      income: { transfer: 100 },
      assets: { deposits: 0, vehicles: 0, housing: '租住公房' },
      circumstances: { category: '残疾人', noWorkAbility: true, noIncomeSource: true, supporters: '无法定赡养、抚养、扶养义务人', careArrangement: '集中供养' },
    },
  });
  await step(b1, second, 'submit', 'demo-tekun-b1-submit');
  return 2;
}
