import { readdirSync } from 'node:fs';
import path from 'node:path';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSchemaFields, mergePatchBetween, permissionAt } from '../../../forms/core/index.js';
import type { WorkflowDefinition } from '../../../engine/index.js';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { demoSocietyApplication } from '../../../server/demo/loadDemoRegistrations.js';
import { demoFundraisingPlan } from '../../../server/demo/fundraisingDemoCases.js';
import { demoVentureCall } from '../../../server/demo/ventureDemoCases.js';
import { shippedDefinition } from '../../support/caseDriver.js';
import { command, openCase, type CaseSummary } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { shippedFormSchema } from '../../support/shippedForm.js';

type Data = Record<string, unknown>;
type CaseView = { case: CaseSummary; data: Data; permissions: Record<string, 'write' | 'read' | 'masked' | 'hidden'>; actions: { action: string; writes?: string[]; requiresComment: boolean }[] };

/** One step of a walk: who acts, which action, what they type into the form as shown, and where the case goes. */
interface Move {
  as: string;
  action: string;
  typed?: (shown: Data) => Data;
  returnTo?: string;
  to: string;
  /** Made only when the case is at this step (a step the spot-check sample may or may not take the case to). */
  onlyAt?: string;
}
/** The 公示 (or any timer) runs out. */
interface Elapse {
  elapse: true;
  /** Calendar days the clock moves on (default 12: past a 7-day 公示). */
  days?: number;
  /** With several steps, the case may go to any of them (a sampled spot check). */
  to: string | string[];
}
type Walk = (Move | Elapse)[];

const investigation = (findings: string) => ({ investigation: { investigators: ['赵村干', '钱社工'], date: '2026-03-04', mode: '入户', findings } });
const objectionsOf = (shown: Data) => ((shown.publicNotice as { objections?: Data[] } | undefined)?.objections ?? []);

/** Walks through every step and action of the 低保 process, by the roles the steps are assigned to. */
const dibaoWalks: Walk[] = [
  [
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'township-a', action: 'requestCorrection', returnTo: 'apply', typed: () => ({ acceptance: { complete: false, missingMaterials: ['户口簿复印件'] } }), to: 'apply' },
    { as: 'applicant-a1', action: 'submit', typed: () => ({ assets: { housing: '自有住房一处，已补交户口簿复印件' } }), to: 'accept' },
    { as: 'township-a', action: 'accept', typed: () => ({ acceptance: { complete: true, missingMaterials: [], relativeFiling: true, relatives: '申请人之女为本村村委委员' } }), to: 'investigation' },
    { as: 'village-a1', action: 'save', typed: () => ({ investigation: { findings: '初步了解' } }), to: 'investigation' },
    { as: 'village-a1', action: 'complete', typed: () => investigation('情况属实'), to: 'verification' },
    { as: 'county', action: 'complete', typed: () => ({ verification: { result: '一致', notes: '无异常' } }), to: 'townshipReview' },
    { as: 'township-a', action: 'returnForInvestigation', returnTo: 'investigation', typed: () => ({ townshipReview: { opinion: '请补充子女就业情况' } }), to: 'investigation' },
    // A returned step goes back to the step that returned it.
    { as: 'village-a1', action: 'complete', typed: () => investigation('子女无劳动能力，情况属实'), to: 'townshipReview' },
    { as: 'township-a', action: 'approve', typed: () => ({ townshipReview: { opinion: '符合条件', proposedAmount: 1200 } }), to: 'publicNotice' },
    { as: 'township-a', action: 'object', typed: (s) => ({ publicNotice: { objections: [...objectionsOf(s), { content: '申请人家中有轿车一辆', receivedOn: '2026-03-06' }] } }), to: 'objectionReview' },
    { as: 'township-a', action: 'democraticReview', typed: (s) => ({ publicNotice: { objections: objectionsOf(s).map((o) => ({ ...o, finding: '不属实' })), democraticReview: '车辆为亲属所有，异议不属实' } }), to: 'townshipReview' },
    { as: 'township-a', action: 'approve', to: 'publicNotice' },
    { as: 'township-a', action: 'object', typed: (s) => ({ publicNotice: { objections: [...objectionsOf(s), { content: '申请人子女有稳定工作', receivedOn: '2026-03-20' }] } }), to: 'objectionReview' },
    { as: 'township-a', action: 'reinvestigate', to: 'investigation' },
    { as: 'village-a1', action: 'complete', to: 'verification' },
    { as: 'county', action: 'complete', to: 'townshipReview' },
    { as: 'township-a', action: 'approve', to: 'publicNotice' },
    { elapse: true, to: 'countyVisit' },
    { as: 'county', action: 'complete', typed: () => ({ countyReview: { homeVisit: '县级入户核实，情况属实' } }), to: 'countyReview' },
    { as: 'county', action: 'extend', to: 'countyReview' },
    { as: 'county', action: 'returnToTownship', returnTo: 'townshipReview', typed: () => ({ countyReview: { opinion: '请核实异议处理记录' } }), to: 'townshipReview' },
    { as: 'township-a', action: 'approve', typed: () => ({ townshipReview: { opinion: '异议处理记录已补充' } }), to: 'countyReview' },
    { as: 'county', action: 'confirm', typed: () => ({ countyReview: { decision: '确认', opinion: '同意' } }), to: 'confirmed' },
  ],
  [{ as: 'applicant-a1', action: 'withdraw', to: 'withdrawn' }],
  [
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'applicant-a1', action: 'withdraw', to: 'withdrawn' },
  ],
  [
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'township-a', action: 'refuseAcceptance', typed: () => ({ acceptance: { complete: false, missingMaterials: ['收入证明'] } }), to: 'notAccepted' },
  ],
  [
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'township-a', action: 'accept', typed: () => ({ acceptance: { complete: true, relativeFiling: false } }), to: 'investigation' },
    { as: 'village-a1', action: 'complete', typed: () => investigation('情况属实'), to: 'verification' },
    { as: 'county', action: 'complete', typed: () => ({ verification: { result: '不一致', sources: [{ source: '车辆', result: '不一致', note: '名下有车辆一辆' }] } }), to: 'townshipReview' },
    { as: 'township-a', action: 'approve', typed: () => ({ townshipReview: { opinion: '提请审核', proposedAmount: 800 } }), to: 'publicNotice' },
    { elapse: true, to: 'countyReview' },
    { as: 'county', action: 'refuse', typed: () => ({ countyReview: { decision: '不予确认', opinion: '家庭财产不符合条件' }, decision: { refusalReasons: ['名下有机动车辆'] } }), to: 'refused' },
  ],
];

/** 王秀英 and her son with 2,800 元 a month: 1,400 per member, above the 1,000 standard and below 1.5 × it (a 低保边缘 household). */
const dibaoEdgeApplication = {
  applicant: demoHousehold.applicant,
  household: { members: [{ name: '王秀英', idNumber: '320621195503120023', relation: '本人' }, { name: '张明', idNumber: '320621198001150015', relation: '子女' }] },
  income: { wages: 2400, transfer: 400 },
  assets: { deposits: 8000, vehicles: 0, housing: '自有住房一处' },
};

/** Walks through every step and action of 低保边缘家庭认定 (the 低保 steps, recognised by the household test). */
const dibaoEdgeWalks: Walk[] = [
  [
    { as: 'applicant-a1', action: 'save', typed: () => ({ assets: { housing: '自有住房一处，砖混结构' } }), to: 'apply' },
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'township-a', action: 'requestCorrection', returnTo: 'apply', typed: () => ({ acceptance: { complete: false, missingMaterials: ['近6个月工资收入证明'] } }), to: 'apply' },
    { as: 'applicant-a1', action: 'submit', typed: () => ({ assets: { housing: '自有住房一处，已补交工资收入证明' } }), to: 'accept' },
    { as: 'township-a', action: 'accept', typed: () => ({ acceptance: { complete: true, missingMaterials: [], relativeFiling: true, relatives: '申请人之女为本村村委委员' } }), to: 'investigation' },
    { as: 'village-a1', action: 'save', typed: () => ({ investigation: { findings: '初步了解' } }), to: 'investigation' },
    { as: 'village-a1', action: 'complete', typed: () => investigation('母子二人，儿子务工'), to: 'verification' },
    { as: 'county', action: 'complete', typed: () => ({ verification: { result: '一致', notes: '无异常' } }), to: 'townshipReview' },
    { as: 'township-a', action: 'returnForInvestigation', returnTo: 'investigation', typed: () => ({ townshipReview: { opinion: '请补充儿子务工收入' } }), to: 'investigation' },
    { as: 'village-a1', action: 'complete', typed: () => investigation('儿子务工月收入2400元，情况属实'), to: 'townshipReview' },
    { as: 'township-a', action: 'approve', typed: () => ({ townshipReview: { opinion: '人均收入在低保标准1至1.5倍之间' } }), to: 'publicNotice' },
    { as: 'township-a', action: 'object', typed: (s) => ({ publicNotice: { objections: [...objectionsOf(s), { content: '申请人家中有轿车一辆', receivedOn: '2026-03-06' }] } }), to: 'objectionReview' },
    { as: 'township-a', action: 'democraticReview', typed: (s) => ({ publicNotice: { objections: objectionsOf(s).map((o) => ({ ...o, finding: '不属实' })), democraticReview: '车辆为亲属所有，异议不属实' } }), to: 'townshipReview' },
    { as: 'township-a', action: 'approve', to: 'publicNotice' },
    { as: 'township-a', action: 'object', typed: (s) => ({ publicNotice: { objections: [...objectionsOf(s), { content: '申请人儿子另有经营收入', receivedOn: '2026-03-20' }] } }), to: 'objectionReview' },
    { as: 'township-a', action: 'reinvestigate', to: 'investigation' },
    { as: 'village-a1', action: 'complete', to: 'verification' },
    { as: 'county', action: 'complete', to: 'townshipReview' },
    { as: 'township-a', action: 'approve', to: 'publicNotice' },
    { elapse: true, to: 'countyVisit' },
    { as: 'county', action: 'complete', typed: () => ({ countyReview: { homeVisit: '县级入户核实，情况属实' } }), to: 'countyReview' },
    { as: 'county', action: 'extend', to: 'countyReview' },
    { as: 'county', action: 'returnToTownship', returnTo: 'townshipReview', typed: () => ({ countyReview: { opinion: '请核实异议处理记录' } }), to: 'townshipReview' },
    { as: 'township-a', action: 'approve', typed: () => ({ townshipReview: { opinion: '异议处理记录已补充' } }), to: 'countyReview' },
    { as: 'county', action: 'confirm', typed: () => ({ countyReview: { decision: '认定', opinion: '同意' } }), to: 'confirmed' },
  ],
  [{ as: 'applicant-a1', action: 'withdraw', to: 'withdrawn' }],
  [
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'applicant-a1', action: 'withdraw', to: 'withdrawn' },
  ],
  [
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'township-a', action: 'refuseAcceptance', typed: () => ({ acceptance: { complete: false, missingMaterials: ['收入证明'] } }), to: 'notAccepted' },
  ],
  [
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'township-a', action: 'accept', typed: () => ({ acceptance: { complete: true, relativeFiling: false } }), to: 'investigation' },
    { as: 'village-a1', action: 'complete', typed: () => investigation('情况属实'), to: 'verification' },
    { as: 'county', action: 'complete', typed: () => ({ verification: { result: '不一致', sources: [{ source: '车辆', result: '不一致', note: '名下有车辆一辆' }] } }), to: 'townshipReview' },
    { as: 'township-a', action: 'approve', typed: () => ({ townshipReview: { opinion: '提请审核' } }), to: 'publicNotice' },
    { elapse: true, to: 'countyReview' },
    { as: 'county', action: 'refuse', typed: () => ({ countyReview: { decision: '不予认定', opinion: '家庭财产不符合条件' }, decision: { refusalReasons: ['名下有机动车辆'] } }), to: 'refused' },
  ],
];

