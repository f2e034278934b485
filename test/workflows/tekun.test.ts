import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor, Effect, JsonValue, OrgDirectory, WorkflowDefinition } from '../../engine/index.js';
import { actors, CaseDriver, shippedDefinition } from '../support/caseDriver.js';

/** The templates of the documents the last command rendered. */
const rendered = (effects: Effect[]) => effects.filter((e): e is Extract<Effect, { type: 'renderDocument' }> => e.type === 'renderDocument').map((e) => `${e.template}@${e.issuer ?? ''}`);

const application: Record<string, JsonValue> = {
  applicant: { name: '陈德贵', idNumber: '320621195001010019', phone: '13912340001', filedByProxy: true, proxyName: '杨庄村委会' },
  household: { members: [{ name: '陈德贵', idNumber: '320621195001010019', relation: '本人' }] },
  income: { transfer: 120 },
  circumstances: { category: '老年人（年满60周岁）', noWorkAbility: true, noIncomeSource: true, supporters: '无法定赡养、抚养、扶养义务人' },
};
/** Two of the six items not possible: 半护理. */
const partlyDependent = { eating: '能', dressing: '不能', transfer: '能', toileting: '能', walking: '能', bathing: '不能' };

const assessorUnit: OrgDirectory = { units: [{ id: 'asr', kind: 'assessor', name: '海安市养老服务评估中心' }], members: {}, seed: 'command-1' };
const assessor: Actor = { id: 'u-assessor', kind: 'officer', roles: [], orgUnit: { id: 'asr', level: 'department' as never, path: ['c1', 'asr'] } };

/** A case id the 30 % spot-check sample takes, and one it leaves (the sample is a hash of the case id). */
function caseIds(): { sampled: string; notSampled: string; share: number } {
  const wf = shippedDefinition('tekun');
  let sampled = '';
  let notSampled = '';
  let taken = 0;
  for (let i = 0; i < 200; i++) {
    const c = toNotice(new CaseDriver(wf), `case-${i}`);
    c.advanceDays(8);
    c.fireTimer();
    if (c.snapshot.step === 'spotCheck') {
      taken++;
      sampled ||= c.caseId;
    } else notSampled ||= c.caseId;
  }
  return { sampled, notSampled, share: taken / 200 };
}

/** Submits, accepts, investigates, assesses and passes the first review: the case is in 公示. */
function toNotice(c: CaseDriver, caseId = 'case-2'): CaseDriver {
  c.caseId = caseId;
  c.ok(actors.applicant, 'submit', { data: application });
  c.ok(actors.township, 'accept', { data: { acceptance: { complete: true, assessedBy: '乡镇（街道）' } } });
  c.ok(actors.village, 'complete', { data: { investigation: { investigators: ['赵村干', '钱社工'], method: '入户调查' } } });
  // 信息核对: the province's check system reports (the township may also enter it by hand).
  c.ok(actors.system, 'check.reported', { check: { request: 'verification#1' }, data: { verification: { report: { reportNo: 'JS-1', income: { transfer: 120 }, deposits: 0, vehicles: 0 } } } });
  c.ok(actors.township, 'complete', { data: { assessment: partlyDependent } });
  c.ok(actors.township, 'approve', { data: { townshipReview: { opinion: '符合特困人员条件' } } });
  return c;
}

const ids = caseIds();

