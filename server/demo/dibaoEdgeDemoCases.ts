/**
 * Demo 低保边缘家庭认定 cases in different states, created through the real command routes as the
 * demo users: one in 公示 after 受理, 调查, 核对 and 初审 (曲塘镇), one returned for 补正 (孙庄街道),
 * and one waiting for 曲塘镇 to accept.
 */
import type { RestClient } from '../start/restClient.js';

type CaseAnswer = { case: { id: string; version: number } };

/** 周玉兰's household of 曲塘镇杨庄村, filed by the village (代办): 2,800 元 a month for two, 1,400 per member — between 1 and 1.5 × the 1,000 standard. */
const zhouHousehold = {
  applicant: { name: '周玉兰', idNumber: '32062119650412002X', phone: '13912345670', address: '海安市曲塘镇杨庄村12组8号', filedByProxy: true, proxyName: '杨庄村委会' },
  household: { members: [{ name: '周玉兰', idNumber: '32062119650412002X', relation: '本人' }, { name: '李建华', idNumber: '320621196308150010', relation: '配偶', health: '重特大疾病' }] },
  income: { wages: 2400, transfer: 400 },
  assets: { deposits: 8000, vehicles: 0, housing: '自有住房一处' },
};

/** Creates the demo 低保边缘 cases as the demo users (`as` impersonates one); returns how many it created. */
export async function loadDibaoEdgeDemoCases(as: (email: string) => Promise<RestClient>): Promise<number> {
  const b1 = await as('applicant-b1@demo.tongban');
  const villageA1 = await as('village-a1@demo.tongban');
  const townshipA = await as('township-a@demo.tongban');
  const townshipB = await as('township-b@demo.tongban');
  const county = await as('county@demo.tongban');
  const step = async (user: RestClient, c: CaseAnswer, action: string, commandId: string, data?: Record<string, unknown>, comment?: string): Promise<CaseAnswer> =>
    user.send<CaseAnswer>('POST', `/api/tongban/cases/${c.case.id}/commands`, { action, version: c.case.version, commandId, ...(data ? { data } : {}), ...(comment ? { comment } : {}) });

  // 1. 周玉兰 (杨庄村 files for her): accepted, investigated, verified, passed 初审 — now in the 7-day 公示.
  let first = await villageA1.send<CaseAnswer>('POST', '/api/tongban/cases', { workflow: 'dibao-edge', commandId: 'demo-edge-a1-open', proxy: true, data: zhouHousehold });
  first = await step(villageA1, first, 'submit', 'demo-edge-a1-submit');
  first = await step(townshipA, first, 'accept', 'demo-edge-a1-accept', { acceptance: { complete: true, relativeFiling: false } });
  first = await step(villageA1, first, 'complete', 'demo-edge-a1-investigate', { investigation: { investigators: ['赵村干', '钱社工'], mode: '入户', findings: '夫妻二人，丈夫重病，妻子务工' } });
  first = await step(county, first, 'complete', 'demo-edge-a1-verify', { verification: { result: '一致' } });
  await step(townshipA, first, 'approve', 'demo-edge-a1-review', { townshipReview: { opinion: '家庭人均月收入1400元，在低保标准1至1.5倍之间' } });

  // 2. 李建国 (孙庄社区): submitted; 孙庄街道 asked once for everything missing — back with him for 补正.
  const data = {
    applicant: { name: '李建国', idNumber: '320621196207040015', phone: '13800001111', address: '海安市孙庄街道孙庄社区8幢' },
    household: { members: [{ name: '李建国', idNumber: '320621196207040015', relation: '本人' }] },
    income: { wages: 1300 },
    assets: { deposits: 5000, vehicles: 0, housing: '租住公房' },
  };
  let second = await b1.send<CaseAnswer>('POST', '/api/tongban/cases', { workflow: 'dibao-edge', commandId: 'demo-edge-b1-open', data });
  second = await step(b1, second, 'submit', 'demo-edge-b1-submit');
  await step(townshipB, second, 'requestCorrection', 'demo-edge-b1-correction', { acceptance: { complete: false, missingMaterials: ['近6个月工资收入证明', '租房合同复印件'] } }, '缺少收入证明和租房合同');

  // 3. 杨庄村 files for 陈桂兰 (no account): waiting for 曲塘镇 to accept.
  const third = await villageA1.send<CaseAnswer>('POST', '/api/tongban/cases', {
    workflow: 'dibao-edge',
    commandId: 'demo-edge-proxy-open',
    proxy: true,
    data: {
      applicant: { name: '陈桂兰', idNumber: '320621196204150024', phone: '13912345679', address: '海安市曲塘镇杨庄村3组8号', filedByProxy: true, proxyName: '杨庄村委会' },
      household: { members: [{ name: '陈桂兰', idNumber: '320621196204150024', relation: '本人' }] },
      income: { wages: 1200 },
      assets: { deposits: 2000, vehicles: 0, housing: '自有住房一处' },
    },
  });
  await step(villageA1, third, 'submit', 'demo-edge-proxy-submit');
  return 3;
}