/** 王秀英 applies as guardian for her son (二级 肢体残疾); the household has no 低保, so 生活补贴 is refused. */
const liangxiangApplication = {
  applicant: demoHousehold.applicant,
  household: demoHousehold.household,
  disabledPerson: { name: '张明', idNumber: '320621198001150015', certificateNumber: '32062119800115001542', disabilityType: '肢体残疾', grade: '二级', applicantRole: '法定监护人' },
};

/** Walks through every step and action of the 残疾人两项补贴 process (the 县残联's steps by dpf@). */
const liangxiangWalks: Walk[] = [
  [
    { as: 'applicant-a1', action: 'save', typed: () => ({ disabledPerson: { livingArrangement: '与母亲共同生活' } }), to: 'apply' },
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'township-a', action: 'requestCorrection', returnTo: 'apply', typed: () => ({ acceptance: { complete: false, missingMaterials: ['监护关系证明'] } }), to: 'apply' },
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'township-a', action: 'accept', typed: () => ({ acceptance: { complete: true, missingMaterials: [] } }), to: 'townshipReview' },
    { as: 'township-a', action: 'save', typed: () => ({ townshipReview: { opinion: '初步核实' } }), to: 'townshipReview' },
    { as: 'township-a', action: 'approve', typed: () => ({ townshipReview: { visited: true, opinion: '情况属实' } }), to: 'publicNotice' },
    { as: 'township-a', action: 'object', typed: () => ({ publicNotice: { objection: '群众反映其已外出务工' } }), to: 'townshipReview' },
    { as: 'township-a', action: 'approve', to: 'publicNotice' },
    { elapse: true, to: 'dpfReview' },
    { as: 'dpf', action: 'returnToTownship', returnTo: 'townshipReview', typed: () => ({ dpfReview: { opinion: '请补充残疾人证复印件' } }), to: 'townshipReview' },
    { as: 'township-a', action: 'approve', to: 'dpfReview' },
    { as: 'dpf', action: 'approve', typed: () => ({ dpfReview: { certificateValid: true, disabilityType: '肢体残疾', grade: '二级' } }), to: 'countyDecision' },
    { as: 'county', action: 'returnForReview', returnTo: 'dpfReview', typed: () => ({ countyDecision: { opinion: '请核实残疾等级' } }), to: 'dpfReview' },
    { as: 'dpf', action: 'approve', to: 'countyDecision' },
    { as: 'county', action: 'decide', typed: () => ({ countyDecision: { living: 'rejected', livingReasons: '申请人家庭不是最低生活保障家庭', nursing: 'approved', payFrom: '2026-04-01' } }), to: 'decided' },
  ],
  [{ as: 'applicant-a1', action: 'withdraw', to: 'withdrawn' }],
  [
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'applicant-a1', action: 'withdraw', to: 'withdrawn' },
  ],
  [
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'township-a', action: 'accept', to: 'townshipReview' },
    { as: 'township-a', action: 'refuse', typed: () => ({ townshipReview: { refusalReasons: ['残疾人户籍不在本镇'] } }), to: 'notPassed' },
  ],
  [
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'township-a', action: 'accept', to: 'townshipReview' },
    { as: 'township-a', action: 'approve', to: 'publicNotice' },
    { elapse: true, to: 'dpfReview' },
    { as: 'dpf', action: 'approve', typed: () => ({ dpfReview: { certificateValid: false, opinion: '残疾人证已过有效期' } }), to: 'countyDecision' },
    { as: 'county', action: 'refuse', typed: () => ({ countyDecision: { refusalReasons: ['残疾人证已过有效期，未按规定换领'] } }), to: 'refused' },
  ],
];

/** 王秀英 applies as guardian of her grandson 张乐 (born 2018), whose father is seriously ill. */
const childrenSupportApplication = {
  applicant: demoHousehold.applicant,
  household: demoHousehold.household,
  child: { name: '张乐', idNumber: '320621201803120015', category: '事实无人抚养儿童', fatherSituation: '重病', motherSituation: '失联', guardianRelation: '祖父母', applicantRole: '监护人申请' },
};

/** Walks through every step and action of the 儿童基本生活保障 process (no 公示). */
const childrenSupportWalks: Walk[] = [
  [
    { as: 'applicant-a1', action: 'save', typed: () => ({ child: { livingArrangement: '随祖母生活' } }), to: 'apply' },
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'township-a', action: 'requestCorrection', returnTo: 'apply', typed: () => ({ acceptance: { complete: false, missingMaterials: ['儿童母亲失联的报警回执'] } }), to: 'apply' },
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'township-a', action: 'accept', typed: () => ({ acceptance: { complete: true, missingMaterials: [] } }), to: 'verify' },
    { as: 'township-a', action: 'save', typed: () => ({ verification: { opinion: '比对中' } }), to: 'verify' },
    { as: 'township-a', action: 'approve', typed: () => ({ verification: { dataMatched: true, opinion: '信息比对一致' } }), to: 'countyConfirm' },
    { as: 'county', action: 'returnToTownship', returnTo: 'verify', typed: () => ({ countyConfirm: { opinion: '请补充父亲病情证明' } }), to: 'verify' },
    { as: 'township-a', action: 'approve', to: 'countyConfirm' },
    // 确认 is offered once the category, its amount and a later month agree (entered and saved first).
    { as: 'county', action: 'save', typed: () => ({ countyConfirm: { category: '事实无人抚养儿童', amount: 1200, payFrom: '2026-04-01' } }), to: 'countyConfirm' },
    { as: 'county', action: 'confirm', typed: () => ({ countyConfirm: { opinion: '同意' } }), to: 'confirmed' },
  ],
  [{ as: 'applicant-a1', action: 'withdraw', to: 'withdrawn' }],
  [
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'applicant-a1', action: 'withdraw', to: 'withdrawn' },
  ],
  [
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'township-a', action: 'accept', to: 'verify' },
    { as: 'township-a', action: 'approve', to: 'countyConfirm' },
    { as: 'county', action: 'refuse', typed: () => ({ countyConfirm: { refusalReasons: ['儿童母亲与儿童共同生活'] } }), to: 'refused' },
  ],
];

/** Walks through every step and action of 成立登记: the organisation applies, the 业务主管单位 reviews, the 登记管理机关 decides. */
const orgRegistrationWalks: Walk[] = [
  [
    { as: 'org-stem', action: 'save', typed: () => ({ organisation: { purpose: '普及青少年科学技术知识，组织科技教育活动。' } }), to: 'apply' },
    { as: 'org-stem', action: 'submit', to: 'preReview' },
    { as: 'education', action: 'consent', typed: () => ({ review: { opinion: '同意成立，业务范围与本局职能相符。' } }), to: 'accept' },
    { as: 'registration', action: 'requestCorrection', returnTo: 'apply', to: 'apply' },
    { as: 'org-stem', action: 'submit', to: 'accept' },
    { as: 'registration', action: 'accept', to: 'decide' },
    { as: 'registration', action: 'requestCorrection', returnTo: 'apply', to: 'apply' },
    { as: 'org-stem', action: 'submit', to: 'decide' },
    // 准予登记 is offered once the certificate's number and validity are entered and saved.
    { as: 'registration', action: 'save', typed: () => ({ registration: { certificateNo: '海民社登字第0301号', validUntil: '2031-06-30' } }), to: 'decide' },
    { as: 'registration', action: 'register', to: 'registered' },
  ],
  [{ as: 'org-stem', action: 'withdraw', to: 'withdrawn' }],
  [
    { as: 'org-stem', action: 'submit', to: 'preReview' },
    { as: 'education', action: 'refuse', to: 'notConsented' },
  ],
  [
    { as: 'org-stem', action: 'submit', to: 'preReview' },
    { as: 'education', action: 'consent', to: 'accept' },
    { as: 'registration', action: 'accept', to: 'decide' },
    { as: 'registration', action: 'refuse', to: 'refused' },
  ],
];

