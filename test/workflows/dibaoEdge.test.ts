import { beforeEach, describe, expect, it } from 'vitest';
import { compileWorkflow, type Effect, type JsonValue } from '../../engine/index.js';
import { edgeFigures } from '../../workflows/dibao-edge/edgeTest.js';
import { householdFigures } from '../../workflows/dibao/householdFigures.js';
import { actors, CaseDriver, processModules, shippedDefinition } from '../support/caseDriver.js';

/** 周玉兰 and her husband: 2,800 元 a month, 1,400 per member — above the 1,000 standard, below 1.5 × 1,000. */
const application = {
  applicant: { name: '周玉兰', idNumber: '32062119650412002X', phone: '13912345678', address: '海安市曲塘镇杨庄村12组8号' },
  household: { members: [{ name: '周玉兰', idNumber: '32062119650412002X', relation: '本人' }, { name: '李建国', idNumber: '320621196308150010', relation: '配偶', health: '重特大疾病' }] },
  income: { wages: 2400, transfer: 400 },
  assets: { deposits: 8000, vehicles: 0, housing: '自有住房一处' },
} as Record<string, JsonValue>;

const withIncome = (wages: number): Record<string, JsonValue> => ({ ...application, income: { wages, transfer: 0 } });

const documents = (effects: Effect[]) => effects.filter((e): e is Extract<Effect, { type: 'renderDocument' }> => e.type === 'renderDocument').map((e) => ({ template: e.template, issuer: e.issuer }));

/** Submits, accepts, investigates, verifies and passes 初审 (into 公示). */
function toPublicNotice(c: CaseDriver, data: Record<string, unknown> = application): void {
  c.ok(actors.applicant, 'submit', { data: data as never });
  c.ok(actors.township, 'accept', { data: { acceptance: { complete: true, relativeFiling: false } } });
  expect(documents(c.effects)).toEqual([{ template: 'dibao-edge/accepted', issuer: 'township' }]);
  c.ok(actors.village, 'complete', { data: { investigation: { investigators: ['赵六', '钱七'], mode: '入户', findings: '夫妻二人，丈夫重病' } } });
  c.ok(actors.county, 'complete', { data: { verification: { result: '一致' } } });
  c.ok(actors.township, 'approve', { data: { townshipReview: { opinion: '人均收入在低保标准1至1.5倍之间' } } });
  expect(c.snapshot.step).toBe('publicNotice');
  expect(documents(c.effects)).toEqual([{ template: 'dibao-edge/notice', issuer: 'township' }]);
}

/** From 公示 (7 days without objection) to the county's 审核认定. */
function toCountyReview(c: CaseDriver, data: Record<string, unknown> = application): void {
  toPublicNotice(c, data);
  c.advanceDays(8);
  expect(c.fireTimer().ok).toBe(true);
  expect(c.snapshot.step).toBe('countyReview');
}

