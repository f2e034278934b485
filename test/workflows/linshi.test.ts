import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeOverlay, type DefinitionOverlay, type Effect, type JsonValue } from '../../engine/index.js';
import { actors, CaseDriver, shippedDefinition } from '../support/caseDriver.js';

/** 李建国: a stroke in February left him 32,000 元 of his own medical costs (支出型). */
const expenditure = {
  applicant: { name: '李建国', idNumber: '320621196207040015', phone: '13800001111' },
  household: { members: [{ name: '李建国', idNumber: '320621196207040015', relation: '本人', health: '重特大疾病' }] },
  income: { transfer: 900 },
  assets: { deposits: 2000, vehicles: 0 },
  hardship: { type: '支出型', cause: '医疗支出', description: '突发脑梗住院，个人自负医疗费用32000元', expenses: 32000, requestedAmount: 5000 },
};

/** 王秀英: her house burnt down last night (急难型). */
const emergency = {
  applicant: { name: '王秀英', idNumber: '320621195503120023', phone: '13912345678' },
  household: { members: [{ name: '王秀英', idNumber: '320621195503120023', relation: '本人' }] },
  hardship: { type: '急难型', cause: '火灾', description: '住房失火，衣物被褥和口粮全部烧毁' },
};

const documents = (effects: Effect[]) => effects.filter((e): e is Extract<Effect, { type: 'renderDocument' }> => e.type === 'renderDocument').map((e) => ({ template: e.template, issuer: e.issuer }));
const milestones = (c: CaseDriver) => Object.keys(c.snapshot.milestones ?? {}).sort();
const timers = (effects: Effect[]) => effects.filter((e) => e.type === 'scheduleTimer').map((e) => e.type === 'scheduleTimer' && [e.key, e.dueAt]);

/** A case of the national definition, or of it with a county's overlay merged in. */
function newCase(overlay?: string): CaseDriver {
  const national = shippedDefinition('linshi');
  if (!overlay) return new CaseDriver(national);
  const local = JSON.parse(readFileSync(path.resolve(import.meta.dirname, `../../workflows/linshi/overlays/${overlay}.json`), 'utf8')) as DefinitionOverlay;
  return new CaseDriver(mergeOverlay(national, local));
}

/** Submits, accepts, investigates and verifies a 支出型 application; the township proposes `amount`, passes 公示 and the case reaches its approver. */
function toApproval(c: CaseDriver, amount: number): void {
  c.ok(actors.applicant, 'submit', { data: expenditure });
  expect(c.snapshot.step).toBe('accept');
  c.ok(actors.township, 'accept', { data: { acceptance: { complete: true } } });
  expect(documents(c.effects)).toEqual([{ template: 'linshi/accepted', issuer: 'township' }]);
  c.ok(actors.village, 'complete', { data: { investigation: { investigators: ['赵村干', '钱社工'], findings: '住院属实，家中无其他收入来源' } } });
  expect(c.snapshot.tasks).toEqual([expect.objectContaining({ step: 'verification', level: 'county' })]);
  c.ok(actors.county, 'complete', { data: { verification: { sources: [{ source: '银行存款', result: '一致' }], result: '一致' } } });
  c.ok(actors.township, 'approve', { data: { townshipReview: { opinion: '符合支出型临时救助条件', amount, instalments: 2 } } });
  expect(c.snapshot.step).toBe('publicNotice');
  expect(documents(c.effects)).toEqual([{ template: 'linshi/notice', issuer: 'township' }]);
  c.advanceDays(8);
  expect(c.fireTimer().ok).toBe(true);
}

/** An emergency granted on the spot: 先行救助 of `paid` 元 by the township. */
function grantEmergency(c: CaseDriver, paid = 1500): void {
  c.ok(actors.applicant, 'submit', { data: emergency });
  expect(c.snapshot.tasks).toEqual([expect.objectContaining({ step: 'emergencyAid', level: 'township' })]);
  c.ok(actors.township, 'grantNow', { data: { emergencyAid: { amount: paid, method: '现金', paidOn: '2026-03-02', reason: '住房失火，急需衣被口粮' } } });
}