const tekunAssessment = { eating: '能', dressing: '不能', transfer: '能', toileting: '能', walking: '能', bathing: '不能' };
const tekunInvestigation = (findings: string) => ({ investigation: { investigators: ['赵村干', '钱社工'], date: '2026-03-04', method: '入户调查', findings } });
/** Walks through every step and action of the 特困 process, the third-party assessor included. */
const tekunWalks: Walk[] = [
  [
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'township-a', action: 'requestCorrection', returnTo: 'apply', typed: () => ({ acceptance: { complete: false, missingMaterials: ['户口簿复印件'] } }), to: 'apply' },
    { as: 'applicant-a1', action: 'save', typed: () => ({ circumstances: { note: '已补交户口簿复印件' } }), to: 'apply' },
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'township-a', action: 'accept', typed: () => ({ acceptance: { complete: true, missingMaterials: [], assessedBy: '第三方评估机构' } }), to: 'investigation' },
    { as: 'village-a1', action: 'save', typed: () => ({ investigation: { findings: '初步了解' } }), to: 'investigation' },
    { as: 'village-a1', action: 'complete', typed: () => tekunInvestigation('无劳动能力、无生活来源，情况属实'), to: 'verification' },
    { as: 'township-a', action: 'record', typed: () => ({ verification: { result: '一致', notes: '核对系统故障，依据书面核对结果录入', report: { reportNo: 'MANUAL-1', deposits: 0, vehicles: 0 } } }), to: 'thirdPartyAssessment' },
    { as: 'assessor', action: 'complete', typed: () => ({ assessment: { ...tekunAssessment, assessor: '海安市养老服务评估中心', date: '2026-03-05' } }), to: 'townshipReview' },
    { as: 'township-a', action: 'holdDemocraticReview', typed: () => ({ townshipReview: { opinion: '提请民主评议' } }), to: 'democraticReview' },
    { as: 'village-a1', action: 'complete', typed: () => ({ democraticReview: { held: true, date: '2026-03-06', opinion: '一致同意' } }), to: 'townshipReview' },
    { as: 'township-a', action: 'returnForInvestigation', returnTo: 'investigation', typed: () => ({ townshipReview: { opinion: '请补充法定义务人情况' } }), to: 'investigation' },
    { as: 'village-a1', action: 'complete', typed: () => tekunInvestigation('无法定赡养义务人，情况属实'), to: 'townshipReview' },
    { as: 'township-a', action: 'approve', typed: () => ({ townshipReview: { opinion: '符合特困人员条件' } }), to: 'publicNotice' },
    { as: 'township-a', action: 'object', typed: () => ({ publicNotice: { objections: [{ summary: '申请人有子女在外地' }] } }), to: 'objectionReview' },
    { as: 'township-a', action: 'reinvestigate', to: 'investigation' },
    { as: 'village-a1', action: 'complete', to: 'verification' },
    { as: 'township-a', action: 'record', to: 'thirdPartyAssessment' },
    { as: 'assessor', action: 'complete', to: 'townshipReview' },
    { as: 'township-a', action: 'approve', to: 'publicNotice' },
    { as: 'township-a', action: 'object', typed: (s) => ({ publicNotice: { objections: [...objectionsOf(s), { summary: '再次反映' }] } }), to: 'objectionReview' },
    { as: 'township-a', action: 'dismiss', typed: (s) => ({ publicNotice: { objections: objectionsOf(s).map((o) => ({ ...o, findings: '经核实，子女已死亡' })) } }), to: 'countyReview' },
    { as: 'county', action: 'returnToTownship', returnTo: 'townshipReview', typed: () => ({ countyReview: { opinion: '请补充异议核实记录' } }), to: 'townshipReview' },
    { as: 'township-a', action: 'approve', to: 'countyReview' },
    { as: 'county', action: 'confirm', typed: () => ({ countyReview: { decision: '认定', opinion: '同意' }, decision: { careArrangement: '分散供养' } }), to: 'confirmed' },
  ],
  [{ as: 'applicant-a1', action: 'withdraw', to: 'withdrawn' }],
  [
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'applicant-a1', action: 'withdraw', to: 'withdrawn' },
  ],
  [
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'township-a', action: 'refuseAcceptance', typed: () => ({ acceptance: { complete: false, missingMaterials: ['户籍证明'], note: '户籍不在本镇' } }), to: 'notAccepted' },
  ],
  [
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'township-a', action: 'accept', typed: () => ({ acceptance: { complete: true, assessedBy: '乡镇（街道）' } }), to: 'investigation' },
    { as: 'village-a1', action: 'complete', typed: () => tekunInvestigation('子女具有赡养能力'), to: 'verification' },
    { as: 'township-a', action: 'record', typed: () => ({ verification: { result: '不一致', notes: '核对系统故障，依据书面核对结果录入', report: { reportNo: 'MANUAL-1', deposits: 0, vehicles: 0 } } }), to: 'assessment' },
    { as: 'township-a', action: 'complete', typed: () => ({ assessment: tekunAssessment }), to: 'townshipReview' },
    { as: 'township-a', action: 'approve', typed: () => ({ townshipReview: { opinion: '提请审核' } }), to: 'publicNotice' },
    { elapse: true, to: ['spotCheck', 'countyReview'] },
    { as: 'county', action: 'complete', onlyAt: 'spotCheck', typed: () => ({ spotCheck: { date: '2026-03-20', result: '不属实', findings: '子女具有赡养能力' } }), to: 'countyReview' },
    { as: 'county', action: 'refuse', typed: () => ({ countyReview: { decision: '不予认定', opinion: '不符合条件' }, decision: { refusalReasons: ['申请人之子具有赡养能力'] } }), to: 'deliverRefusal' },
    { as: 'township-a', action: 'delivered', typed: () => ({ delivery: { date: '2026-03-24', method: '直接送达' } }), to: 'refused' },
  ],
];

const reviewFindings = (extra: Data = {}) => ({ review: { method: '入户调查', investigators: ['赵村干', '钱社工'], date: '2026-03-03', stopGround: '无', nextCycle: '年度', ...extra } });
/** Walks through every step and action of the 低保 复核: 维持 after the county's 近亲属 check, 增发, 停发 after 公示 and objections, and 渐退. */
const dibaoReviewWalks: Walk[] = [
  [
    { as: 'township-a', action: 'save', typed: () => ({ review: { method: '入户调查' } }), to: 'review' },
    { as: 'township-a', action: 'submit', typed: () => reviewFindings({ relativeFiling: true, reasons: ['家庭状况无变化'] }), to: 'countyCheck' },
    { as: 'county', action: 'returnToTownship', returnTo: 'review', typed: () => ({ countyCheck: { opinion: '请补充邻里访问情况' } }), to: 'review' },
    { as: 'township-a', action: 'submit', to: 'countyCheck' },
    { as: 'county', action: 'agree', typed: () => ({ countyCheck: { visited: true, investigators: ['孙科员', '李科员'], opinion: '情况属实' } }), to: 'confirm' },
    { as: 'county', action: 'returnToTownship', typed: () => ({ decision: { opinion: '请核实收入' } }), to: 'review' },
    { as: 'township-a', action: 'submit', to: 'countyCheck' },
    { as: 'county', action: 'agree', to: 'confirm' },
    { as: 'county', action: 'maintain', typed: () => ({ decision: { opinion: '维持' } }), to: 'maintained' },
  ],
  [
    { as: 'township-a', action: 'submit', typed: () => ({ ...reviewFindings({ reasons: ['子女失业'] }), income: { wages: 0, transfer: 200 } }), to: 'confirm' },
    { as: 'county', action: 'adjust', to: 'adjusted' },
  ],
  [
    { as: 'township-a', action: 'submit', typed: () => reviewFindings({ stopGround: '迁出本县（市、区）', reasons: ['户主已迁往外县居住'] }), to: 'publicNotice' },
    { as: 'township-a', action: 'object', typed: () => ({ publicNotice: { objection: '户主仍在本村居住' } }), to: 'objectionReview' },
    { as: 'township-a', action: 'reinvestigate', typed: () => ({ publicNotice: { handling: '重新入户核实' } }), to: 'review' },
    { as: 'township-a', action: 'submit', to: 'publicNotice' },
    { as: 'township-a', action: 'object', to: 'objectionReview' },
    { as: 'township-a', action: 'dismiss', typed: () => ({ publicNotice: { handling: '经核实户主已迁出' } }), to: 'confirm' },
    { as: 'county', action: 'stop', to: 'deliverStop' },
    { as: 'township-a', action: 'delivered', typed: () => ({ delivery: { deliveredOn: '2026-03-20', method: '直接送达' } }), to: 'stopped' },
  ],
  [
    { as: 'township-a', action: 'submit', typed: () => ({ ...reviewFindings({ employmentIncome: true, reasons: ['子女稳定就业'] }), income: { wages: 3000, transfer: 200 } }), to: 'publicNotice' },
    { elapse: true, to: 'confirm' },
    { as: 'county', action: 'gradualStop', to: 'deliverStop' },
    { as: 'township-a', action: 'delivered', to: 'gradualPeriod' },
    { elapse: true, days: 100, to: 'gradualEnded' },
  ],
];

