/**
 * What a county's year is made of, for the year's replay (countyYear.ts): the shipped processes a
 * county runs, each as one or more scripted paths from the opening to an end (approved, refused,
 * withdrawn, corrected once), with the demo accounts acting at their level (applicant, village,
 * township, county, departments), valid form data per step and the waits for the timers (公示, the
 * monthly payments) that the simulated clock and the sweep fire.
 *
 * The data reuses the demo's (server/demo: the household of 王秀英, the 复核 households and findings)
 * and the process tests'; every case gets its own persons (fresh ID numbers of the right age), so
 * the register grows as a county's does.
 *
 * Proportions (share of the 20,000 cases of a year), from ../shared/domain/processes.md and its seeds:
 * 动态管理 reviews every 在保 household yearly (half-yearly for some), the largest volume; 临时救助 is
 * the most frequent new application; 高龄津贴 takes every resident turning 80 ("5万余名老人享受尊老金");
 * 两项补贴 and new 低保 follow; 居家养老服务补贴 "920 households", 适老化改造 "548 homes in one year",
 * 低保边缘 "77 户", children a few hundred; the social organisations' changes a few hundred.
 */
import { demoHousehold } from '../../server/demo/loadDemoCases.js';
import { demoReviewHouseholds, reviewFindings } from '../../server/demo/dibaoReviewDemoCases.js';

/** What a step's data may depend on: the case's own persons and the simulated day. */
export interface CaseContext {
  /** The simulated day (China), `YYYY-MM-DD`. */
  today: string;
  /** The first day of next month, `YYYY-MM-DD`. */
  nextMonth: string;
  /** The case's persons: an adult of working age, an elder (80+), a child, each with a fresh ID number. */
  adult: { name: string; idNumber: string };
  elder: { name: string; idNumber: string };
  child: { name: string; idNumber: string };
}

/** A command of a script: `as` (a demo user) sends `action` with its data; `when` runs it only if the case is at that step. */
export interface ScriptCommand {
  as: string;
  action: string;
  data?: (c: CaseContext) => Record<string, unknown>;
  comment?: string;
  when?: string;
  /** Sent this many times (暂存 while filling a form). */
  repeat?: number;
}

/** The case waits (a 公示, a monthly payment) until a timer brings it to one of `steps`; the replay reads it again after each sweep. */
export interface ScriptWait {
  awaitStep: readonly string[];
}

/** The case rests for `pauseWeeks` simulated weeks (a monthly payment's timer fires meanwhile). */
export interface ScriptPause {
  pauseWeeks: number;
}

/** A step of a script. */
export type ScriptStep = ScriptCommand | ScriptWait | ScriptPause;

/** One path of a process through a county's year. */
export interface CaseScript {
  workflow: string;
  path: string;
  /** Cases of this path in a county's year (scale 1). */
  perYear: number;
  /** Who opens the case; `proxy` for a village's filing; `subject` for an officer's review of a registered person. */
  open: { as: string; data?: (c: CaseContext) => Record<string, unknown>; proxy?: boolean; subject?: 'dibao' | 'tekun' };
  steps: readonly ScriptStep[];
  /** The final steps this path may end in. */
  ends: readonly string[];
}

/** The shipped processes the year does not replay, and why (the plan's test holds every shipped process to one or the other). */
export const notReplayed: Readonly<Record<string, string>> = {
  'org-registration': 'each registration needs a new organisation with its own valid 统一社会信用代码 and founding members: a few dozen a year, left to its process test',
  'org-deregistration': 'a few a year; it ends the demo organisation the org-change path uses',
  'org-annual-report': 'started by its shipped schedule for every organisation (the sweeps of the year start them)',
  'org-dormant-cleanup': 'started by its shipped schedule from the annual reports',
  'fundraising-filing': 'only organisations with 公开募捐资格 (a handful per county); its disclosures are its children',
  'fundraising-disclosure': 'a child of fundraising-filing, started by it',
  'venture-call': 'one call a year, by the county',
  'venture-application': 'a child of venture-call',
  'venture-project': 'a child of venture-call',
};

const applicant = 'applicant-a1';
const village = 'village-a1';
const township = 'township-a';
const county = 'county';