describe('the 临时救助 workflow: 支出型 through the full procedure', () => {
  it('goes 申请 → 受理 → 入户调查 → 信息核对 → 审核 → 公示 → 乡镇审批 for an amount within the township’s limit, pays it and closes', () => {
    const c = newCase();
    toApproval(c, 1800);
    expect(c.snapshot.tasks).toEqual([expect.objectContaining({ step: 'townshipApproval', level: 'township' })]);
    c.ok(actors.township, 'approve', { data: { approval: { amount: 1800, opinion: '同意' } } });
    expect(documents(c.effects)).toEqual([{ template: 'linshi/grant', issuer: 'township' }]);
    expect(c.snapshot.step).toBe('payment');
    // The decision stops the statutory clock; payment does not count against it.
    expect(c.snapshot.clock.stoppedAt).toBeDefined();
    c.ok(actors.township, 'recordPayment', { data: { payment: { instalments: [{ amount: 1800, paidOn: '2026-03-16', method: '银行转账' }] } } });
    c.ok(actors.township, 'complete');
    expect(c.snapshot).toMatchObject({ status: 'done', step: 'closed', outcome: 'approved' });
    expect(milestones(c)).toEqual(['granted', 'paidInFull', 'paymentStarted']);
    expect(c.effects.filter((e) => e.type === 'setSubjectFact')).toEqual([
      expect.objectContaining({ type: 'setSubjectFact', fact: 'linshi.lastAidOn', today: true }),
      { type: 'setSubjectFact', fact: 'linshi.lastAmount', value: 1800 },
    ]);
  });

  it('sends an amount above the township’s limit (2,000 元 nationally) to the county, and refuses the township approving more than its limit', () => {
    const c = newCase();
    toApproval(c, 2500);
    expect(c.snapshot.tasks).toEqual([expect.objectContaining({ step: 'countyApproval', level: 'county' })]);
    expect(c.send(actors.township, 'approve', { data: { approval: { amount: 2500 } } }).ok).toBe(false);
    c.ok(actors.county, 'approve', { data: { approval: { amount: 2500, opinion: '同意' } } });
    expect(documents(c.effects)).toEqual([{ template: 'linshi/grant', issuer: 'county' }]);

    const township = newCase();
    toApproval(township, 1500);
    expect(township.send(actors.township, 'approve', { data: { approval: { amount: 2500 } } })).toMatchObject({ ok: false, rejection: { code: 'not_allowed' } });
  });

  it('takes the county’s own threshold from its overlay: in 海安市 (320685, 3,000 元) the township approves 2,500 元', () => {
    const c = newCase('320685');
    expect(c.wf.parameters.townshipApprovalLimit).toBe(3000);
    toApproval(c, 2500);
    expect(c.snapshot.tasks).toEqual([expect.objectContaining({ step: 'townshipApproval', level: 'township' })]);
    c.ok(actors.township, 'approve', { data: { approval: { amount: 2500 } } });
    const above = newCase('320685');
    toApproval(above, 3000.01);
    expect(above.snapshot.step).toBe('countyApproval');
  });

  it('pays an approval in stages: each payment is recorded, none may exceed what is left, and the case closes once all is paid', () => {
    const c = newCase();
    toApproval(c, 4000);
    c.ok(actors.county, 'approve', { data: { approval: { amount: 4000, instalments: 2, opinion: '分两次发放' } } });
    expect(c.send(actors.township, 'complete').ok).toBe(false);
    expect(c.send(actors.township, 'recordPayment', { data: { payment: { instalments: [{ amount: 0, paidOn: '2026-03-20' }] } } }).ok).toBe(false);
    c.ok(actors.township, 'recordPayment', { data: { payment: { instalments: [{ amount: 2500, paidOn: '2026-03-20' }] } } });
    expect(c.snapshot.step).toBe('payment');
    expect(milestones(c)).toEqual(['granted', 'paymentStarted']);
    expect(c.send(actors.township, 'complete').ok).toBe(false);
    const tooMuch = { payment: { instalments: [{ amount: 2500, paidOn: '2026-03-20' }, { amount: 2000, paidOn: '2026-04-20' }] } } as Record<string, JsonValue>;
    expect(c.send(actors.township, 'recordPayment', { data: tooMuch }).ok).toBe(false);
    c.ok(actors.township, 'recordPayment', { data: { payment: { instalments: [{ amount: 2500, paidOn: '2026-03-20' }, { amount: 1500, paidOn: '2026-04-20' }] } } });
    c.ok(actors.township, 'complete');
    expect(c.snapshot).toMatchObject({ status: 'done', step: 'closed', outcome: 'approved' });
    expect(milestones(c)).toEqual(['granted', 'paidInFull', 'paymentStarted']);
  });

  it('records a 转介 to a charity with its organisation and a 转介函, without moving the case', () => {
    const c = newCase();
    toApproval(c, 4000);
    c.ok(actors.county, 'approve', { data: { approval: { amount: 4000 } } });
    expect(c.send(actors.township, 'refer', { data: { referral: { need: '康复治疗费用' } } }).ok).toBe(false);
    c.ok(actors.township, 'refer', { data: { referral: { organisation: '海安市慈善总会', organisationKind: '慈善组织', need: '后续康复治疗费用', referredOn: '2026-03-20' } } });
    expect(c.snapshot.step).toBe('payment');
    expect(documents(c.effects)).toEqual([{ template: 'linshi/referral', issuer: 'township' }]);
    expect(milestones(c)).toEqual(['granted', 'referred']);
    expect(c.data.referral).toMatchObject({ organisation: '海安市慈善总会' });
  });

  it('returns an incomplete application once with the full list (补正材料通知书), the clock paused, and resumes at 受理', () => {
    const c = newCase();
    c.ok(actors.applicant, 'submit', { data: expenditure });
    expect(c.send(actors.township, 'requestCorrection').ok).toBe(false);
    c.ok(actors.township, 'requestCorrection', { comment: '缺少住院费用发票、医保结算单', data: { acceptance: { complete: false, missingMaterials: ['住院费用发票及费用清单', '医疗保险报销结算单'] } } });
    expect(c.snapshot.step).toBe('apply');
    expect(documents(c.effects)).toEqual([{ template: 'linshi/correction', issuer: 'township' }]);
    c.ok(actors.applicant, 'submit');
    expect(c.snapshot.step).toBe('accept');
  });

  it('refuses to accept with the township’s 不予受理通知书', () => {
    const c = newCase();
    c.ok(actors.applicant, 'submit', { data: expenditure });
    expect(c.send(actors.township, 'refuseAcceptance').ok).toBe(false);
    c.ok(actors.township, 'refuseAcceptance', { comment: '户籍和经常居住地均不在本镇', data: { acceptance: { refusalReasons: ['户籍和经常居住地均不在本镇'] } } });
    expect(c.snapshot).toMatchObject({ status: 'done', step: 'notAccepted', outcome: 'rejected' });
    expect(documents(c.effects)).toEqual([{ template: 'linshi/notAccepted', issuer: 'township' }]);
  });

  it('refuses with reasons at the township’s 审核 or at the approver, each issuing its own 不予临时救助通知书', () => {
    const township = newCase();
    toApproval(township, 1000);
    township.ok(actors.township, 'refuse', { comment: '家庭人均收入高于标准', data: { approval: { refusalReasons: ['经信息核对，家庭人均可支配收入高于当地上年度人均可支配收入'] } } });
    expect(township.snapshot).toMatchObject({ step: 'refusedTownship', outcome: 'rejected' });
    expect(documents(township.effects)).toEqual([{ template: 'linshi/refuse', issuer: 'township' }]);

    const county = newCase();
    toApproval(county, 5000);
    expect(county.send(actors.county, 'refuse').ok).toBe(false);
    county.ok(actors.county, 'refuse', { comment: '已获医疗救助全额报销', data: { approval: { refusalReasons: ['自负医疗费用已由医疗救助全额报销'] } } });
    expect(county.snapshot).toMatchObject({ step: 'refusedCounty', outcome: 'rejected' });
    expect(documents(county.effects)).toEqual([{ template: 'linshi/refuse', issuer: 'county' }]);
  });

  it('sends an objection during 公示 back to the township’s 审核, then publishes again', () => {
    const c = newCase();
    c.ok(actors.applicant, 'submit', { data: expenditure });
    c.ok(actors.township, 'accept');
    c.ok(actors.village, 'complete', { data: { investigation: { investigators: ['赵村干', '钱社工'] } } });
    c.ok(actors.county, 'complete', { data: { verification: { result: '一致' } } });
    c.ok(actors.township, 'approve', { data: { townshipReview: { amount: 1500 } } });
    expect(c.send(actors.township, 'object').ok).toBe(false);
    c.ok(actors.township, 'object', { comment: '村民反映其子女有稳定收入', data: { publicNotice: { objection: '村民反映其子女有稳定收入' } } });
    expect(c.snapshot.tasks).toEqual([expect.objectContaining({ step: 'townshipReview', level: 'township' })]);
    c.ok(actors.township, 'approve', { data: { townshipReview: { amount: 1200, opinion: '核实后子女收入不计入，调整金额' } } });
    expect(c.snapshot.step).toBe('publicNotice');
    expect(documents(c.effects)).toEqual([{ template: 'linshi/notice', issuer: 'township' }]);
  });

  it('skips 公示 where the local rule has none', () => {
    const definition = shippedDefinition('linshi');
    const c = new CaseDriver({ ...definition, parameters: { ...definition.parameters, publicNoticeRequired: false } });
    c.ok(actors.applicant, 'submit', { data: expenditure });
    c.ok(actors.township, 'accept');
    c.ok(actors.village, 'complete', { data: { investigation: { investigators: ['赵村干', '钱社工'] } } });
    c.ok(actors.county, 'complete', { data: { verification: { result: '一致' } } });
    c.ok(actors.township, 'approve', { data: { townshipReview: { amount: 1500 } } });
    expect(c.snapshot.step).toBe('townshipApproval');
  });

  it('reminds the village of its 入户调查 and escalates it to the township, and the township’s 审核 to the county, when their deadlines pass', () => {
    const c = newCase();
    c.ok(actors.applicant, 'submit', { data: expenditure });
    c.ok(actors.township, 'accept');
    // Accepted Monday 2026-03-02: 5 working days end with 03-09, the reminder 2 working days before.
    expect(timers(c.effects)).toEqual([
      ['remind:investigation#1:1', '2026-03-05T16:00:00.000Z'],
      ['overdue:investigation#1', '2026-03-09T16:00:00.000Z'],
    ]);
    c.now = new Date('2026-03-06T08:00:00+08:00');
    c.ok(actors.system, 'deadline.remind', { timerKey: 'remind:investigation#1:1' });
    expect(c.effects).toEqual([{ type: 'notify', to: 'village', message: expect.stringContaining('催办') }]);
    c.now = new Date('2026-03-10T08:00:00+08:00');
    c.ok(actors.system, 'deadline.overdue', { timerKey: 'overdue:investigation#1' });
    expect(c.snapshot.tasks).toEqual([expect.objectContaining({ step: 'investigation', level: 'township' })]);
    expect(c.send(actors.village, 'complete', { data: { investigation: { investigators: ['赵村干', '钱社工'] } } }).ok).toBe(false);
    c.ok(actors.township, 'complete', { data: { investigation: { investigators: ['孙干部', '李社工'] } } });
    c.ok(actors.county, 'complete', { data: { verification: { result: '一致' } } });
    const overdue = c.snapshot.tasks[0]!;
    expect(overdue).toMatchObject({ step: 'townshipReview', level: 'township' });
    c.now = new Date(new Date(overdue.dueAt!).getTime() + 3600_000);
    c.ok(actors.system, 'deadline.overdue', { timerKey: 'overdue:townshipReview#1' });
    expect(c.snapshot.tasks).toEqual([expect.objectContaining({ step: 'townshipReview', level: 'county' })]);
    c.ok(actors.county, 'approve', { data: { townshipReview: { amount: 1500 } } });
    expect(c.snapshot.step).toBe('publicNotice');
  });

  it('asks the province’s 核对 system at 信息核对 and moves on when its report lands in the form (the 低保 adapter)', () => {
    const c = newCase();
    c.ok(actors.applicant, 'submit', { data: expenditure });
    c.ok(actors.township, 'accept');
    c.ok(actors.village, 'complete', { data: { investigation: { investigators: ['赵村干', '钱社工'] } } });
    expect(c.effects).toContainEqual(expect.objectContaining({ type: 'requestCheck', request: 'verification#1', service: 'householdCheck' }));
    c.ok(actors.system, 'check.reported', { check: { request: 'verification#1' }, data: { verification: { report: { reportNo: 'HD-2026-0001' } } } });
    expect(c.snapshot.tasks).toEqual([expect.objectContaining({ step: 'townshipReview', level: 'township' })]);
    expect(c.data.verification).toMatchObject({ report: { reportNo: 'HD-2026-0001' } });
  });

  it('lets the applicant withdraw before 受理', () => {
    const c = newCase();
    c.ok(actors.applicant, 'submit', { data: expenditure });
    c.ok(actors.applicant, 'withdraw');
    expect(c.snapshot).toMatchObject({ status: 'done', step: 'withdrawn', outcome: 'withdrawn' });
  });
});