/** 公开募捐方案备案 by a supervised charity (org-stem, given 公募资格 by `prepare`): consent, 补齐, refusals, a change filing, a lapse. */
const fundraisingWalks: Walk[] = [
  [
    { as: 'org-stem', action: 'save', typed: () => ({ campaign: { partners: '海安市各中小学校' } }), to: 'apply' },
    { as: 'org-stem', action: 'submit', to: 'consent' },
    { as: 'education', action: 'consent', typed: () => ({ consent: { opinion: '同意开展。' } }), to: 'review' },
    { as: 'registration', action: 'requestCompletion', returnTo: 'supplement', typed: () => ({ review: { missing: ['募捐箱设置地点清单'] } }), to: 'supplement' },
    { as: 'org-stem', action: 'submit', typed: () => ({ campaign: { area: '海安市城区各学校' } }), to: 'review' },
    { as: 'registration', action: 'save', typed: () => ({ review: { recordNo: '海民募备〔2026〕3号' } }), to: 'review' },
    { as: 'registration', action: 'accept', to: 'disclosures' },
  ],
  [
    { as: 'org-stem', action: 'submit', to: 'consent' },
    { as: 'education', action: 'refuse', typed: () => ({ consent: { opinion: '暂不同意。' } }), to: 'notConsented' },
  ],
  [
    { as: 'org-stem', action: 'submit', to: 'consent' },
    { as: 'education', action: 'consent', to: 'review' },
    { as: 'registration', action: 'refuse', typed: () => ({ review: { reasons: '受益人与章程规定的业务范围不符。' } }), to: 'refused' },
  ],
  [
    { as: 'org-stem', action: 'submit', to: 'consent' },
    { as: 'education', action: 'consent', to: 'review' },
    { as: 'registration', action: 'requestCompletion', returnTo: 'supplement', typed: () => ({ review: { missing: ['募捐负责人的身份证明'] } }), to: 'supplement' },
    { as: 'org-stem', action: 'withdraw', to: 'withdrawn' },
  ],
  [
    { as: 'org-stem', action: 'submit', to: 'consent' },
    { as: 'education', action: 'consent', to: 'review' },
    { as: 'registration', action: 'requestCompletion', returnTo: 'supplement', typed: () => ({ review: { missing: ['募捐负责人的身份证明'] } }), to: 'supplement' },
    { elapse: true, to: 'lapsed' },
  ],
  [
    { as: 'org-stem', action: 'submit', typed: () => ({ filing: { kind: '变更备案', originalRecordNo: '海民募备〔2026〕3号', changedOn: '2026-02-26', changes: '募捐区域扩大至全市' } }), to: 'consent' },
    { as: 'education', action: 'consent', to: 'review' },
    // 予以备案 is offered once the record number is in (its guard reads the stored data).
    { as: 'registration', action: 'save', typed: () => ({ review: { recordNo: '海民募备〔2026〕3号-1' } }), to: 'review' },
    { as: 'registration', action: 'accept', to: 'changed' },
  ],
  [{ as: 'org-stem', action: 'withdraw', to: 'withdrawn' }],
];


/** What a 临时救助 walk's case is opened with: 王秀英's household, 支出型 (a walk saves it as 急难型 to take the emergency path). */
const linshiApplication = { ...demoHousehold, hardship: { type: '支出型', cause: '医疗支出', description: '住院治疗，个人自负医疗费用较大', expenses: 30000, requestedAmount: 5000 } };
const linshiReferral = { referral: { organisation: '海安市慈善总会', organisationKind: '慈善组织', need: '后续康复治疗费用', referredOn: '2026-03-20' } };
/** From 受理 through 调查 and 核对 to the township's 审核. */
const linshiToReview: Walk = [
  { as: 'applicant-a1', action: 'submit', to: 'accept' },
  { as: 'township-a', action: 'accept', to: 'investigation' },
  { as: 'village-a1', action: 'complete', typed: () => investigation('住院属实'), to: 'verification' },
  { as: 'county', action: 'complete', typed: () => ({ verification: { result: '一致' } }), to: 'townshipReview' },
];
/** Walks through every step and action of the 临时救助 process: 支出型 with 补正, returns and 公示 objections, the county's approval paid in stages, 急难型 先行救助, and each refusal. */
const linshiWalks: Walk[] = [
  [
    { as: 'applicant-a1', action: 'save', typed: () => ({ hardship: { requestedAmount: 4000 } }), to: 'apply' },
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'township-a', action: 'requestCorrection', returnTo: 'apply', typed: () => ({ acceptance: { complete: false, missingMaterials: ['住院费用发票及费用清单'] } }), to: 'apply' },
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'township-a', action: 'accept', typed: () => ({ acceptance: { complete: true, missingMaterials: [] } }), to: 'investigation' },
    { as: 'village-a1', action: 'save', typed: () => investigation('调查中'), to: 'investigation' },
    { as: 'village-a1', action: 'complete', typed: () => investigation('住院属实，家庭无其他收入'), to: 'verification' },
    { as: 'county', action: 'complete', typed: () => ({ verification: { result: '一致' } }), to: 'townshipReview' },
    { as: 'township-a', action: 'save', typed: () => ({ townshipReview: { amount: 4000, instalments: 2 } }), to: 'townshipReview' },
    { as: 'township-a', action: 'returnForInvestigation', returnTo: 'investigation', to: 'investigation' },
    { as: 'village-a1', action: 'complete', to: 'townshipReview' },
    { as: 'township-a', action: 'save', typed: () => linshiReferral, to: 'townshipReview' },
    { as: 'township-a', action: 'refer', to: 'townshipReview' },
    { as: 'township-a', action: 'approve', typed: () => ({ townshipReview: { opinion: '符合支出型临时救助条件' } }), to: 'publicNotice' },
    { as: 'township-a', action: 'object', typed: () => ({ publicNotice: { objection: '村民反映其子女有稳定收入' } }), to: 'townshipReview' },
    { as: 'township-a', action: 'approve', to: 'publicNotice' },
    { elapse: true, to: 'countyApproval' },
    { as: 'county', action: 'returnToTownship', returnTo: 'townshipReview', typed: () => ({ approval: { opinion: '请说明分次发放理由' } }), to: 'townshipReview' },
    { as: 'township-a', action: 'approve', to: 'countyApproval' },
  ],
  [
    ...linshiToReview,
    { as: 'township-a', action: 'save', typed: () => ({ townshipReview: { amount: 4000, instalments: 2 } }), to: 'townshipReview' },
    { as: 'township-a', action: 'approve', to: 'publicNotice' },
    { elapse: true, to: 'countyApproval' },
    { as: 'county', action: 'save', typed: () => ({ approval: { amount: 4000, instalments: 2 } }), to: 'countyApproval' },
    { as: 'county', action: 'approve', typed: () => ({ approval: { opinion: '同意，分两次发放' } }), to: 'payment' },
    { as: 'township-a', action: 'recordPayment', typed: () => ({ payment: { instalments: [{ amount: 2500, paidOn: '2026-03-20', method: '银行转账' }] } }), to: 'payment' },
    { as: 'township-a', action: 'save', typed: () => ({ referral: { ...linshiReferral.referral, contact: '慈善总会救助部 0513-88000000' } }), to: 'payment' },
    { as: 'township-a', action: 'refer', typed: () => ({ referral: { need: '重建住房' } }), to: 'payment' },
    { as: 'township-a', action: 'recordPayment', typed: () => ({ payment: { instalments: [{ amount: 2500, paidOn: '2026-03-20', method: '银行转账' }, { amount: 1500, paidOn: '2026-04-20', method: '银行转账' }] } }), to: 'payment' },
    { as: 'township-a', action: 'complete', to: 'closed' },
  ],
  [
    { as: 'applicant-a1', action: 'save', typed: () => ({ hardship: { type: '急难型', cause: '火灾', description: '住房失火，衣物被褥和口粮全部烧毁' } }), to: 'apply' },
    { as: 'applicant-a1', action: 'submit', to: 'emergencyAid' },
    { as: 'township-a', action: 'save', typed: () => ({ emergencyAid: { amount: 1500, method: '现金', paidOn: '2026-03-02' } }), to: 'emergencyAid' },
    { as: 'township-a', action: 'grantNow', typed: () => ({ emergencyAid: { recipient: '王秀英', reason: '住房失火' } }), to: 'backfill' },
    { as: 'township-a', action: 'save', typed: () => ({ backfill: { recipientSigned: true, materials: ['申请书（补签）'] }, townshipReview: { amount: 1500 }, ...linshiReferral }), to: 'backfill' },
    { as: 'township-a', action: 'refer', to: 'backfill' },
    { as: 'township-a', action: 'complete', typed: () => ({ backfill: { completedOn: '2026-03-05' } }), to: 'townshipApproval' },
    { as: 'township-a', action: 'returnToReview', returnTo: 'townshipReview', to: 'townshipReview' },
    { as: 'township-a', action: 'approve', to: 'townshipApproval' },
    { as: 'township-a', action: 'save', typed: () => ({ approval: { amount: 1500 } }), to: 'townshipApproval' },
    { as: 'township-a', action: 'approve', typed: () => ({ approval: { opinion: '补办审批' } }), to: 'closed' },
  ],
  [
    { as: 'applicant-a1', action: 'save', typed: () => ({ hardship: { type: '急难型', cause: '其他意外事件' } }), to: 'apply' },
    { as: 'applicant-a1', action: 'submit', to: 'emergencyAid' },
    { as: 'township-a', action: 'toRegular', to: 'accept' },
    { as: 'township-a', action: 'refuseAcceptance', typed: () => ({ acceptance: { refusalReasons: ['户籍和经常居住地均不在本镇'] } }), to: 'notAccepted' },
  ],
  [...linshiToReview, { as: 'township-a', action: 'refuse', typed: () => ({ townshipReview: { refusalReasons: ['家庭人均可支配收入高于当地上年度人均可支配收入'] } }), to: 'refusedTownship' }],
  [
    ...linshiToReview,
    { as: 'township-a', action: 'save', typed: () => ({ townshipReview: { amount: 1000 } }), to: 'townshipReview' },
    { as: 'township-a', action: 'approve', to: 'publicNotice' },
    { elapse: true, to: 'townshipApproval' },
    { as: 'township-a', action: 'refuse', typed: () => ({ approval: { refusalReasons: ['医疗费用已由医疗救助报销'] } }), to: 'refusedTownship' },
  ],
  [
    ...linshiToReview,
    { as: 'township-a', action: 'save', typed: () => ({ townshipReview: { amount: 5000 } }), to: 'townshipReview' },
    { as: 'township-a', action: 'approve', to: 'publicNotice' },
    { elapse: true, to: 'countyApproval' },
    { as: 'county', action: 'refuse', typed: () => ({ approval: { refusalReasons: ['医疗费用已由医疗救助报销'] } }), to: 'refusedCounty' },
  ],
  [{ as: 'applicant-a1', action: 'withdraw', to: 'withdrawn' }],
  [
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'applicant-a1', action: 'withdraw', to: 'withdrawn' },
  ],
];

