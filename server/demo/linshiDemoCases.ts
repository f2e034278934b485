/**
 * Demo cases of 临时救助 (workflows/linshi) in several states, created through the real command
 * routes as the demo users: a 先行救助 paid by 曲塘镇 whose paperwork is being back-filled, a 支出型
 * application waiting for 孙庄街道 to accept, a village's 代办 filing in 公示, and an emergency
 * approved by the township (海安市's threshold, 3,000 元, from its overlay) and paid in stages.
 */
import type { RestClient } from '../start/restClient.js';
import { demoHousehold } from './loadDemoCases.js';

type CaseAnswer = { case: { id: string; version: number } };

/** Creates the 临时救助 demo cases as the demo users (`as` impersonates one); returns how many it created. */
export async function loadLinshiDemoCases(as: (email: string) => Promise<RestClient>): Promise<number> {
  const a1 = await as('applicant-a1@demo.tongban');
  const b1 = await as('applicant-b1@demo.tongban');
  const villageA1 = await as('village-a1@demo.tongban');
  const townshipA = await as('township-a@demo.tongban');
  const county = await as('county@demo.tongban');
  const open = (user: RestClient, commandId: string, data: unknown, proxy = false) => user.send<CaseAnswer>('POST', '/api/tongban/cases', { workflow: 'linshi', commandId, data, ...(proxy ? { proxy: true } : {}) });
  const step = async (user: RestClient, c: CaseAnswer, action: string, commandId: string, data?: Record<string, unknown>, comment?: string): Promise<CaseAnswer> =>
    user.send<CaseAnswer>('POST', `/api/tongban/cases/${c.case.id}/commands`, { action, version: c.case.version, commandId, ...(data ? { data } : {}), ...(comment ? { comment } : {}) });

  // 1. 王秀英 (village a1): her house burnt down; 曲塘镇 paid 1,500 元 on the spot — the paperwork is due within 5 working days.
  let fire = await open(a1, 'demo-ls-a1-open', { ...demoHousehold, hardship: { type: '急难型', cause: '火灾', occurredOn: '2026-03-01', description: '住房失火，衣物被褥和口粮全部烧毁，暂住亲戚家' } });
  fire = await step(a1, fire, 'submit', 'demo-ls-a1-submit');
  await step(townshipA, fire, 'grantNow', 'demo-ls-a1-grant', { emergencyAid: { amount: 1500, method: '现金', recipient: '王秀英', reason: '住房失火，急需衣被口粮' } });

  // 2. 李建国 (village b1): 32,000 元 of his own medical costs after a stroke (支出型), waiting for 孙庄街道 to accept.
  const medical = await open(b1, 'demo-ls-b1-open', {
    applicant: { name: '李建国', idNumber: '320621196207040015', phone: '13800001111', address: '海安市孙庄街道孙庄社区8幢' },
    household: { members: [{ name: '李建国', idNumber: '320621196207040015', relation: '本人', health: '重特大疾病' }] },
    income: { transfer: 900 },
    assets: { deposits: 2000, vehicles: 0, housing: '租住公房' },
    hardship: { type: '支出型', cause: '医疗支出', occurredOn: '2026-02-10', description: '突发脑梗住院治疗，医保报销后个人自负医疗费用32000元', expenses: 32000, requestedAmount: 5000 },
  });
  await step(b1, medical, 'submit', 'demo-ls-b1-submit');

  // 3. 杨庄村 files (代办) for 周桂芳, whose daughter's college fees came on top of her illness: investigated, verified, in 公示 for 4,000 元 (the county approves).
  let school = await open(
    villageA1,
    'demo-ls-proxy-open',
    {
      applicant: { name: '周桂芳', idNumber: '320621197003050048', phone: '13951234567', address: '海安市曲塘镇杨庄村3组7号' },
      household: { members: [{ name: '周桂芳', idNumber: '320621197003050048', relation: '本人', health: '慢性病' }, { name: '周小雨', idNumber: '320621199908170035', relation: '子女' }] },
      income: { wages: 800, transfer: 300 },
      assets: { deposits: 1000, vehicles: 0, housing: '自有住房一处' },
      hardship: { type: '支出型', cause: '教育支出', description: '女儿大学学费及住宿费 9,800 元，家庭无力负担', expenses: 9800, requestedAmount: 5000 },
    },
    true,
  );
  school = await step(villageA1, school, 'submit', 'demo-ls-proxy-submit');
  school = await step(townshipA, school, 'accept', 'demo-ls-proxy-accept', { acceptance: { complete: true } });
  school = await step(villageA1, school, 'complete', 'demo-ls-proxy-investigate', { investigation: { investigators: ['赵村干', '钱社工'], mode: '入户', findings: '学费票据属实，家庭收入低' } });
  school = await step(county, school, 'complete', 'demo-ls-proxy-verify', { verification: { result: '一致', notes: '银行存款、车辆、不动产与申报一致' } });
  await step(townshipA, school, 'approve', 'demo-ls-proxy-review', { townshipReview: { amount: 4000, instalments: 2, opinion: '符合支出型临时救助条件，建议分两次发放' } });

  // 4. 杨庄村 files for 陈桂兰 after a sudden illness: 1,000 元 first, paperwork complete, 2,500 元 approved by 曲塘镇 — 800 元 of the rest paid so far.
  let illness = await open(
    villageA1,
    'demo-ls-illness-open',
    {
      applicant: { name: '陈桂兰', idNumber: '320621196204150024', phone: '13912345679', address: '海安市曲塘镇杨庄村3组8号' },
      household: { members: [{ name: '陈桂兰', idNumber: '320621196204150024', relation: '本人' }] },
      income: { transfer: 200 },
      assets: { deposits: 0, vehicles: 0, housing: '自有住房一处' },
      hardship: { type: '急难型', cause: '突发重大疾病', description: '突发心梗急诊手术，无力支付押金' },
    },
    true,
  );
  illness = await step(villageA1, illness, 'submit', 'demo-ls-illness-submit');
  illness = await step(townshipA, illness, 'grantNow', 'demo-ls-illness-grant', { emergencyAid: { amount: 1000, method: '银行转账', recipient: '陈桂兰', reason: '急诊手术押金' } });
  illness = await step(townshipA, illness, 'complete', 'demo-ls-illness-backfill', { backfill: { recipientSigned: true, materials: ['申请书（补签）', '住院证明', '身份证复印件'] }, townshipReview: { amount: 2500, instalments: 2, opinion: '先行救助属实，后续治疗费用仍有困难' } });
  illness = await step(townshipA, illness, 'approve', 'demo-ls-illness-approve', { approval: { amount: 2500, instalments: 2, opinion: '同意' } });
  await step(townshipA, illness, 'recordPayment', 'demo-ls-illness-pay-1', { payment: { instalments: [{ amount: 800, paidOn: '2026-03-20', method: '银行转账' }] } });
  return 4;
}