describe('the 低保边缘家庭认定 workflow', () => {
  let c: CaseDriver;
  beforeEach(() => {
    c = new CaseDriver(shippedDefinition('dibao-edge'));
  });

  it('tests the household with 低保’s own figures against 1.5 × the standard', () => {
    // The members, income categories and deductions are 低保’s: the per-member income is the same figure.
    expect(edgeFigures(application, 1000, 1.5).perCapitaIncome).toBe(householdFigures(application, 1000).perCapitaIncome);
    expect(edgeFigures(application, 1000, 1.5)).toMatchObject({ edgeLine: 1500, members: 2, monthlyIncome: 2800, perCapitaIncome: 1400, withinEdge: true });
    expect(edgeFigures(withIncome(1800), 1000, 1.5).withinEdge).toBe(false); // 900: a 低保 household
    expect(edgeFigures(withIncome(2000), 1000, 1.5).withinEdge).toBe(true); // 1,000: exactly the standard
    expect(edgeFigures(withIncome(3000), 1000, 1.5).withinEdge).toBe(false); // 1,500: exactly the line
    expect(edgeFigures(withIncome(3000), 1000, 1.6).withinEdge).toBe(true); // a local factor of 1.6
  });

  it('recognises a household at the margin with the county’s 认定通知书, the figures and no cash amount', () => {
    toCountyReview(c);
    expect(c.snapshot.tasks).toEqual([expect.objectContaining({ step: 'countyReview', level: 'county' })]);
    c.ok(actors.county, 'confirm', { data: { countyReview: { decision: '认定', opinion: '同意认定' } } });
    expect(c.snapshot).toMatchObject({ status: 'done', step: 'confirmed', outcome: 'approved' });
    expect(c.data.decision).toEqual({ standard: 1000, edgeFactor: 1.5, edgeLine: 1500, countedMembers: 2, householdMonthlyIncome: 2800, perCapitaIncome: 1400 });
    expect(documents(c.effects)).toEqual([{ template: 'dibao-edge/confirm', issuer: 'county' }]);
    expect(c.effects.filter((e) => e.type === 'setSubjectFact').map((e) => e.type === 'setSubjectFact' && e.fact)).toEqual(['dibaoEdge.since', 'dibaoEdge.members', 'dibaoEdge.perCapitaIncome', 'dibaoEdge.status']);
    expect(JSON.stringify(c.data)).not.toContain('monthlyAmount');
  });

  it('does not recognise a household below the 低保 standard (it is a 低保 case) nor one at 1.5 × the standard', () => {
    toCountyReview(c, withIncome(1800));
    expect(c.send(actors.county, 'confirm', { data: { countyReview: { decision: '认定' } } })).toMatchObject({ ok: false, rejection: { code: 'not_allowed' } });
    const d = new CaseDriver(shippedDefinition('dibao-edge'));
    toCountyReview(d, withIncome(3000));
    expect(d.send(actors.county, 'confirm').ok).toBe(false);
  });

  it('follows the local factor: 1,500 per member is at the margin where the factor is 1.6', () => {
    const definition = shippedDefinition('dibao-edge');
    const local = new CaseDriver(compileWorkflow({ ...definition, parameters: { ...definition.parameters, edgeFactor: 1.6 } }, { process: processModules.get('dibao-edge') }));
    toCountyReview(local, withIncome(3000));
    local.ok(actors.county, 'confirm', { data: { countyReview: { decision: '认定' } } });
    expect(local.data.decision).toMatchObject({ edgeLine: 1600, perCapitaIncome: 1500 });
  });

  it('refuses in writing with reasons and appeal rights in the 不予认定通知书', () => {
    toCountyReview(c, withIncome(3000));
    expect(c.send(actors.county, 'refuse').ok).toBe(false);
    c.ok(actors.county, 'refuse', { comment: '人均收入不低于低保边缘标准', data: { countyReview: { decision: '不予认定' }, decision: { refusalReasons: ['家庭人均月收入1500元，不低于低保边缘标准1500元'] } } });
    expect(c.snapshot).toMatchObject({ status: 'done', step: 'refused', outcome: 'rejected' });
    expect(c.data.decision).toMatchObject({ perCapitaIncome: 1500, edgeLine: 1500 });
    expect(documents(c.effects)).toEqual([{ template: 'dibao-edge/refuse', issuer: 'county' }]);
  });

  it('returns an incomplete application once with the full list in a 补正材料通知书, and resumes at 受理', () => {
    c.ok(actors.applicant, 'submit', { data: application });
    expect(c.send(actors.township, 'requestCorrection').ok).toBe(false);
    c.ok(actors.township, 'requestCorrection', { comment: '缺少户口簿和收入证明', data: { acceptance: { complete: false, missingMaterials: ['家庭成员户口簿复印件', '近6个月工资收入证明'] } } });
    expect(c.snapshot.step).toBe('apply');
    expect(documents(c.effects)).toEqual([{ template: 'dibao-edge/correction', issuer: 'township' }]);
    c.ok(actors.applicant, 'submit');
    expect(c.snapshot.step).toBe('accept');
  });

  it('refuses to accept in writing with the township’s 不予受理通知书', () => {
    c.ok(actors.applicant, 'submit', { data: application });
    c.ok(actors.township, 'refuseAcceptance', { comment: '申请人户籍不在本乡镇' });
    expect(c.snapshot).toMatchObject({ status: 'done', step: 'notAccepted', outcome: 'rejected' });
    expect(documents(c.effects)).toEqual([{ template: 'dibao-edge/notAccepted', issuer: 'township' }]);
  });

  it('takes an objection during 公示 and re-investigates or holds a 民主评议 before a new 初审', () => {
    toPublicNotice(c);
    c.advanceDays(3);
    c.ok(actors.township, 'object', { comment: '群众反映其子在外务工有稳定收入', data: { publicNotice: { objections: [{ content: '群众反映其子在外务工有稳定收入' }] } } });
    expect(c.snapshot.step).toBe('objectionReview');
    c.ok(actors.township, 'reinvestigate', { comment: '重新入户核实' });
    expect(c.snapshot.tasks).toEqual([expect.objectContaining({ step: 'investigation', level: 'village' })]);
    c.ok(actors.village, 'complete');
    c.ok(actors.county, 'complete');
    c.ok(actors.township, 'approve');
    c.ok(actors.township, 'object', { comment: '再次反映' });
    c.ok(actors.township, 'democraticReview', { comment: '经民主评议，其子已分户另居' });
    expect(c.snapshot.step).toBe('townshipReview');
  });

  it('sends a 近亲属备案 case to the county’s home visit after 公示', () => {
    c.ok(actors.applicant, 'submit', { data: application });
    c.ok(actors.township, 'accept', { data: { acceptance: { complete: true, relativeFiling: true, relatives: '申请人之子为村委会委员' } } });
    c.ok(actors.village, 'complete');
    c.ok(actors.county, 'complete');
    c.ok(actors.township, 'approve');
    c.advanceDays(8);
    c.fireTimer();
    expect(c.snapshot.step).toBe('countyVisit');
  });

  it('reminds the village 2 working days before its 7 working days of 入户调查 end, then escalates it to the township', () => {
    c.ok(actors.applicant, 'submit', { data: application });
    c.ok(actors.township, 'accept', { data: { acceptance: { complete: true } } });
    // Accepted on Monday 2026-03-02: 调查 due at the end of 03-11, the reminder at the end of 03-09.
    expect(c.effects.filter((e) => e.type === 'scheduleTimer').map((e) => e.type === 'scheduleTimer' && [e.key, e.dueAt])).toEqual([
      ['remind:investigation#1:1', '2026-03-09T16:00:00.000Z'],
      ['overdue:investigation#1', '2026-03-11T16:00:00.000Z'],
    ]);
    c.now = new Date('2026-03-10T08:00:00+08:00');
    c.ok(actors.system, 'deadline.remind', { timerKey: 'remind:investigation#1:1' });
    expect(c.effects).toEqual([{ type: 'notify', to: 'village', message: expect.stringContaining('催办') }]);
    c.now = new Date('2026-03-12T08:00:00+08:00');
    c.ok(actors.system, 'deadline.overdue', { timerKey: 'overdue:investigation#1' });
    expect(c.snapshot.tasks).toEqual([expect.objectContaining({ step: 'investigation', level: 'township' })]);
    expect(c.send(actors.village, 'complete').ok).toBe(false);
    c.ok(actors.township, 'complete');
    expect(c.snapshot.step).toBe('verification');
  });

  it('lets the applicant withdraw before the township accepts', () => {
    c.ok(actors.applicant, 'submit', { data: application });
    c.ok(actors.applicant, 'withdraw');
    expect(c.snapshot).toMatchObject({ status: 'done', outcome: 'withdrawn' });
  });
});