const tekunChange = (kind: string) => ({ applicant: { name: '陈德贵', idNumber: '320621195001010019', phone: '13912340001' }, change: { kind, reportedOn: '2026-03-02', description: '乡镇走访获知' } });
/** Walks through every step and action of the 特困 复核: a tier changed after a return, a tier kept, a termination after 公示 and objections, one kept on. */
const tekunReviewWalks: Walk[] = [
  [
    { as: 'township-a', action: 'save', typed: () => tekunChange('生活自理能力变化'), to: 'reassess' },
    { as: 'township-a', action: 'complete', typed: () => ({ assessment: { ...tekunAssessment, eating: '不能', transfer: '不能', toileting: '不能', date: '2026-03-04' } }), to: 'confirmTier' },
    { as: 'county', action: 'returnToTownship', returnTo: 'reassess', typed: () => ({ decision: { opinion: '请注明评估人员' } }), to: 'reassess' },
    { as: 'township-a', action: 'complete', typed: () => ({ assessment: { assessor: '曲塘镇社会事务办' } }), to: 'confirmTier' },
    { as: 'county', action: 'changeTier', typed: () => ({ decision: { opinion: '同意变更为全护理' } }), to: 'tierChanged' },
  ],
  [
    { as: 'township-a', action: 'complete', typed: () => ({ ...tekunChange('生活自理能力变化'), assessment: tekunAssessment }), to: 'confirmTier' },
    { as: 'county', action: 'keepTier', to: 'tierKept' },
  ],
  [
    // 提出终止 is offered once a ground of 第24条 is chosen and saved.
    { as: 'township-a', action: 'save', typed: () => ({ ...tekunChange('经济状况变化'), termination: { grounds: ['具备或者恢复劳动能力'], reasons: ['已在镇工业园区就业'] } }), to: 'reassess' },
    { as: 'township-a', action: 'proposeTermination', to: 'terminationNotice' },
    { as: 'township-a', action: 'object', typed: () => ({ publicNotice: { objection: '其仍无法正常劳动' } }), to: 'objectionReview' },
    { as: 'township-a', action: 'reinvestigate', typed: () => ({ publicNotice: { handling: '重新核查' } }), to: 'reassess' },
    { as: 'township-a', action: 'proposeTermination', to: 'terminationNotice' },
    { as: 'township-a', action: 'object', to: 'objectionReview' },
    { as: 'township-a', action: 'dismiss', typed: () => ({ publicNotice: { handling: '经核实已稳定就业' } }), to: 'confirmTermination' },
    { as: 'county', action: 'returnToTownship', returnTo: 'reassess', typed: () => ({ decision: { opinion: '请补充就业证明' } }), to: 'reassess' },
    { as: 'township-a', action: 'proposeTermination', to: 'confirmTermination' },
    { as: 'county', action: 'terminate', to: 'deliverTermination' },
    { as: 'township-a', action: 'delivered', typed: () => ({ delivery: { deliveredOn: '2026-03-20', method: '直接送达' } }), to: 'terminated' },
  ],
  [
    { as: 'township-a', action: 'save', typed: () => ({ ...tekunChange('法定义务人情况变化'), termination: { grounds: ['法定义务人具有了履行义务能力或者新增具有履行义务能力的法定义务人'] } }), to: 'reassess' },
    { as: 'township-a', action: 'proposeTermination', to: 'terminationNotice' },
    { elapse: true, to: 'confirmTermination' },
    { as: 'county', action: 'continueSupport', typed: () => ({ decision: { reasons: ['其子收入不足以履行赡养义务'] } }), to: 'continued' },
  ],
];

/** 公益创投: the county announces the call (a draft, then published: one application per registered organisation). */
const ventureCallWalks: Walk[] = [
  [
    { as: 'county', action: 'save', typed: () => ({ call: { title: '2027年度海安市公益创投（草稿）' } }), to: 'announce' },
    { as: 'county', action: 'publish', typed: () => ({ call: { title: '2027年度海安市公益创投' } }), to: 'applications' },
  ],
];

/** 周玉芳, a 低保 elder living alone, applying for the 居家养老服务补贴 (the county's other categories by a save). */
const homeCareApplication = {
  applicant: { name: '周玉芳', idNumber: '320621194003120022', phone: '13862712001', address: '海安市曲塘镇杨庄村5组12号' },
  household: { members: [{ name: '周玉芳', idNumber: '320621194003120022', relation: '本人' }] },
  elder: { name: '周玉芳', idNumber: '320621194003120022', category: '低保', livingSituation: '独居', selfCare: '部分自理', applicantRole: '本人申请' },
};
const homeCareAssessment = { assessment: { visitedOn: '2026-03-04', assessor: '张敏', serviceLevel: '二级', services: ['助餐', '助洁'] } };
const homeCareWalks: Walk[] = [
  [
    { as: 'applicant-a1', action: 'save', typed: () => ({ elder: { servicesWanted: ['助餐'] } }), to: 'apply' },
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'township-a', action: 'requestCorrection', returnTo: 'apply', typed: () => ({ acceptance: { complete: false, missingMaterials: ['低保证复印件'] } }), to: 'apply' },
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'township-a', action: 'accept', typed: () => ({ acceptance: { complete: true, missingMaterials: [] } }), to: 'assess' },
    // 提交评估结果 is offered once the visit date and the level are saved.
    { as: 'assessor', action: 'save', typed: () => homeCareAssessment, to: 'assess' },
    { as: 'assessor', action: 'complete', typed: () => ({ assessment: { opinion: '部分失能' } }), to: 'townshipApprove' },
    { as: 'township-a', action: 'returnForAssessment', returnTo: 'assess', typed: () => ({ approval: { opinion: '请复核助浴需求' } }), to: 'assess' },
    { as: 'assessor', action: 'complete', to: 'townshipApprove' },
    { as: 'township-a', action: 'save', typed: () => ({ approval: { amount: 200, payFrom: '2026-04-01' } }), to: 'townshipApprove' },
    { as: 'township-a', action: 'approve', typed: () => ({ approval: { opinion: '同意' } }), to: 'approved' },
  ],
  [{ as: 'applicant-a1', action: 'withdraw', to: 'withdrawn' }],
  [
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'applicant-a1', action: 'withdraw', to: 'withdrawn' },
  ],
  [
    { as: 'applicant-a1', action: 'save', typed: () => ({ elder: { category: '经济困难的高龄老年人' } }), to: 'apply' },
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'township-a', action: 'accept', to: 'assess' },
    { elapse: true, days: 20, to: 'townshipAssess' },
    { as: 'township-a', action: 'save', typed: () => homeCareAssessment, to: 'townshipAssess' },
    { as: 'township-a', action: 'complete', to: 'countyApprove' },
    { as: 'county', action: 'returnForAssessment', returnTo: 'assess', typed: () => ({ approval: { opinion: '请重新评估' } }), to: 'assess' },
    { as: 'assessor', action: 'complete', to: 'countyApprove' },
    { as: 'county', action: 'save', typed: () => ({ approval: { amount: 200, payFrom: '2026-05-01' } }), to: 'countyApprove' },
    { as: 'county', action: 'approve', to: 'approved' },
  ],
  [
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'township-a', action: 'accept', to: 'assess' },
    { as: 'assessor', action: 'save', typed: () => homeCareAssessment, to: 'assess' },
    { as: 'assessor', action: 'complete', to: 'townshipApprove' },
    { as: 'township-a', action: 'refuse', typed: () => ({ approval: { refusalReasons: ['已入住养老机构'] } }), to: 'refused' },
  ],
  [
    { as: 'applicant-a1', action: 'save', typed: () => ({ elder: { category: '低保边缘' } }), to: 'apply' },
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'township-a', action: 'accept', to: 'assess' },
    { as: 'assessor', action: 'save', typed: () => homeCareAssessment, to: 'assess' },
    { as: 'assessor', action: 'complete', to: 'countyApprove' },
    { as: 'county', action: 'refuse', typed: () => ({ approval: { refusalReasons: ['家庭人均收入高于标准'] } }), to: 'refused' },
  ],
];

/** 变更登记 of 海安市围棋协会: every step and action (its 业务主管单位 is education@). */
const orgChangeWalks: Walk[] = [
  [
    { as: 'org-weiqi', action: 'save', typed: () => ({ change: { purpose: '推广围棋、象棋等棋类运动，组织棋类比赛与培训。' } }), to: 'apply' },
    { as: 'org-weiqi', action: 'submit', to: 'preReview' },
    { as: 'education', action: 'consent', typed: () => ({ review: { opinion: '同意变更。' } }), to: 'accept' },
    { as: 'registration', action: 'requestCorrection', returnTo: 'apply', typed: () => ({ decision: { missing: ['会员大会决议'] } }), to: 'apply' },
    { as: 'org-weiqi', action: 'submit', to: 'accept' },
    { as: 'registration', action: 'accept', to: 'decide' },
    { as: 'registration', action: 'save', typed: () => ({ decision: { missing: [] } }), to: 'decide' },
    { as: 'registration', action: 'requestCorrection', returnTo: 'apply', to: 'apply' },
    { as: 'org-weiqi', action: 'submit', to: 'decide' },
    { as: 'registration', action: 'approve', to: 'changed' },
  ],
  [{ as: 'org-weiqi', action: 'withdraw', to: 'withdrawn' }],
  [
    { as: 'org-weiqi', action: 'submit', to: 'preReview' },
    { as: 'education', action: 'refuse', to: 'notConsented' },
  ],
  [
    { as: 'org-weiqi', action: 'submit', to: 'preReview' },
    { as: 'education', action: 'consent', to: 'accept' },
    { as: 'registration', action: 'accept', to: 'decide' },
    { as: 'registration', action: 'refuse', typed: () => ({ decision: { reasons: '拟变更的住所无使用证明。' } }), to: 'refused' },
  ],
];

const liquidationReport = { leader: '许鸿儒', members: ['周墨林'], startedOn: '2026-02-20', completedOn: '2026-02-27', remainingAssets: 5000, assetsDisposal: '剩余财产捐赠市文联，用于书画公益事业。', debtsSettled: true, report: '清算组清理债权债务完毕，剩余财产已按章程处置。', completed: true };