/** The household of the case's adult (as 王秀英's, from the demo) with their own ID numbers. */
const household = (c: CaseContext) => ({
  applicant: { ...demoHousehold.applicant, name: c.adult.name, idNumber: c.adult.idNumber },
  household: { members: [{ name: c.adult.name, idNumber: c.adult.idNumber, relation: '本人', health: '慢性病' }, { ...demoHousehold.household.members[1]!, name: c.child.name, idNumber: c.child.idNumber, relation: '子女' }] },
  income: demoHousehold.income,
  assets: demoHousehold.assets,
});
const investigation = { investigation: { investigators: ['赵村干', '钱社工'], mode: '入户', findings: '情况属实' } };
const correction = { acceptance: { complete: false, missingMaterials: ['家庭成员户口簿复印件'] } };
const six = (answer: '能' | '不能') => ({ eating: answer, dressing: answer, transfer: answer, toileting: answer, walking: answer, bathing: answer });

/** 低保 and 低保边缘: 申请 → 受理 → 调查 → 核对 → 初审 → 公示 → (入户) → 确认. */
const dibaoChain = (workflow: 'dibao' | 'dibao-edge', ending: ScriptCommand): ScriptStep[] => [
  { as: applicant, action: 'save', data: household, repeat: 5 },
  { as: applicant, action: 'submit' },
  { as: township, action: 'accept', data: () => ({ acceptance: { complete: true, relativeFiling: false } }) },
  { as: village, action: 'save', data: () => investigation, repeat: 4 },
  { as: village, action: 'complete', data: () => investigation },
  { as: county, action: 'complete', data: () => ({ verification: { result: '一致' } }) },
  { as: township, action: 'approve', data: () => ({ townshipReview: { opinion: workflow === 'dibao' ? '符合条件' : '人均收入在低保标准1至1.5倍之间' } }) },
  { awaitStep: ['countyVisit', 'countyReview'] },
  { as: county, action: 'complete', when: 'countyVisit', data: () => ({ countyReview: { opinion: '入户核实，情况属实' } }) },
  ending,
];