describe('the 特困人员认定 workflow', () => {
  let c: CaseDriver;
  beforeEach(() => {
    c = new CaseDriver(shippedDefinition('tekun'));
  });

  it('starts with the applicant (or the person entrusted), who alone may save and submit', () => {
    expect(c.snapshot.step).toBe('apply');
    expect(c.offers(actors.applicant)).toEqual(['save', 'submit', 'withdraw']);
    expect(c.send(actors.township, 'submit').ok).toBe(false);
  });

  it('recognises a person through every step, sets the care tier from the six items and pays 基本生活费 + 照料护理费', () => {
    c.ok(actors.applicant, 'submit', { data: application });
    c.ok(actors.township, 'accept', { data: { acceptance: { complete: true } } });
    expect(rendered(c.effects)).toEqual(['tekun/accepted@township']);
    c.ok(actors.village, 'complete', { data: { investigation: { investigators: ['赵村干', '钱社工'] } } });
    // 信息核对: the request to the check system leaves with the household's declared income and assets.
    expect(c.snapshot.step).toBe('verification');
    expect(c.effects).toContainEqual({ type: 'requestCheck', request: 'verification#1', service: 'householdCheck', payload: { applicant: { name: '陈德贵', idNumber: '320621195001010019' }, household: application.household!, income: { transfer: 120 } } });
    c.ok(actors.township, 'record', { data: { verification: { result: '一致' } } });
    expect(c.snapshot.step).toBe('assessment');
    c.ok(actors.township, 'complete', { data: { assessment: partlyDependent } });
    expect(c.data.assessment).toMatchObject({ unableCount: 2, careTier: '半护理' });
    c.ok(actors.township, 'approve');
    expect(c.snapshot.step).toBe('publicNotice');
    expect(rendered(c.effects)).toEqual(['tekun/notice@township']);
    c.caseId = ids.notSampled;
    c.advanceDays(7);
    c.fireTimer();
    expect(c.snapshot.step).toBe('countyReview');
    c.ok(actors.county, 'confirm', { data: { countyReview: { decision: '认定' } } });
    expect(c.snapshot).toMatchObject({ status: 'done', outcome: 'approved' });
    // 1300 (基本生活标准) + 600 (半护理)
    expect(c.data.decision).toMatchObject({ careTier: '半护理', basicAmount: 1300, careAmount: 600, monthlyAmount: 1900 });
    expect(c.snapshot.decisions?.support).toMatchObject({ outcome: 'approved', amount: 1900 });
    expect(rendered(c.effects)).toEqual(['tekun/confirm@county']);
    expect(c.effects).toContainEqual({ type: 'setSubjectFact', fact: 'tekun.careTier', value: '半护理' });
  });

  it('gives 全自理 when all six items are possible and 全护理 when four or more are not', () => {
    toNotice(c);
    c.ok(actors.township, 'object', { comment: '村民反映其自理能力与评估不符' });
    c.ok(actors.township, 'reinvestigate', { comment: '重新评估' });
    c.ok(actors.village, 'complete');
    c.ok(actors.township, 'record', { data: { verification: { result: '一致' } } });
    c.ok(actors.township, 'complete', { data: { assessment: { eating: '不能', dressing: '不能', transfer: '不能', toileting: '不能', walking: '能', bathing: '不能' } } });
    expect(c.data.assessment).toMatchObject({ unableCount: 5, careTier: '全护理' });
    const other = new CaseDriver(shippedDefinition('tekun'));
    toNotice(other);
    expect(other.data.assessment).toMatchObject({ careTier: '半护理' });
    const able = new CaseDriver(shippedDefinition('tekun'));
    able.ok(actors.applicant, 'submit', { data: application });
    able.ok(actors.township, 'accept');
    able.ok(actors.village, 'complete');
    able.ok(actors.township, 'record', { data: { verification: { result: '一致' } } });
    able.ok(actors.township, 'complete', { data: { assessment: { eating: '能', dressing: '能', transfer: '能', toileting: '能', walking: '能', bathing: '能' } } });
    expect(able.data.assessment).toMatchObject({ unableCount: 0, careTier: '全自理' });
  });

  it('returns an incomplete application once with everything missing (一次性告知) and its 补正材料通知书, then resumes at 受理', () => {
    c.ok(actors.applicant, 'submit', { data: application });
    const noList = c.send(actors.township, 'requestCorrection');
    expect(noList.ok).toBe(false);
    c.ok(actors.township, 'requestCorrection', { comment: '缺少户口簿复印件、残疾人证复印件', data: { acceptance: { complete: false, missingMaterials: ['户口簿复印件', '残疾人证复印件'] } } });
    expect(c.snapshot.step).toBe('apply');
    expect(rendered(c.effects)).toEqual(['tekun/correction@township']);
    c.ok(actors.applicant, 'submit');
    expect(c.snapshot.step).toBe('accept');
  });

  it('refuses to accept with the township’s 不予受理通知书', () => {
    c.ok(actors.applicant, 'submit', { data: application });
    c.ok(actors.township, 'refuseAcceptance', { comment: '户籍不在本镇' });
    expect(c.snapshot).toMatchObject({ status: 'done', outcome: 'rejected' });
    expect(rendered(c.effects)).toEqual(['tekun/notAccepted@township']);
  });

  it('refuses only with reasons, issues the 不予认定通知书 at once and gives the township 3 working days to deliver it outside the limit', () => {
    toNotice(c, ids.notSampled);
    c.advanceDays(7);
    c.fireTimer();
    expect(c.send(actors.county, 'refuse').ok).toBe(false);
    c.ok(actors.county, 'refuse', { comment: '申请人之子具有赡养能力', data: { countyReview: { decision: '不予认定' }, decision: { refusalReasons: ['申请人之子具有赡养能力'] } } });
    expect(rendered(c.effects)).toEqual(['tekun/refuse@county']);
    expect(c.snapshot.decisions?.support).toMatchObject({ outcome: 'rejected', reasons: expect.stringContaining('赡养能力') as string });
    expect(c.snapshot.step).toBe('deliverRefusal');
    expect(c.snapshot.clock?.stoppedAt).toBeDefined();
    const due = c.snapshot.tasks[0]!.dueAt!;
    expect(Date.parse(due)).toBeGreaterThan(c.now.getTime());
    expect(Date.parse(due) - c.now.getTime()).toBeLessThan(6 * 86_400_000);
    c.ok(actors.township, 'delivered', { data: { delivery: { method: '直接送达' } } });
    expect(c.snapshot).toMatchObject({ status: 'done', outcome: 'rejected' });
  });

  it('sends an objection during 公示 to the township, which re-investigates (a new 15 working days) or dismisses it', () => {
    toNotice(c, ids.notSampled);
    c.advanceDays(2);
    c.ok(actors.township, 'object', { comment: '邻居反映其有子女在外地工作' });
    expect(c.snapshot.step).toBe('objectionReview');
    c.ok(actors.township, 'reinvestigate', { comment: '重新调查' });
    expect(c.snapshot.step).toBe('investigation');
    expect(c.snapshot.phase).toMatchObject({ key: 'inquiry', startedAt: c.now.toISOString() });
    c.ok(actors.village, 'complete');
    c.ok(actors.township, 'record', { data: { verification: { result: '一致' } } });
    c.ok(actors.township, 'complete', { data: { assessment: partlyDependent } });
    c.ok(actors.township, 'approve');
    expect(c.snapshot.step).toBe('publicNotice');
    c.ok(actors.township, 'object', { comment: '再次反映' });
    c.ok(actors.township, 'dismiss', { comment: '经核实，其子女已死亡，异议不成立' });
    expect(c.snapshot.step).toBe('countyReview');
  });

  it('holds an optional 民主评议 in the village before the first review concludes', () => {
    c.ok(actors.applicant, 'submit', { data: application });
    c.ok(actors.township, 'accept');
    c.ok(actors.village, 'complete');
    c.ok(actors.township, 'record', { data: { verification: { result: '一致' } } });
    c.ok(actors.township, 'complete', { data: { assessment: partlyDependent } });
    c.ok(actors.township, 'holdDemocraticReview');
    expect(c.snapshot.step).toBe('democraticReview');
    c.ok(actors.village, 'complete', { data: { democraticReview: { held: true, opinion: '一致同意' } } });
    expect(c.snapshot.step).toBe('townshipReview');
    c.ok(actors.township, 'approve');
    expect(c.snapshot.step).toBe('publicNotice');
  });

  it('has a third-party assessor assess when 受理 says so', () => {
    c.directory = assessorUnit;
    c.ok(actors.applicant, 'submit', { data: application });
    c.ok(actors.township, 'accept', { data: { acceptance: { complete: true, assessedBy: '第三方评估机构' } } });
    c.ok(actors.village, 'complete');
    c.ok(actors.township, 'record', { data: { verification: { result: '一致' } } });
    expect(c.snapshot.step).toBe('thirdPartyAssessment');
    expect(c.snapshot.tasks[0]).toMatchObject({ assigneeUnit: 'asr' });
    expect(c.send(actors.township, 'complete').ok).toBe(false);
    c.ok(assessor, 'complete', { data: { assessment: { ...partlyDependent, assessor: '海安市养老服务评估中心' } } });
    expect(c.data.assessment).toMatchObject({ careTier: '半护理' });
    expect(c.snapshot.step).toBe('townshipReview');
  });

  it('spot-checks about 30 % of cases in the county (the sample condition), the rest go straight to review', () => {
    expect(ids.share).toBeGreaterThan(0.2);
    expect(ids.share).toBeLessThan(0.4);
    toNotice(c, ids.sampled);
    c.advanceDays(7);
    c.fireTimer();
    expect(c.snapshot.step).toBe('spotCheck');
    expect(c.snapshot.phase).toMatchObject({ key: 'countyPhase' });
    c.ok(actors.county, 'complete', { data: { spotCheck: { result: '属实' } } });
    expect(c.snapshot.step).toBe('countyReview');
    // spot check and review share one 15 working-day phase clock
    expect(c.snapshot.phase).toMatchObject({ key: 'countyPhase' });
  });

  it('counts 调查 and 初审 together against 15 working days: what the village leaves is what the township has, reminders and escalation act', () => {
    c.ok(actors.applicant, 'submit', { data: application });
    c.ok(actors.township, 'accept'); // Monday 2026-03-02
    const phaseDue = c.snapshot.phase!.dueAt;
    // 15 working days from 03-02: the end of Monday 03-23
    expect(phaseDue).toBe('2026-03-23T16:00:00.000Z');
    expect(c.snapshot.tasks[0]).toMatchObject({ step: 'investigation', dueAt: '2026-03-16T16:00:00.000Z' });
    expect(c.effects.filter((e) => e.type === 'scheduleTimer').map((e) => (e as { key: string }).key)).toEqual(['remind:investigation#1:1', 'overdue:investigation#1']);
    c.advanceDays(13); // 03-15
    c.ok(actors.village, 'complete');
    c.ok(actors.township, 'record', { data: { verification: { result: '一致' } } });
    c.ok(actors.township, 'complete', { data: { assessment: partlyDependent } });
    // the first review has what is left of the phase
    expect(c.snapshot.tasks[0]).toMatchObject({ step: 'townshipReview', dueAt: phaseDue });
    c.now = new Date('2026-03-24T09:00:00+08:00');
    const overdue = c.send(actors.system, 'deadline.overdue', { timerKey: 'overdue:townshipReview#1' });
    expect(overdue).toMatchObject({ ok: true, event: { note: '逾期升级：乡镇（街道） → 县级' } });
    expect(c.snapshot.tasks[0]).toMatchObject({ level: 'county' });
    c.ok(actors.county, 'approve');
    expect(c.snapshot.step).toBe('publicNotice');
  });

  it('lets the township recognise where the county delegates it (confirmLevel = township)', () => {
    const def = shippedDefinition('tekun') as WorkflowDefinition & { parameters: Record<string, JsonValue> };
    const d = new CaseDriver({ ...def, parameters: { ...def.parameters, confirmLevel: 'township' } });
    toNotice(d, ids.notSampled);
    d.advanceDays(7);
    d.fireTimer();
    expect(d.send(actors.county, 'confirm').ok).toBe(false);
    d.ok(actors.township, 'confirm');
    expect(rendered(d.effects)).toEqual(['tekun/confirm@township']);
  });

  it('lets the applicant withdraw before 受理 only', () => {
    c.ok(actors.applicant, 'submit', { data: application });
    c.ok(actors.township, 'accept');
    expect(c.send(actors.applicant, 'withdraw').ok).toBe(false);
    const d = new CaseDriver(shippedDefinition('tekun'));
    d.ok(actors.applicant, 'submit', { data: application });
    d.ok(actors.applicant, 'withdraw');
    expect(d.snapshot.outcome).toBe('withdrawn');
  });
});