/** 注销登记 of 海安市书画研究会: every step and action; 准予注销 last (the body is 注销 after it). */
const orgDeregistrationWalks: Walk[] = [
  [
    { as: 'org-calligraphy', action: 'save', typed: () => ({ dissolution: { details: '会员大会决定解散。' } }), to: 'apply' },
    { as: 'org-calligraphy', action: 'withdraw', to: 'withdrawn' },
  ],
  [
    { as: 'org-calligraphy', action: 'submit', to: 'liquidation' },
    { as: 'org-calligraphy', action: 'save', typed: () => ({ liquidation: { leader: '许鸿儒', startedOn: '2026-02-20' } }), to: 'liquidation' },
    { as: 'org-calligraphy', action: 'withdraw', to: 'withdrawn' },
  ],
  [
    { as: 'org-calligraphy', action: 'submit', to: 'liquidation' },
    { as: 'org-calligraphy', action: 'save', typed: () => ({ liquidation: liquidationReport }), to: 'liquidation' },
    { as: 'org-calligraphy', action: 'submit', to: 'preReview' },
    { as: 'education', action: 'refuse', to: 'notConsented' },
  ],
  [
    { as: 'org-calligraphy', action: 'submit', to: 'liquidation' },
    { as: 'org-calligraphy', action: 'save', typed: () => ({ liquidation: liquidationReport }), to: 'liquidation' },
    { as: 'org-calligraphy', action: 'submit', to: 'preReview' },
    { as: 'education', action: 'consent', to: 'accept' },
    { as: 'registration', action: 'requestCorrection', returnTo: 'liquidation', to: 'liquidation' },
    { as: 'org-calligraphy', action: 'submit', to: 'accept' },
    { as: 'registration', action: 'accept', to: 'decide' },
    { as: 'registration', action: 'save', typed: () => ({ decision: { missing: [] } }), to: 'decide' },
    { as: 'registration', action: 'requestCorrection', returnTo: 'apply', to: 'apply' },
    { as: 'org-calligraphy', action: 'submit', to: 'decide' },
    { as: 'registration', action: 'refuse', typed: () => ({ decision: { reasons: '清算报告未列明债务清偿情况。' } }), to: 'refused' },
  ],
  [
    { as: 'org-calligraphy', action: 'submit', to: 'liquidation' },
    { as: 'org-calligraphy', action: 'save', typed: () => ({ liquidation: liquidationReport }), to: 'liquidation' },
    { as: 'org-calligraphy', action: 'submit', to: 'preReview' },
    { as: 'education', action: 'consent', to: 'accept' },
    { as: 'registration', action: 'accept', to: 'decide' },
    { as: 'registration', action: 'approve', to: 'deregistered' },
  ],
];

const annualReportTyped = { summary: '2025年度为社区老年人提供日间照料服务1.2万人次。', income: 320000, expenditure: 301000, netAssets: 88000, members: 12, staff: 9, audited: true };

/** 年检 of 海安市城南社区养老服务中心 (opened by its account, with the 业务主管单位 named): every step and action. */
const orgAnnualReportWalks: Walk[] = [
  [
    { as: 'org-eldercare', action: 'save', typed: () => ({ report: annualReportTyped }), to: 'report' },
    { as: 'org-eldercare', action: 'submit', to: 'supervisorReview' },
    { as: 'education', action: 'requestCorrection', returnTo: 'lateReport', typed: () => ({ review: { opinion: '未附审计报告。' } }), to: 'lateReport' },
    { as: 'org-eldercare', action: 'save', typed: () => ({ report: { activities: '助餐、日间照料、康复训练。' } }), to: 'lateReport' },
    { as: 'org-eldercare', action: 'submit', to: 'supervisorReview' },
    { as: 'education', action: 'pass', typed: () => ({ review: { opinion: '初审同意。' } }), to: 'authorityReview' },
    { as: 'registration', action: 'save', typed: () => ({ result: { conclusion: '合格' } }), to: 'authorityReview' },
    { as: 'registration', action: 'requestCorrection', returnTo: 'lateReport', typed: () => ({ result: { missing: ['年末净资产与报表不一致'] } }), to: 'lateReport' },
    { as: 'org-eldercare', action: 'submit', to: 'authorityReview' },
    { as: 'registration', action: 'conclude', to: 'inspected' },
  ],
  [
    { elapse: true, days: 31, to: 'urge' },
    { as: 'registration', action: 'urge', to: 'lateReport' },
    { elapse: true, days: 70, to: 'notFiled' },
  ],
  [
    { as: 'org-eldercare', action: 'save', typed: () => ({ report: annualReportTyped }), to: 'report' },
    { as: 'org-eldercare', action: 'submit', to: 'supervisorReview' },
    { elapse: true, days: 100, to: 'authorityReview' },
    { as: 'registration', action: 'save', typed: () => ({ result: { conclusion: '不合格', reasons: '财务收支未纳入法定账簿。' } }), to: 'authorityReview' },
    { as: 'registration', action: 'conclude', to: 'unqualified' },
  ],
];

/** 僵尸型清理 of 海安市城南社区养老服务中心 (opened by its account for the walk; the schedule opens it in practice): every step and action. */
const orgDormantCleanupWalks: Walk[] = [
  [
    { as: 'registration', action: 'save', typed: () => ({ order: { problems: '连续两年未按规定报送年度工作报告。', requirements: '补报年度工作报告。' } }), to: 'order' },
    { as: 'registration', action: 'issue', to: 'rectify' },
    { as: 'org-eldercare', action: 'save', typed: () => ({ rectification: { reportsFiled: true, report: '已补报两个年度的工作报告，召开理事会完成换届。' } }), to: 'rectify' },
    { as: 'org-eldercare', action: 'submit', to: 'verify' },
    { as: 'registration', action: 'accept', to: 'rectified' },
  ],
  [
    { as: 'registration', action: 'save', typed: () => ({ order: { problems: '连续两年未按规定报送年度工作报告。' } }), to: 'order' },
    { as: 'registration', action: 'issue', to: 'rectify' },
    { as: 'org-eldercare', action: 'save', typed: () => ({ rectification: { reportsFiled: true, report: '已补报年度工作报告。' } }), to: 'rectify' },
    { as: 'org-eldercare', action: 'submit', to: 'verify' },
    { as: 'registration', action: 'reject', typed: () => ({ decision: { reasons: '补报的报告缺少财务数据。' } }), to: 'priorNotice' },
    { as: 'registration', action: 'notify', to: 'statement' },
    { as: 'org-eldercare', action: 'save', typed: () => ({ statement: { text: '财务数据已审计，现补交审计报告。' } }), to: 'statement' },
    { as: 'org-eldercare', action: 'submit', to: 'revoke' },
    { as: 'registration', action: 'spare', to: 'rectified' },
  ],
  [
    { as: 'registration', action: 'save', typed: () => ({ order: { problems: '连续两年未按规定报送年度工作报告。' } }), to: 'order' },
    { as: 'registration', action: 'issue', to: 'rectify' },
    { elapse: true, days: 40, to: 'priorNotice' },
    { as: 'registration', action: 'notify', to: 'statement' },
    { as: 'org-eldercare', action: 'waive', to: 'revoke' },
    { as: 'registration', action: 'save', typed: () => ({ decision: { reasons: '责令整改期满未改正。' } }), to: 'revoke' },
    { as: 'registration', action: 'revoke', to: 'revoked' },
  ],
  [{ as: 'registration', action: 'dismiss', to: 'dismissed' }],
];

/** 沈桂英, a 特困 elder living alone, applying for 适老化改造 (the county's categories by a save). */
const homeAdaptationApplication = {
  applicant: { name: '沈桂英', idNumber: '320621194509180022', phone: '13862712002', address: '海安市曲塘镇杨庄村7组3号' },
  household: { members: [{ name: '沈桂英', idNumber: '320621194509180022', relation: '本人' }] },
  elder: { name: '沈桂英', idNumber: '320621194509180022', category: '特困', difficulty: ['独居'], housing: '自有住房', applicantRole: '本人申请' },
};
const adaptationPlan = { plan: { visitedOn: '2026-03-04', assessor: '张敏', works: [{ item: '安装扶手', description: '卫生间', quantity: 2, amount: 800 }] } };
const adaptationPhoto = { name: '竣工.png', type: 'image/png', size: 68, file: 'a1b2c3d4e5f6g7h/photo_x1.png' };
const homeAdaptationWalks: Walk[] = [
  [
    { as: 'applicant-a1', action: 'save', typed: () => ({ elder: { needs: '卫生间加装扶手' } }), to: 'apply' },
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'township-a', action: 'requestCorrection', returnTo: 'apply', typed: () => ({ acceptance: { complete: false, missingMaterials: ['住房产权证明'] } }), to: 'apply' },
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'township-a', action: 'accept', typed: () => ({ acceptance: { complete: true, missingMaterials: [] } }), to: 'assess' },
    { as: 'assessor', action: 'save', typed: () => adaptationPlan, to: 'assess' },
    { as: 'assessor', action: 'complete', typed: () => ({ plan: { findings: '卫生间无扶手' } }), to: 'townshipApprove' },
    { as: 'township-a', action: 'returnForAssessment', returnTo: 'assess', typed: () => ({ approval: { opinion: '请补充照明改造' } }), to: 'assess' },
    { as: 'assessor', action: 'complete', to: 'townshipApprove' },
    { as: 'township-a', action: 'save', typed: () => ({ approval: { amount: 800 } }), to: 'townshipApprove' },
    { as: 'township-a', action: 'approve', to: 'works' },
    { as: 'township-a', action: 'save', typed: () => ({ works: { provider: '海安市安居适老服务有限公司', finishedOn: '2026-04-20', photos: [adaptationPhoto] } }), to: 'works' },
    { as: 'township-a', action: 'complete', to: 'inspection' },
    { as: 'township-a', action: 'save', typed: () => ({ inspection: { inspectedOn: '2026-04-24', photos: [adaptationPhoto], rework: ['扶手重新固定'] } }), to: 'inspection' },
    { as: 'township-a', action: 'fail', returnTo: 'works', to: 'works' },
    { as: 'township-a', action: 'complete', typed: () => ({ works: { note: '已整改' } }), to: 'inspection' },
    { as: 'township-a', action: 'pass', typed: () => ({ inspection: { findings: '合格', rework: [] } }), to: 'completed' },
  ],
  [{ as: 'applicant-a1', action: 'withdraw', to: 'withdrawn' }],
  [
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'applicant-a1', action: 'withdraw', to: 'withdrawn' },
  ],
  [
    { as: 'applicant-a1', action: 'save', typed: () => ({ elder: { category: '低保边缘' } }), to: 'apply' },
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'township-a', action: 'accept', to: 'assess' },
    { elapse: true, days: 20, to: 'townshipAssess' },
    { as: 'township-a', action: 'save', typed: () => adaptationPlan, to: 'townshipAssess' },
    { as: 'township-a', action: 'complete', to: 'countyApprove' },
    { as: 'county', action: 'returnForAssessment', returnTo: 'assess', typed: () => ({ approval: { opinion: '请重新评估' } }), to: 'assess' },
    { as: 'assessor', action: 'complete', to: 'countyApprove' },
    { as: 'county', action: 'save', typed: () => ({ approval: { amount: 800 } }), to: 'countyApprove' },
    { as: 'county', action: 'approve', to: 'works' },
  ],
  [
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'township-a', action: 'accept', to: 'assess' },
    { as: 'assessor', action: 'save', typed: () => adaptationPlan, to: 'assess' },
    { as: 'assessor', action: 'complete', to: 'townshipApprove' },
    { as: 'township-a', action: 'refuse', typed: () => ({ approval: { refusalReasons: ['住房已列入征收范围'] } }), to: 'refused' },
  ],
  [
    { as: 'applicant-a1', action: 'save', typed: () => ({ elder: { category: '低保边缘' } }), to: 'apply' },
    { as: 'applicant-a1', action: 'submit', to: 'accept' },
    { as: 'township-a', action: 'accept', to: 'assess' },
    { as: 'assessor', action: 'save', typed: () => adaptationPlan, to: 'assess' },
    { as: 'assessor', action: 'complete', to: 'countyApprove' },
    { as: 'county', action: 'refuse', typed: () => ({ approval: { refusalReasons: ['住房已列入征收范围'] } }), to: 'refused' },
  ],
];

