import { beforeEach, describe, expect, it } from 'vitest';
import { compileWorkflow, type Actor, type Effect, type OrgDirectory } from '../../engine/index.js';
import { actors, CaseDriver, processModules, shippedDefinition } from '../support/caseDriver.js';

/** The county's 县残联, the unit the 审核 step is routed to. */
const directory: OrgDirectory = { units: [{ id: 'dpf', kind: 'disabled_persons_federation', name: '海安市残疾人联合会' }], members: {}, seed: 'command-1' };
const dpfOfficer: Actor = { id: 'u-dpf', kind: 'officer', roles: [], orgUnit: { id: 'dpf', level: 'department' as never, path: ['c1', 'dpf'] } };

/** A guardian applying for her son, grade 二级 肢体残疾, in a 低保 household. */
const application = {
  applicant: { name: '王秀英', idNumber: '320621195503120023', phone: '13912345678' },
  household: { members: [{ name: '王秀英', idNumber: '320621195503120023', relation: '本人' }, { name: '张明', idNumber: '320621198001150015', relation: '子女' }] },
  disabledPerson: { name: '张明', idNumber: '320621198001150015', certificateNumber: '32062119800115001542', disabilityType: '肢体残疾', grade: '二级', applicantRole: '法定监护人' },
};

const documents = (effects: Effect[]) => effects.filter((e): e is Extract<Effect, { type: 'renderDocument' }> => e.type === 'renderDocument').map((e) => ({ template: e.template, issuer: e.issuer, item: e.decision?.item, outcome: e.decision?.outcome, amount: e.decision?.amount, reasons: e.decision?.reasons }));

function newCase(): CaseDriver {
  const c = new CaseDriver(shippedDefinition('liangxiang'));
  c.directory = directory;
  return c;
}

/** Submits, accepts and passes the township's 初审 (into 公示). */
function toPublicNotice(c: CaseDriver): void {
  c.ok(actors.applicant, 'submit', { data: application });
  c.ok(actors.township, 'accept', { data: { acceptance: { complete: true } } });
  c.ok(actors.township, 'approve', { data: { townshipReview: { visited: true, opinion: '情况属实' } } });
}

/** From 公示 through the 县残联's 审核 to the county's 审定. */
function toCountyDecision(c: CaseDriver, dpf: Record<string, unknown> = { certificateValid: true, disabilityType: '肢体残疾', grade: '二级' }): void {
  toPublicNotice(c);
  expect(documents(c.effects)).toEqual([expect.objectContaining({ template: 'liangxiang/notice', issuer: 'township' })]);
  c.advanceDays(8);
  expect(c.fireTimer().ok).toBe(true);
  expect(c.snapshot.step).toBe('dpfReview');
  // The 县残联's task: the county bureau cannot act on it.
  expect(c.send(actors.county, 'approve').ok).toBe(false);
  c.ok(dpfOfficer, 'approve', { data: { dpfReview: dpf as never } });
  expect(c.snapshot.step).toBe('countyDecision');
}