/** The year's plan at scale 1 (≈ 20,000 cases). */
export const yearScripts: readonly CaseScript[] = [
  {
    workflow: 'dibao-review',
    path: '减发 (收入增加), the county adjusts',
    perYear: 4200,
    open: { as: township, subject: 'dibao' },
    steps: [
      { as: township, action: 'save', data: () => reviewFindings({ wages: 1100, transfer: 200 }, { reasons: ['配偶灵活就业，月收入约1100元'] }), repeat: 13 },
      { as: township, action: 'submit', data: () => reviewFindings({ wages: 1100, transfer: 200 }, { reasons: ['配偶灵活就业，月收入约1100元'] }) },
      { as: county, action: 'adjust', data: () => ({ decision: { opinion: '同意减发' } }) },
    ],
    ends: ['adjusted'],
  },
  {
    workflow: 'dibao-review',
    path: '停发 (迁出), 公示, the county stops, the township delivers',
    perYear: 1800,
    open: { as: township, subject: 'dibao' },
    steps: [
      { as: township, action: 'save', data: () => reviewFindings({ wages: 0 }, { stopGround: '迁出本县（市、区）', reasons: ['已迁往外县居住'], nextCycle: '年度' }), repeat: 11 },
      { as: township, action: 'submit', data: () => reviewFindings({ wages: 0 }, { stopGround: '迁出本县（市、区）', reasons: ['已迁往外县居住'], nextCycle: '年度' }) },
      { awaitStep: ['confirm'] },
      { as: county, action: 'stop' },
      { as: township, action: 'delivered', data: (c) => ({ delivery: { deliveredOn: c.today, method: '直接送达' } }) },
    ],
    ends: ['stopped'],
  },
  {
    workflow: 'linshi',
    path: '急难型: paid at once, paperwork back-filled, approved',
    perYear: 1500,
    open: { as: applicant, data: (c) => ({ ...household(c), hardship: { type: '急难型', cause: '火灾', occurredOn: c.today, description: '住房失火，衣物被褥和口粮全部烧毁' } }) },
    steps: [
      { as: applicant, action: 'save', data: (c) => ({ ...household(c), hardship: { type: '急难型', cause: '火灾', occurredOn: c.today, description: '住房失火，衣物被褥和口粮全部烧毁，暂住亲戚家' } }), repeat: 3 },
      { as: applicant, action: 'submit' },
      { as: township, action: 'grantNow', data: (c) => ({ emergencyAid: { amount: 1500, method: '现金', recipient: c.adult.name, reason: '住房失火，急需衣被口粮' } }) },
      { as: township, action: 'save', data: () => ({ backfill: { recipientSigned: true, materials: ['申请书（补签）'] } }), repeat: 6 },
      { as: township, action: 'complete', data: () => ({ backfill: { recipientSigned: true, materials: ['申请书（补签）', '火灾事故证明'] }, townshipReview: { amount: 1500, opinion: '先行救助属实' } }) },
      { as: township, action: 'approve', data: () => ({ approval: { amount: 1500, opinion: '补办审批' } }) },
    ],
    ends: ['closed'],
  },
  {
    workflow: 'linshi',
    path: '支出型: corrected once, investigated, verified, 公示, approved and paid',
    perYear: 1500,
    open: { as: applicant, data: (c) => ({ ...household(c), hardship: { type: '支出型', cause: '医疗支出', description: '住院手术，医保报销后个人自负18000元', expenses: 18000, requestedAmount: 3000 } }) },
    steps: [
      { as: applicant, action: 'save', data: (c) => ({ ...household(c), hardship: { type: '支出型', cause: '医疗支出', description: '住院手术，医保报销后个人自负18000元，附费用清单', expenses: 18000, requestedAmount: 3000 } }), repeat: 3 },
      { as: applicant, action: 'submit' },
      { as: township, action: 'requestCorrection', comment: '缺少住院费用材料', data: () => ({ acceptance: { complete: false, missingMaterials: ['住院费用发票及费用清单'] } }) },
      { as: applicant, action: 'submit' },
      { as: township, action: 'accept', data: () => ({ acceptance: { complete: true, missingMaterials: [] } }) },
      { as: village, action: 'complete', data: () => ({ investigation: { investigators: ['赵村干', '钱社工'], mode: '入户', findings: '手术属实' } }) },
      { as: county, action: 'complete', data: () => ({ verification: { result: '一致' } }) },
      { as: township, action: 'approve', data: () => ({ townshipReview: { amount: 1500, instalments: 1, opinion: '符合支出型临时救助条件' } }) },
      { awaitStep: ['townshipApproval'] },
      { as: township, action: 'approve', data: () => ({ approval: { amount: 1500, instalments: 1, opinion: '同意' } }) },
      { as: township, action: 'recordPayment', data: (c) => ({ payment: { instalments: [{ amount: 1500, paidOn: c.today, method: '银行转账' }] } }) },
      { as: township, action: 'complete' },
    ],
    ends: ['closed'],
  },
  {
    workflow: 'elderly-allowance',
    path: 'applied for by the family, confirmed, paid monthly, stopped',
    perYear: 3000,
    open: { as: applicant, data: (c) => ({ applicant: { ...demoHousehold.applicant, name: c.adult.name, idNumber: c.adult.idNumber }, elder: { name: c.elder.name, idNumber: c.elder.idNumber, relation: '子女', address: demoHousehold.applicant.address } }) },
    steps: [
      { as: township, action: 'save', data: () => ({ verification: { hukouLocal: true, livingStatus: '健在', method: '户籍信息比对' } }), repeat: 6 },
      { as: township, action: 'confirm', data: () => ({ verification: { hukouLocal: true, livingStatus: '健在', method: '户籍信息比对', opinion: '户籍在本镇，老人健在' } }) },
      { awaitStep: ['paying'] },
      { pauseWeeks: 9 },
      { as: township, action: 'stop', comment: '本人申请放弃', data: (c) => ({ termination: { reason: '本人申请放弃', date: c.today } }) },
    ],
    ends: ['terminated'],
  },
  {
    workflow: 'dibao',
    path: 'applied for, confirmed after 公示',
    perYear: 1200,
    open: { as: applicant, data: (c) => ({ applicant: household(c).applicant }) },
    steps: dibaoChain('dibao', { as: county, action: 'confirm', data: () => ({ countyReview: { opinion: '同意' } }) }),
    ends: ['confirmed'],
  },
  {
    workflow: 'dibao',
    path: 'corrected once, refused by the county',
    perYear: 500,
    open: { as: applicant, data: (c) => ({ applicant: household(c).applicant }) },
    steps: [
      { as: applicant, action: 'save', data: household, repeat: 2 },
      { as: applicant, action: 'submit' },
      { as: township, action: 'requestCorrection', comment: '缺少户口簿', data: () => correction },
      { as: applicant, action: 'submit' },
      ...dibaoChain('dibao', { as: county, action: 'refuse', comment: '家庭财产超过规定', data: () => ({ countyReview: { opinion: '不予确认' }, decision: { refusalReasons: ['家庭财产状况超过当地规定'] } }) }).slice(2),
    ],
    ends: ['refused'],
  },
  {
    workflow: 'dibao',
    path: 'withdrawn by the applicant',
    perYear: 300,
    open: { as: applicant, data: (c) => ({ applicant: household(c).applicant }) },
    steps: [
      { as: applicant, action: 'save', data: household, repeat: 2 },
      { as: applicant, action: 'withdraw', comment: '暂不申请' },
    ],
    ends: ['withdrawn'],
  },
  {
    workflow: 'liangxiang',
    path: 'applied for, 公示, the federation checks, the county decides (护理 only)',
    perYear: 2000,
    open: { as: applicant, data: (c) => ({ applicant: household(c).applicant, household: household(c).household, disabledPerson: { name: c.adult.name, idNumber: c.adult.idNumber, certificateNumber: `${c.adult.idNumber}11`, disabilityType: '肢体残疾', grade: '二级', applicantRole: '本人' } }) },
    steps: [
      { as: applicant, action: 'save', data: (c) => ({ household: household(c).household }), repeat: 4 },
      { as: applicant, action: 'submit' },
      { as: township, action: 'accept', data: () => ({ acceptance: { complete: true } }) },
      { as: township, action: 'save', data: () => ({ townshipReview: { visited: true } }), repeat: 3 },
      { as: township, action: 'approve', data: () => ({ townshipReview: { visited: true, opinion: '情况属实' } }) },
      { awaitStep: ['dpfReview'] },
      { as: 'dpf', action: 'approve', data: () => ({ dpfReview: { certificateValid: true, disabilityType: '肢体残疾', grade: '二级', opinion: '证件真实有效' } }) },
      { as: county, action: 'decide', data: (c) => ({ countyDecision: { living: 'rejected', livingReasons: '申请人家庭不是最低生活保障家庭', nursing: 'approved', payFrom: c.nextMonth, opinion: '同意' } }) },
    ],
    ends: ['decided'],
  },
  {
    workflow: 'home-care-subsidy',
    path: 'the village files, assessed, the township approves',
    perYear: 900,
    open: { as: village, proxy: true, data: (c) => ({ applicant: { name: c.elder.name, idNumber: c.elder.idNumber, phone: '13862712001', address: demoHousehold.applicant.address }, household: { members: [{ name: c.elder.name, idNumber: c.elder.idNumber, relation: '本人' }] }, elder: { name: c.elder.name, idNumber: c.elder.idNumber, category: '低保', livingSituation: '独居', selfCare: '部分自理', servicesWanted: ['助餐', '助洁'], applicantRole: '村（居）委会代办' } }) },
    steps: [
      { as: village, action: 'save', data: (c) => ({ household: { members: [{ name: c.elder.name, idNumber: c.elder.idNumber, relation: '本人' }] } }), repeat: 4 },
      { as: village, action: 'submit' },
      { as: township, action: 'accept', data: () => ({ acceptance: { complete: true } }) },
      { as: 'assessor', action: 'save', data: (c) => ({ assessment: { visitedOn: c.today, assessor: '张敏' } }), repeat: 3 },
      { as: 'assessor', action: 'complete', data: (c) => ({ assessment: { visitedOn: c.today, assessor: '张敏', selfCareScore: 55, serviceLevel: '二级', services: ['助餐', '助洁', '助医'], opinion: '部分失能，独居，需助餐助洁' } }) },
      { as: township, action: 'approve', data: (c) => ({ approval: { amount: 200, payFrom: c.nextMonth, opinion: '同意' } }) },
    ],
    ends: ['approved'],
  },
  {
    workflow: 'home-adaptation',
    path: 'the village files, assessed with a works plan, refused by the county',
    perYear: 550,
    open: { as: village, proxy: true, data: (c) => ({ applicant: { name: c.elder.name, idNumber: c.elder.idNumber, phone: '13862712002', address: demoHousehold.applicant.address }, household: { members: [{ name: c.elder.name, idNumber: c.elder.idNumber, relation: '本人' }] }, elder: { name: c.elder.name, idNumber: c.elder.idNumber, category: '低保边缘', difficulty: ['独居', '失能'], housing: '自有住房', needs: '卫生间加装扶手', applicantRole: '村（居）委会代办' } }) },
    steps: [
      { as: village, action: 'save', data: (c) => ({ household: { members: [{ name: c.elder.name, idNumber: c.elder.idNumber, relation: '本人' }] } }), repeat: 4 },
      { as: village, action: 'submit' },
      { as: township, action: 'accept' },
      { as: 'assessor', action: 'save', data: (c) => ({ plan: { visitedOn: c.today, assessor: '张敏', findings: '卫生间无扶手' } }), repeat: 3 },
      { as: 'assessor', action: 'complete', data: (c) => ({ plan: { visitedOn: c.today, assessor: '张敏', findings: '卫生间无扶手，地面湿滑', works: [{ item: '安装扶手', description: '卫生间马桶旁、淋浴区', quantity: 2, amount: 800 }] } }) },
      { as: county, action: 'refuse', comment: '住房已列入征收范围', data: () => ({ approval: { refusalReasons: ['住房已列入征收范围，不宜改造'] } }) },
    ],
    ends: ['refused'],
  },
  {
    workflow: 'tekun',
    path: 'the village files, investigated, assessed, 公示, recognised',
    perYear: 600,
    open: { as: applicant, data: (c) => ({ applicant: { name: c.elder.name, idNumber: c.elder.idNumber, phone: '13912345678', address: demoHousehold.applicant.address }, household: { members: [{ name: c.elder.name, idNumber: c.elder.idNumber, relation: '本人', employment: '无劳动能力' }] }, income: { transfer: 150 }, assets: { deposits: 800, vehicles: 0 }, circumstances: { category: '老年人（年满60周岁）', noWorkAbility: true, noIncomeSource: true, supporters: '无法定赡养、抚养、扶养义务人' } }) },
    steps: [
      { as: applicant, action: 'save', data: () => ({ income: { transfer: 150 }, assets: { deposits: 800, vehicles: 0 } }), repeat: 4 },
      { as: applicant, action: 'submit' },
      { as: township, action: 'accept', data: () => ({ acceptance: { complete: true, assessedBy: '乡镇（街道）' } }) },
      { as: village, action: 'save', data: () => ({ investigation: { investigators: ['赵村干', '钱社工'] } }), repeat: 4 },
      { as: village, action: 'complete', data: () => ({ investigation: { investigators: ['赵村干', '钱社工'], method: '入户调查' } }) },
      { as: township, action: 'record', data: () => ({ verification: { result: '一致' } }) },
      { as: township, action: 'complete', data: () => ({ assessment: { ...six('能'), dressing: '不能', bathing: '不能' } }) },
      { as: township, action: 'approve', data: () => ({ townshipReview: { opinion: '符合条件' } }) },
      { awaitStep: ['spotCheck', 'countyReview'] },
      { as: county, action: 'complete', when: 'spotCheck', data: () => ({ spotCheck: { result: '属实' } }) },
      { as: county, action: 'confirm', data: () => ({ countyReview: { decision: '认定', opinion: '同意' } }) },
    ],
    ends: ['confirmed'],
  },
  {
    workflow: 'tekun-review',
    path: 'the township re-assesses after a stroke, the county changes the care tier',
    perYear: 600,
    open: { as: township, subject: 'tekun' },
    steps: [
      { as: township, action: 'save', data: (c) => ({ applicant: { name: c.elder.name, idNumber: c.elder.idNumber, phone: '13912340001', address: demoHousehold.applicant.address }, change: { kind: '生活自理能力变化', reportedOn: c.today, description: '中风，卧床' } }), repeat: 8 },
      { as: township, action: 'complete', data: (c) => ({ applicant: { name: c.elder.name, idNumber: c.elder.idNumber, phone: '13912340001', address: demoHousehold.applicant.address }, change: { kind: '生活自理能力变化', reportedOn: c.today, description: '中风，卧床' }, assessment: { ...six('不能'), assessor: '曲塘镇社会事务办', date: c.today } }) },
      { as: county, action: 'changeTier', data: () => ({ decision: { opinion: '同意' } }) },
    ],
    ends: ['tierChanged'],
  },
  {
    workflow: 'dibao-edge',
    path: 'applied for, recognised after 公示',
    perYear: 300,
    open: { as: applicant, data: (c) => ({ applicant: household(c).applicant }) },
    steps: dibaoChain('dibao-edge', { as: county, action: 'confirm', data: () => ({ countyReview: { decision: '认定', opinion: '同意' } }) }).map((s) => ('action' in s && s.action === 'save' && s.as === applicant ? { ...s, data: (c: CaseContext) => ({ ...household(c), income: { wages: 2400, transfer: 400 }, assets: { deposits: 8000, vehicles: 0, housing: '自有住房一处' } }) } : s)),
    ends: ['confirmed'],
  },
  {
    workflow: 'children-support',
    path: 'the guardian applies, checked, the county confirms',
    perYear: 200,
    open: { as: applicant, data: (c) => ({ applicant: household(c).applicant, household: household(c).household, child: { name: c.child.name, idNumber: c.child.idNumber, category: '事实无人抚养儿童', fatherSituation: '重病', motherSituation: '失联', guardianRelation: '祖父母', applicantRole: '监护人申请' } }) },
    steps: [
      { as: applicant, action: 'save', data: (c) => ({ household: household(c).household }), repeat: 4 },
      { as: applicant, action: 'submit' },
      { as: township, action: 'accept', data: () => ({ acceptance: { complete: true } }) },
      { as: township, action: 'save', data: () => ({ verification: { dataMatched: true } }), repeat: 3 },
      { as: township, action: 'approve', data: () => ({ verification: { dataMatched: true, opinion: '信息比对一致' } }) },
      { as: county, action: 'confirm', data: (c) => ({ countyConfirm: { category: '事实无人抚养儿童', amount: 1200, payFrom: c.nextMonth, opinion: '同意' } }) },
    ],
    ends: ['confirmed'],
  },
  {
    workflow: 'org-change',
    path: 'an organisation changes its representative, the registration authority approves',
    perYear: 250,
    open: { as: 'org-volunteers', data: () => ({ organisation: { orgType: '社会团体', name: '海安市青年志愿者协会', creditCode: '51320685MJ5803Q69E', category: '公益慈善类' }, change: { legalRepresentative: '林海燕', address: '海安市长江西路66号', reason: '换届选举产生新任法定代表人。' } }) },
    steps: [
      { as: 'org-volunteers', action: 'save', data: () => ({ change: { legalRepresentative: '林海燕', address: '海安市长江西路66号', reason: '换届选举产生新任法定代表人。' } }), repeat: 4 },
      { as: 'org-volunteers', action: 'submit' },
      { as: 'registration', action: 'accept' },
      { as: 'registration', action: 'approve' },
    ],
    ends: ['changed'],
  },
];

/** The facts a review path's subject is registered with before its review starts (a confirmed case leaves them). */
export const reviewedFacts = {
  dibao: demoReviewHouseholds[0]!.dibao,
  tekun: { status: '在册', careTier: '半护理', monthlyAmount: 1900, since: '2025-01-20' },
} as const;

/** How many cases of each script `scale` of a year has (at least one of each). */
export function casesAtScale(scale: number): { script: CaseScript; count: number }[] {
  return yearScripts.map((script) => ({ script, count: Math.max(1, Math.round(script.perYear * scale)) }));
}

/** Commands a script sends when every step runs (its `when` steps included), the opening counted. */
export function commandsOf(script: CaseScript): number {
  return 1 + script.steps.reduce((n, s) => n + ('action' in s ? (s.repeat ?? 1) : 0), 0);
}