/** 王秀英 applies for her father 张德顺 (born 1944-03-05, of 杨庄村). */
const elderlyAllowanceApplication = {
  applicant: demoHousehold.applicant,
  elder: { name: '张德顺', idNumber: '320621194403050019', relation: '子女', address: '海安市曲塘镇杨庄村5组12号' },
};
const elderVerified = { verification: { hukouLocal: true, livingStatus: '健在', method: '户籍信息比对', opinion: '户籍在本镇，老人健在' } };
/** Walks through every step and action of 高龄津贴: 补正 and confirmation, paid until the township stops it; withdrawals (corrections not in within 30 days among them) and a refusal. */
const elderlyAllowanceWalks: Walk[] = [
  [
    { as: 'township-a', action: 'save', typed: () => ({ verification: { method: '户籍信息比对' } }), to: 'verify' },
    { as: 'township-a', action: 'requestCorrection', typed: () => ({ verification: { missingMaterials: ['老年人户口簿复印件', '代领人银行账户信息'] } }), to: 'supplement' },
    { as: 'applicant-a1', action: 'submit', typed: () => ({ elder: { address: '海安市曲塘镇杨庄村5组12号（随子女居住）' } }), to: 'verify' },
    // 确认发放 is offered once the stored 核实 meets its guard (本地户籍, 健在).
    { as: 'township-a', action: 'save', typed: () => elderVerified, to: 'verify' },
    { as: 'township-a', action: 'confirm', to: 'paying' },
    { as: 'township-a', action: 'stop', typed: () => ({ termination: { reason: '本人申请放弃', date: '2026-03-20' } }), to: 'terminated' },
  ],
  [{ as: 'applicant-a1', action: 'withdraw', to: 'withdrawn' }],
  [
    { as: 'township-a', action: 'requestCorrection', typed: () => ({ verification: { missingMaterials: ['老年人户口簿复印件'] } }), to: 'supplement' },
    { as: 'applicant-a1', action: 'withdraw', to: 'withdrawn' },
  ],
  [
    { as: 'township-a', action: 'requestCorrection', typed: () => ({ verification: { missingMaterials: ['老年人户口簿复印件'] } }), to: 'supplement' },
    { elapse: true, days: 31, to: 'withdrawn' },
  ],
  [{ as: 'township-a', action: 'refuse', typed: () => ({ verification: { hukouLocal: false, refusalReasons: ['户籍不在本乡镇，应向户籍所在地申请'] } }), to: 'refused' }],
];

const walksByProcess: Record<string, Walk[]> = { dibao: dibaoWalks, liangxiang: liangxiangWalks, 'children-support': childrenSupportWalks, 'org-registration': orgRegistrationWalks, tekun: tekunWalks, 'dibao-review': dibaoReviewWalks, 'tekun-review': tekunReviewWalks, 'fundraising-filing': fundraisingWalks, linshi: linshiWalks, 'venture-call': ventureCallWalks, 'home-care-subsidy': homeCareWalks, 'home-adaptation': homeAdaptationWalks, 'org-change': orgChangeWalks, 'org-deregistration': orgDeregistrationWalks, 'org-annual-report': orgAnnualReportWalks, 'org-dormant-cleanup': orgDormantCleanupWalks, 'dibao-edge': dibaoEdgeWalks, 'elderly-allowance': elderlyAllowanceWalks };
/** What the server must hold before a process's walk (a fact no shipped process sets yet: 公募资格 of org-stem; a registered body to deregister). */
const prepare: Record<string, (su: PocketBase) => Promise<void>> = {
  // Each 注销 walk starts from the registered body (an earlier walk may have deregistered it).
  'org-deregistration': async (su) => {
    const calligraphy = await su.collection('subjects').getFirstListItem('kind = "organisation" && key = "51320685MJ5806A23X"');
    await su.collection('subjects').update(calligraphy.id, { facts: { ...(calligraphy.facts as object), status: '责令整改', registered: true } });
  },
  'fundraising-filing': async (su) => {
    const stem = await su.collection('subjects').getFirstListItem('kind = "organisation" && key = "51320685MJ5804K01A"');
    await su.collection('subjects').update(stem.id, { facts: { ...(stem.facts as object), status: '正常', charity: { publicFundraising: true } } });
  },
};
/** What a walk's case is opened with, by process (default: the 低保 demo household); the 业务主管单位 is looked up on the server. */
const openingData: Record<string, (units: { supervisory: string }) => unknown> = {
  liangxiang: () => liangxiangApplication,
  'children-support': () => childrenSupportApplication,
  linshi: () => linshiApplication,
  'home-care-subsidy': () => homeCareApplication,
  'home-adaptation': () => homeAdaptationApplication,
  'dibao-edge': () => dibaoEdgeApplication,
  'elderly-allowance': () => elderlyAllowanceApplication,
  'org-registration': (units) => demoSocietyApplication(units.supervisory),
  'dibao-review': () => ({ applicant: demoHousehold.applicant, household: demoHousehold.household, income: demoHousehold.income, assets: demoHousehold.assets }),
  'tekun-review': () => ({}),
  'venture-call': () => ({ call: demoVentureCall }),
  'org-change': (units) => ({
    organisation: { orgType: '社会团体', name: '海安市围棋协会', creditCode: '51320685MJ5810E67H', category: '体育类', supervisorUnit: units.supervisory },
    change: { address: '海安市黄海大道西28号', reason: '办公场所迁址。' },
  }),
  'org-deregistration': (units) => ({
    organisation: { orgType: '社会团体', name: '海安市书画研究会', creditCode: '51320685MJ5806A23X', category: '文化类', supervisorUnit: units.supervisory, legalRepresentative: '许鸿儒' },
    dissolution: { reason: '自行解散', resolutionDate: '2026-02-20' },
  }),
  'org-annual-report': (units) => ({ organisation: { name: '海安市城南社区养老服务中心', creditCode: '52320685MJ5805T12A', orgType: '民办非企业单位', supervisorUnit: units.supervisory }, report: { year: 2026 } }),
  'org-dormant-cleanup': () => ({ organisation: { name: '海安市城南社区养老服务中心', creditCode: '52320685MJ5805T12A', orgType: '民办非企业单位', missedYears: 2 } }),
  'fundraising-filing': (units) => {
    const plan = demoFundraisingPlan('海安市青少年科技教育促进会', '51320685MJ5804K01A', '2026-03-20');
    return { ...plan, organisation: { ...plan.organisation, supervisorUnit: units.supervisory } };
  },
  tekun: () => ({
    applicant: demoHousehold.applicant,
    household: { members: [demoHousehold.household.members[0]!] },
    income: { transfer: 120 },
    assets: demoHousehold.assets,
    circumstances: { category: '老年人（年满60周岁）', noWorkAbility: true, noIncomeSource: true, supporters: '无法定赡养、抚养、扶养义务人' },
  }),
};
/** Who opens a walk's case and who sees it, by process (default: applicant-a1 and the officers of their village, township and county). */
const participants: Record<string, string[]> = {
  'org-registration': ['org-stem', 'education', 'registration'],
  'dibao-review': ['township-a', 'county'],
  'tekun-review': ['township-a', 'county'],
  'fundraising-filing': ['org-stem', 'education', 'registration'],
  'venture-call': ['county'],
  'home-care-subsidy': ['applicant-a1', 'village-a1', 'township-a', 'county', 'assessor'],
  'org-change': ['org-weiqi', 'education', 'registration'],
  'org-deregistration': ['org-calligraphy', 'education', 'registration'],
  'org-annual-report': ['org-eldercare', 'education', 'registration'],
  'org-dormant-cleanup': ['org-eldercare', 'registration'],
  'home-adaptation': ['applicant-a1', 'village-a1', 'township-a', 'county', 'assessor'],
};
/** A household of 曲塘镇杨庄村 (by default receiving 1,200 元 of 低保 a month), for the processes officers start about a subject. */
async function dibaoHousehold(su: PocketBase, facts: Record<string, unknown> = { dibao: { status: '在保', category: '全户保', monthlyAmount: 1200, members: 2, since: '2025-04-01' } }): Promise<string> {
  const village = await su.collection('org_units').getFirstListItem('code = "320685102290"');
  const key = Array.from({ length: 32 }, () => Math.floor(Math.random() * 256).toString(16).padStart(2, '0')).join('');
  return (await su.collection('subjects').create({ kind: 'person', key, name: '王*英', village: village.id, township: village.township, county: village.county, facts })).id;
}
/** What else a walk's case is opened with, by process: the subject an officer's case is about. */
const openingExtra: Record<string, (su: PocketBase) => Promise<Record<string, unknown>>> = {
  'dibao-review': async (su) => ({ subject: await dibaoHousehold(su) }),
  'tekun-review': async (su) => ({ subject: await dibaoHousehold(su, { tekun: { status: '在册', careTier: '半护理', monthlyAmount: 1900, since: '2026-01-20' } }) }),
};
const defaultParticipants = ['applicant-a1', 'village-a1', 'township-a', 'county'];