describe('the 残疾人两项补贴 workflow', () => {
  let c: CaseDriver;
  beforeEach(() => {
    c = newCase();
  });

  it('grants both subsidies to a grade-2 disabled person of a 低保 household, each with its own notice, paying from the next month', () => {
    c.subjectFacts = { dibao: { status: '在保', since: '2025-06-01' } };
    toCountyDecision(c);
    expect(c.snapshot.tasks).toEqual([expect.objectContaining({ step: 'countyDecision', level: 'county' })]);
    c.ok(actors.county, 'decide', { data: { countyDecision: { living: 'approved', nursing: 'approved', payFrom: '2026-04-01' } } });
    expect(c.snapshot).toMatchObject({ status: 'done', step: 'decided', outcome: 'approved' });
    expect(documents(c.effects)).toEqual([
      { template: 'liangxiang/living', issuer: 'county', item: 'living', outcome: 'approved', amount: 100, reasons: undefined },
      { template: 'liangxiang/nursing', issuer: 'county', item: 'nursing', outcome: 'approved', amount: 100, reasons: undefined },
    ]);
    expect(c.effects.filter((e) => e.type === 'setSubjectFact')).toEqual([
      { type: 'setSubjectFact', fact: 'liangxiang.living', value: 'approved' },
      { type: 'setSubjectFact', fact: 'liangxiang.nursing', value: 'approved' },
      { type: 'setSubjectFact', fact: 'liangxiang.payFrom', value: '2026-04-01' },
    ]);
  });

  it('cross-checks 生活补贴 against the household’s 低保 status: without it only the refusal of that item may be decided', () => {
    toCountyDecision(c);
    // No 低保 fact on the household: granting 生活补贴 is not allowed, whatever the officer enters.
    expect(c.send(actors.county, 'decide', { data: { countyDecision: { living: 'approved', nursing: 'approved', payFrom: '2026-04-01' } } })).toMatchObject({ ok: false, rejection: { code: 'not_allowed' } });
    // A refusal of an item needs its reasons.
    expect(c.send(actors.county, 'decide', { data: { countyDecision: { living: 'rejected', nursing: 'approved', payFrom: '2026-04-01' } } }).ok).toBe(false);
    c.ok(actors.county, 'decide', { data: { countyDecision: { living: 'rejected', livingReasons: '申请人家庭不是最低生活保障家庭', nursing: 'approved', payFrom: '2026-04-01' } } });
    expect(c.snapshot.outcome).toBe('approved');
    expect(documents(c.effects)).toEqual([
      { template: 'liangxiang/living', issuer: 'county', item: 'living', outcome: 'rejected', amount: undefined, reasons: expect.stringContaining('不是最低生活保障家庭') },
      { template: 'liangxiang/nursing', issuer: 'county', item: 'nursing', outcome: 'approved', amount: 100, reasons: undefined },
    ]);
  });

  it('grants 护理补贴 only for grade 1–2, or grade 3–4 intellectual or mental disability, as the 县残联 confirmed it', () => {
    c.subjectFacts = { dibao: { status: '在保' } };
    toCountyDecision(c, { certificateValid: true, disabilityType: '肢体残疾', grade: '三级' });
    const nursing = { living: 'approved', nursing: 'approved', payFrom: '2026-04-01' };
    expect(c.send(actors.county, 'decide', { data: { countyDecision: nursing } })).toMatchObject({ ok: false });
    c.ok(actors.county, 'decide', { data: { countyDecision: { ...nursing, nursing: 'rejected', nursingReasons: '三级肢体残疾不属于护理补贴对象' } } });
    expect(c.snapshot.outcome).toBe('approved');

    const mental = newCase();
    toCountyDecision(mental, { certificateValid: true, disabilityType: '精神残疾', grade: '四级' });
    mental.ok(actors.county, 'decide', { data: { countyDecision: { living: 'rejected', livingReasons: '非低保家庭', nursing: 'approved', payFrom: '2026-04-01' } } });
    expect(mental.snapshot.outcome).toBe('approved');
  });

  it('pays only from a month after the decision', () => {
    c.subjectFacts = { dibao: { status: '在保' } };
    toCountyDecision(c);
    // Decided on 2026-03-10: paying from 03-01 would be back pay.
    expect(c.send(actors.county, 'decide', { data: { countyDecision: { living: 'approved', nursing: 'approved', payFrom: '2026-03-01' } } }).ok).toBe(false);
  });

  it('ends rejected when both items are refused, each notice with its reasons and appeal rights', () => {
    toCountyDecision(c, { certificateValid: true, disabilityType: '视力残疾', grade: '四级' });
    c.ok(actors.county, 'decide', { data: { countyDecision: { living: 'rejected', livingReasons: '非低保家庭', nursing: 'rejected', nursingReasons: '四级视力残疾不属于护理补贴对象' } } });
    expect(c.snapshot).toMatchObject({ status: 'done', outcome: 'rejected' });
    expect(documents(c.effects).map((d) => [d.template, d.outcome])).toEqual([['liangxiang/living', 'rejected'], ['liangxiang/nursing', 'rejected']]);
  });

  it('refuses the whole application with written reasons and the county’s refusal notice', () => {
    toCountyDecision(c, { certificateValid: false, opinion: '残疾人证已过有效期' });
    expect(c.send(actors.county, 'refuse').ok).toBe(false);
    c.ok(actors.county, 'refuse', { comment: '残疾人证已过有效期，未按规定换领', data: { countyDecision: { refusalReasons: ['残疾人证已过有效期，未按规定换领'] } } });
    expect(c.snapshot).toMatchObject({ status: 'done', step: 'refused', outcome: 'rejected' });
    expect(documents(c.effects)).toEqual([expect.objectContaining({ template: 'liangxiang/refuse', issuer: 'county' })]);
  });

  it('lets the township refuse at 初审 with its own notice', () => {
    c.ok(actors.applicant, 'submit', { data: application });
    c.ok(actors.township, 'accept');
    c.ok(actors.township, 'refuse', { comment: '残疾人户籍不在本乡镇', data: { townshipReview: { refusalReasons: ['残疾人户籍不在本乡镇'] } } });
    expect(c.snapshot).toMatchObject({ step: 'notPassed', outcome: 'rejected' });
    expect(documents(c.effects)).toEqual([expect.objectContaining({ template: 'liangxiang/notPassed', issuer: 'township' })]);
  });

  it('returns an incomplete application once with the full list (补正材料通知书) and resumes at acceptance', () => {
    c.ok(actors.applicant, 'submit', { data: application });
    expect(c.send(actors.township, 'requestCorrection').ok).toBe(false);
    c.ok(actors.township, 'requestCorrection', { comment: '缺少：残疾人证复印件、监护关系证明', data: { acceptance: { complete: false, missingMaterials: ['第二代残疾人证复印件', '监护关系证明'] } } });
    expect(c.snapshot.step).toBe('apply');
    expect(documents(c.effects)).toEqual([expect.objectContaining({ template: 'liangxiang/correction', issuer: 'township' })]);
    c.ok(actors.applicant, 'submit');
    expect(c.snapshot.step).toBe('accept');
    c.ok(actors.township, 'accept', { data: { acceptance: { complete: true, missingMaterials: [] } } });
    expect(c.snapshot.step).toBe('townshipReview');
    expect(documents(c.effects)).toEqual([expect.objectContaining({ template: 'liangxiang/accepted', issuer: 'township' })]);
  });

  it('sends the case back to the township for a new 初审 on a 公示 objection', () => {
    toPublicNotice(c);
    c.ok(actors.township, 'object', { comment: '群众反映其已外出务工', data: { publicNotice: { objection: '群众反映其已外出务工' } } });
    expect(c.snapshot.step).toBe('townshipReview');
  });

  it('reminds the township 2 working days before its 10 working days end, then escalates the 初审 to the county', () => {
    c.ok(actors.applicant, 'submit', { data: application });
    c.ok(actors.township, 'accept');
    // Accepted on Monday 2026-03-02: 初审 due at the end of 03-16, the reminder at the end of 03-12.
    expect(c.snapshot.tasks[0]).toMatchObject({ step: 'townshipReview', level: 'township', dueAt: '2026-03-16T16:00:00.000Z' });
    expect(c.effects.filter((e) => e.type === 'scheduleTimer').map((e) => e.type === 'scheduleTimer' && [e.key, e.dueAt])).toEqual([
      ['remind:townshipReview#1:1', '2026-03-12T16:00:00.000Z'],
      ['overdue:townshipReview#1', '2026-03-16T16:00:00.000Z'],
    ]);
    c.now = new Date('2026-03-13T08:00:00+08:00');
    c.ok(actors.system, 'deadline.remind', { timerKey: 'remind:townshipReview#1:1' });
    expect(c.effects).toEqual([{ type: 'notify', to: 'township', message: expect.stringContaining('催办') }]);
    c.now = new Date('2026-03-17T08:00:00+08:00');
    c.ok(actors.system, 'deadline.overdue', { timerKey: 'overdue:townshipReview#1' });
    expect(c.snapshot.tasks).toEqual([expect.objectContaining({ step: 'townshipReview', level: 'county' })]);
    expect(c.send(actors.township, 'approve').ok).toBe(false);
    c.ok(actors.county, 'approve');
    expect(c.snapshot.step).toBe('publicNotice');
  });

  it('skips 公示 where the local rule has none', () => {
    const definition = shippedDefinition('liangxiang');
    const local = compileWorkflow({ ...definition, parameters: { ...definition.parameters, publicNoticeRequired: false } }, { process: processModules.get('liangxiang') });
    const d = new CaseDriver(local);
    d.directory = directory;
    toPublicNotice(d);
    expect(d.snapshot.step).toBe('dpfReview');
    expect(documents(d.effects).some((x) => x.template === 'liangxiang/notice')).toBe(false);
  });
});