describe('the 临时救助 workflow: 急难型 先行救助', () => {
  it('pays first on the township’s word, with no 核对 or 公示, registers it, then back-fills the paperwork and is approved afterwards', () => {
    const c = newCase();
    grantEmergency(c);
    expect(documents(c.effects)).toEqual([{ template: 'linshi/emergency', issuer: 'township' }]);
    expect(milestones(c)).toEqual(['emergencyPaid']);
    expect(c.effects).toEqual(expect.arrayContaining([{ type: 'notify', to: 'applicant', message: expect.stringContaining('先行') }]));
    expect(c.snapshot.tasks).toEqual([expect.objectContaining({ step: 'backfill', level: 'township', dueAt: '2026-03-09T16:00:00.000Z' })]);
    // Unsigned, or without the materials, the paperwork is not complete.
    expect(c.send(actors.township, 'complete', { data: { backfill: { recipientSigned: false, materials: ['户口簿复印件'] }, townshipReview: { amount: 1500 } } }).ok).toBe(false);
    expect(c.send(actors.township, 'complete', { data: { backfill: { recipientSigned: true, materials: [] }, townshipReview: { amount: 1500 } } }).ok).toBe(false);
    c.ok(actors.township, 'complete', { data: { backfill: { recipientSigned: true, materials: ['申请书（补签）', '户口簿复印件', '火灾事故证明'], completedOn: '2026-03-05' }, townshipReview: { amount: 1500, opinion: '先行救助属实' } } });
    expect(milestones(c)).toEqual(['emergencyPaid', 'paperworkComplete']);
    // 1,500 元 is within the township's limit: the township approves; everything is paid already, so the case closes.
    expect(c.snapshot.tasks).toEqual([expect.objectContaining({ step: 'townshipApproval', level: 'township' })]);
    expect(c.send(actors.township, 'approve', { data: { approval: { amount: 1000 } } }).ok).toBe(false);
    c.ok(actors.township, 'approve', { data: { approval: { amount: 1500, opinion: '补办审批' } } });
    expect(c.snapshot).toMatchObject({ status: 'done', step: 'closed', outcome: 'approved' });
    expect(milestones(c)).toEqual(['emergencyPaid', 'granted', 'paidInFull', 'paperworkComplete']);
  });

  it('reminds the township of the back-fill and escalates it to the county when the deadline passes', () => {
    const c = newCase();
    grantEmergency(c);
    // Granted Monday 2026-03-02: 5 working days to back-fill end with 03-09, reminded at the end of 03-05.
    expect(timers(c.effects)).toEqual([
      ['remind:backfill#1:1', '2026-03-05T16:00:00.000Z'],
      ['overdue:backfill#1', '2026-03-09T16:00:00.000Z'],
    ]);
    c.now = new Date('2026-03-06T08:00:00+08:00');
    c.ok(actors.system, 'deadline.remind', { timerKey: 'remind:backfill#1:1' });
    expect(c.effects).toEqual([{ type: 'notify', to: 'township', message: expect.stringContaining('催办') }]);
    c.now = new Date('2026-03-10T08:00:00+08:00');
    c.ok(actors.system, 'deadline.overdue', { timerKey: 'overdue:backfill#1' });
    // The county now holds the late paperwork, with 3 more working days.
    expect(c.snapshot.tasks).toEqual([expect.objectContaining({ step: 'backfill', level: 'county', dueAt: '2026-03-13T16:00:00.000Z' })]);
    expect(c.send(actors.township, 'complete', { data: { backfill: { recipientSigned: true, materials: ['申请书'] }, townshipReview: { amount: 1500 } } }).ok).toBe(false);
    c.ok(actors.county, 'complete', { data: { backfill: { recipientSigned: true, materials: ['申请书（补签）'] }, townshipReview: { amount: 1500 } } });
    expect(c.snapshot.step).toBe('townshipApproval');
  });

  it('tops up a 先行救助 with a larger approval by the county, paying only the rest', () => {
    const c = newCase();
    grantEmergency(c, 1000);
    c.ok(actors.township, 'complete', { data: { backfill: { recipientSigned: true, materials: ['申请书（补签）'] }, townshipReview: { amount: 3000 } } });
    expect(c.snapshot.tasks).toEqual([expect.objectContaining({ step: 'countyApproval', level: 'county' })]);
    c.ok(actors.county, 'approve', { data: { approval: { amount: 3000 } } });
    expect(c.snapshot.step).toBe('payment');
    expect(c.send(actors.township, 'recordPayment', { data: { payment: { instalments: [{ amount: 3000, paidOn: '2026-03-20' }] } } }).ok).toBe(false);
    c.ok(actors.township, 'recordPayment', { data: { payment: { instalments: [{ amount: 2000, paidOn: '2026-03-20' }] } } });
    c.ok(actors.township, 'complete');
    expect(c.snapshot).toMatchObject({ step: 'closed', outcome: 'approved' });
  });

  it('records a 转介 while the paperwork is back-filled', () => {
    const c = newCase();
    grantEmergency(c);
    c.ok(actors.township, 'refer', { data: { referral: { organisation: '海安市红十字会', organisationKind: '慈善组织', need: '重建住房' } } });
    expect(c.snapshot.step).toBe('backfill');
    expect(milestones(c)).toEqual(['emergencyPaid', 'referred']);
  });

  it('sends an application that is no emergency to ordinary 受理, with a reason', () => {
    const c = newCase();
    c.ok(actors.applicant, 'submit', { data: emergency });
    expect(c.send(actors.township, 'toRegular').ok).toBe(false);
    c.ok(actors.township, 'toRegular', { comment: '火灾损失已由保险赔付，不属紧急情形' });
    expect(c.snapshot.tasks).toEqual([expect.objectContaining({ step: 'accept', level: 'township' })]);
    expect(milestones(c)).toEqual([]);
  });

  it('escalates an emergency the township has not answered within a working day to the county', () => {
    const c = newCase();
    c.ok(actors.applicant, 'submit', { data: emergency });
    c.now = new Date('2026-03-04T08:00:00+08:00');
    c.ok(actors.system, 'deadline.overdue', { timerKey: 'overdue:emergencyAid#1' });
    expect(c.snapshot.tasks).toEqual([expect.objectContaining({ step: 'emergencyAid', level: 'county' })]);
    c.ok(actors.county, 'grantNow', { data: { emergencyAid: { amount: 800, method: '实物' } } });
    expect(c.snapshot.step).toBe('backfill');
  });
});