/** The steps a case reaches only through a `children` step (after its children end): every step not reachable from the first without passing one. */
function stepsOnlyAfterChildren(definition: WorkflowDefinition): Set<string> {
  const targets = (t: unknown): string[] => (typeof t === 'string' ? [t] : Array.isArray(t) ? t.map((r: { target: string }) => r.target) : []);
  const reached = new Set<string>([definition.initial]);
  const queue = [definition.initial];
  while (queue.length > 0) {
    const step = definition.steps[queue.shift()!];
    if (!step || step.type === 'children' || step.type === 'final') continue;
    const next = step.type === 'choice' ? targets(step.target) : step.type === 'timer' ? [...targets(step.onElapsed), ...Object.values(step.actions ?? {}).flatMap((a) => targets(a.target))] : step.type === 'task' ? [...Object.values(step.actions).flatMap((a) => [...targets(a.target), ...(a.returnTo ?? [])]), ...(step.onOverdue && 'route' in step.onOverdue ? [step.onOverdue.route] : [])] : [];
    for (const n of next) if (!reached.has(n)) { reached.add(n); queue.push(n); }
  }
  return new Set(Object.keys(definition.steps).filter((s) => !reached.has(s)));
}

const isObj = (v: unknown): v is Data => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Every leaf of `value` by JSON pointer (empty arrays and objects count as leaves). */
function leaves(value: unknown, at = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (isObj(value) && Object.keys(value).length > 0) for (const [k, v] of Object.entries(value)) leaves(v, `${at}/${k}`, out);
  else if (Array.isArray(value) && value.length > 0) value.forEach((v, i) => leaves(v, `${at}/${i}`, out));
  else out.set(at, value);
  return out;
}

/** Pointers whose value differs between `a` and `b` (present in either). */
function changedPointers(a: unknown, b: unknown): string[] {
  const la = leaves(a);
  const lb = leaves(b);
  return [...new Set([...la.keys(), ...lb.keys()])].filter((p) => JSON.stringify(la.get(p)) !== JSON.stringify(lb.get(p)));
}

/** `typed` laid over `shown`: objects merged, everything else (arrays included) replaced. */
function overlay(shown: unknown, typed: unknown): unknown {
  if (!isObj(typed)) return typed;
  const out: Data = isObj(shown) ? { ...shown } : {};
  for (const [k, v] of Object.entries(typed)) out[k] = overlay(out[k], v);
  return out;
}

describe('a form sent back as shown changes only what was typed', () => {
  let server: TestServer;
  // One sign-in per user for the whole file (sign-ins are rate-limited).
  const clients = new Map<string, Promise<PocketBase>>();
  const as = (user: string): Promise<PocketBase> => {
    if (!clients.has(user)) clients.set(user, server.login(user));
    return clients.get(user)!;
  };
  beforeAll(async () => {
    server = await startPocketBase({ simulatedClock: true });
  });
  afterAll(() => server?.dispose());

  const shipped = readdirSync(path.resolve(import.meta.dirname, '../../../workflows'), { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith('_')).map((d) => d.name);

  it('has walks for every shipped process that take every action of every step', () => {
    for (const key of shipped) {
      const definition: WorkflowDefinition = shippedDefinition(key);
      // A process only a parent case starts is walked through its parent's children (test/integration/processes).
      if (definition.starters?.every((s) => s.kind === 'parent')) continue;
      // Steps reached only after child cases end are walked where the children are (test/integration/processes).
      const afterChildren = stepsOnlyAfterChildren(definition);
      const walks = walksByProcess[key];
      expect(walks, `walks of ${key}`).toBeDefined();
      const taken = new Set(walks!.flatMap((w) => w.filter((m): m is Move => !('elapse' in m)).map((m) => m.action)));
      const steps = new Set(walks!.flatMap((w) => w.flatMap((m) => m.to)));
      for (const [name, step] of Object.entries(definition.steps)) {
        if (name !== definition.initial && !afterChildren.has(name)) expect(steps, `${key} never reaches ${name}`).toContain(name);
        if ((step.type === 'task' || step.type === 'timer') && !afterChildren.has(name)) for (const action of Object.keys(step.actions ?? {})) expect(taken, `${key}: ${name}.${action}`).toContain(action);
      }
    }
  });

  for (const key of Object.keys(walksByProcess)) {
    for (const [n, walk] of walksByProcess[key]!.entries()) for (const mode of ['page', 'whole sections'] as const) {
      it(`walks ${key} path ${n + 1} (${walk.map((m) => ('elapse' in m ? '⏱' : m.action)).join(' → ')}), each actor sending ${mode === 'page' ? 'what they changed in the form as shown, as the page does' : 'the writable sections whole, as shown'}`, async () => {
        const schema = shippedFormSchema(key);
        const serverSet = new Set(listSchemaFields(schema).filter((f) => f.schema.readOnly === true || f.schema['x-computed'] !== undefined).map((f) => f.pointer));
        const isServerSet = (pointer: string) => [...serverSet].some((p) => pointer === p || pointer.replace(/\/\d+(?=\/|$)/g, '/*').startsWith(`${p}/`) || pointer.replace(/\/\d+(?=\/|$)/g, '/*') === p);
        let clock = new Date('2026-03-02T09:00:00+08:00');
        await server.setClock(clock);
        const su = await server.superuser();
        const roles = participants[key] ?? defaultParticipants;
        const a1 = await as(roles[0]!);
        await prepare[key]?.(su);
        const supervisory = (await su.collection('org_units').getFirstListItem('kind = "supervisory_unit"')).id;
        let c: CaseSummary = (await openCase(a1, openingData[key]?.({ supervisory }) ?? demoHousehold, { workflow: key, ...(await openingExtra[key]?.(su)) })).case;
        const stored = async () => (await su.collection('applications').getOne(c.id)).data as Data;

        for (const move of walk) {
          if (!('elapse' in move) && move.onlyAt !== undefined && c.step !== move.onlyAt) continue;
          const before = await stored();
          // Every role sees what it may write as it is stored: never a mask where it could type.
          for (const user of roles) {
            // A department sees a case only once it has been routed to it (404 before): then there is nothing to check.
            const seen = await (await as(user)).send<CaseView>(`/api/tongban/cases/${c.id}`, {}).catch((e: { status?: number }) => {
              if (e.status === 404 && user !== roles[0]) return undefined;
              throw e;
            });
            if (!seen) continue;
            const storedLeaves = leaves(before);
            for (const [pointer, value] of leaves(seen.data)) {
              if (permissionAt(seen.permissions, pointer) === 'write') expect(value, `${user} at ${seen.case.step}: ${pointer}`).toEqual(storedLeaves.get(pointer));
            }
          }
          if ('elapse' in move) {
            clock = new Date(clock.getTime() + (move.days ?? 12) * 86_400_000);
            await server.setClock(clock);
            expect(await server.sweep()).toBeGreaterThanOrEqual(1);
            const after = await stored();
            expect(changedPointers(before, after), 'a timer changes no data').toEqual([]);
            c = (await a1.send<CaseView>(`/api/tongban/cases/${c.id}`, {})).case;
            expect([move.to].flat()).toContain(c.step);
            continue;
          }
          const pb = await as(move.as);
          const shown = await pb.send<CaseView>(`/api/tongban/cases/${c.id}`, {});
          const offer = shown.actions.find((a) => a.action === move.action);
          expect(offer, `${move.as} is offered ${move.action} at ${shown.case.step}`).toBeDefined();
          const typed = move.typed?.(shown.data) ?? {};
          const edited: Data = {};
          for (const section of offer!.writes ?? []) {
            const value = overlay(shown.data[section], typed[section]);
            if (value !== undefined) edited[section] = value;
          }
          const shownWritable = Object.fromEntries(Object.keys(edited).map((s) => [s, shown.data[s]]).filter(([, v]) => v !== undefined));
          const sent = mode === 'page' ? mergePatchBetween(shownWritable, edited) : edited;
          const typedPointers = new Set(changedPointers(shownWritable, edited));
          const answer = await command(pb, shown.case, move.action, {
            ...(Object.keys(sent).length > 0 ? { data: sent } : {}),
            ...(offer!.requiresComment ? { comment: '经办意见' } : {}),
            ...(move.returnTo ? { returnTo: move.returnTo } : {}),
          });
          c = answer.case;
          expect(c.step).toBe(move.to);
          const after = await stored();
          const unexpected = changedPointers(before, after).filter((p) => !typedPointers.has(p) && !isServerSet(p));
          expect(unexpected, `${move.as} ${move.action}: stored values changed that were not typed`).toEqual([]);
          const afterLeaves = leaves(after);
          for (const p of typedPointers) expect(afterLeaves.get(p), `${move.as} ${move.action}: typed ${p}`).toEqual(leaves(edited).get(p));
        }
        // Replaying the walk's events rebuilds exactly the stored case (DESIGN guarantee 6).
        expect(await su.send(`/api/tongban/cases/${c.id}/verify`, {}), 'verify').toMatchObject({ ok: true, chain: { ok: true }, replay: { ok: true } });
      }, 180_000); // a sweep may also open a shipped schedule's yearly run
    }
  }
});
