import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor, Effect, OrgDirectory } from '../../engine/index.js';
import { actors, CaseDriver, shippedDefinition } from '../support/caseDriver.js';

const assessorUnit: OrgDirectory = { units: [{ id: 'asr', kind: 'assessor', name: '海安市养老服务评估中心' }], members: {}, seed: 'command-1' };
const assessor: Actor = { id: 'u-assessor', kind: 'officer', roles: [], orgUnit: { id: 'asr', level: 'department' as never, path: ['c1', 'asr'] } };

/** 周玉芳 (born 1940), a 低保 recipient living alone, applying herself. */
const application = {
  applicant: { name: '周玉芳', idNumber: '320621194003120022', phone: '13862712001' },
  household: { members: [{ name: '周玉芳', idNumber: '320621194003120022', relation: '本人' }] },
  elder: { name: '周玉芳', idNumber: '320621194003120022', category: '低保', livingSituation: '独居', selfCare: '部分自理', servicesWanted: ['助餐', '助洁'], applicantRole: '本人申请' },
};
/** 陆德明 (born 1938), an 经济困难的高龄老年人: approved by the county. */
const oldOld = { ...application, elder: { ...application.elder, name: '陆德明', idNumber: '320621193807050010', category: '经济困难的高龄老年人' } };
const assessed = { assessment: { visitedOn: '2026-03-05', assessor: '海安市养老服务评估中心 张敏', selfCareScore: 55, serviceLevel: '二级', services: ['助餐', '助洁', '助医'], opinion: '部分失能，独居' } };

const documents = (effects: Effect[]) => effects.filter((e): e is Extract<Effect, { type: 'renderDocument' }> => e.type === 'renderDocument').map((e) => ({ template: e.template, issuer: e.issuer }));

/** Submits, accepts and has the assessor visit. */
function toApproval(c: CaseDriver, data: Record<string, unknown> = application): void {
  c.directory = assessorUnit;
  c.ok(actors.applicant, 'submit', { data: data as never });
  c.ok(actors.township, 'accept', { data: { acceptance: { complete: true } } });
  expect(c.snapshot.tasks).toEqual([expect.objectContaining({ step: 'assess' })]);
  c.ok(assessor, 'complete', { data: assessed });
}

describe('the 居家养老服务补贴 workflow', () => {
  let c: CaseDriver;
  beforeEach(() => {
    c = new CaseDriver(shippedDefinition('home-care-subsidy'));
  });

  it('has the township approve a 低保 elder at the assessed level’s amount from the next month, with its 批准通知书 and the elder’s subject facts', () => {
    toApproval(c);
    expect(c.snapshot.tasks).toEqual([expect.objectContaining({ step: 'townshipApprove', level: 'township' })]);
    c.ok(actors.township, 'approve', { data: { approval: { amount: 200, payFrom: '2026-04-01', opinion: '同意' } } });
    expect(c.snapshot).toMatchObject({ status: 'done', step: 'approved', outcome: 'approved' });
    expect(documents(c.effects)).toEqual([{ template: 'home-care-subsidy/approve', issuer: 'township' }]);
    expect(c.snapshot.decisions).toMatchObject({ subsidy: { outcome: 'approved', amount: 200 } });
    expect(c.effects.filter((e) => e.type === 'setSubjectFact')).toEqual([
      { type: 'setSubjectFact', fact: 'homeCare.serviceLevel', value: '二级' },
      { type: 'setSubjectFact', fact: 'homeCare.amount', value: 200 },
      { type: 'setSubjectFact', fact: 'homeCare.payFrom', value: '2026-04-01' },
    ]);
  });

  it('sends the other categories (an 经济困难的高龄老年人) to the county, whose notice it issues', () => {
    toApproval(c, oldOld);
    expect(c.snapshot.tasks).toEqual([expect.objectContaining({ step: 'countyApprove', level: 'county' })]);
    expect(c.send(actors.township, 'approve', { data: { approval: { amount: 200, payFrom: '2026-04-01' } } }).ok).toBe(false);
    c.ok(actors.county, 'approve', { data: { approval: { amount: 200, payFrom: '2026-04-01' } } });
    expect(documents(c.effects)).toEqual([{ template: 'home-care-subsidy/approve', issuer: 'county' }]);
  });

  it('approves only the amount of the assessed level, from the 1st of a later month, for someone 60 or over', () => {
    toApproval(c);
    expect(c.send(actors.township, 'approve', { data: { approval: { amount: 400, payFrom: '2026-04-01' } } })).toMatchObject({ ok: false, rejection: { code: 'not_allowed' } });
    expect(c.send(actors.township, 'approve', { data: { approval: { amount: 200, payFrom: '2026-03-01' } } }).ok).toBe(false);
    const young = { ...application, elder: { ...application.elder, name: '吴桂香', idNumber: '320621197001010021' } };
    const d = new CaseDriver(shippedDefinition('home-care-subsidy'));
    toApproval(d, young);
    expect(d.send(actors.township, 'approve', { data: { approval: { amount: 200, payFrom: '2026-04-01' } } }).ok).toBe(false);
  });

  it('asks the assessor for the visit date and the service level before the assessment goes on', () => {
    c.directory = assessorUnit;
    c.ok(actors.applicant, 'submit', { data: application });
    c.ok(actors.township, 'accept');
    expect(c.send(assessor, 'complete', { data: { assessment: { opinion: '未入户' } } })).toMatchObject({ ok: false, rejection: { code: 'not_allowed' } });
    expect(c.send(actors.township, 'complete', { data: assessed }).ok).toBe(false);
  });

  it('refuses in writing with reasons: the approver’s 不予批准通知书', () => {
    toApproval(c, oldOld);
    expect(c.send(actors.county, 'refuse').ok).toBe(false);
    c.ok(actors.county, 'refuse', { comment: '收入高于标准', data: { approval: { refusalReasons: ['家庭人均收入高于当地经济困难老年人认定标准'] } } });
    expect(c.snapshot).toMatchObject({ status: 'done', step: 'refused', outcome: 'rejected' });
    expect(c.snapshot.decisions).toMatchObject({ subsidy: { outcome: 'rejected' } });
    expect(documents(c.effects)).toEqual([{ template: 'home-care-subsidy/refuse', issuer: 'county' }]);
  });

  it('returns an incomplete application once with the full list (补正材料通知书) and resumes at acceptance', () => {
    c.directory = assessorUnit;
    c.ok(actors.applicant, 'submit', { data: application });
    expect(c.send(actors.township, 'requestCorrection').ok).toBe(false);
    c.ok(actors.township, 'requestCorrection', { comment: '缺少低保证、医疗证明', data: { acceptance: { complete: false, missingMaterials: ['低保证复印件', '失能情况的医疗证明'] } } });
    expect(c.snapshot.step).toBe('apply');
    expect(documents(c.effects)).toEqual([{ template: 'home-care-subsidy/correction', issuer: 'township' }]);
    c.ok(actors.applicant, 'submit');
    c.ok(actors.township, 'accept', { data: { acceptance: { complete: true, missingMaterials: [] } } });
    expect(c.snapshot.step).toBe('assess');
    expect(documents(c.effects)).toEqual([{ template: 'home-care-subsidy/accepted', issuer: 'township' }]);
  });

  it('lets the approver return the case for a new assessment', () => {
    toApproval(c);
    c.ok(actors.township, 'returnForAssessment', { comment: '请复核助浴需求' });
    expect(c.snapshot.step).toBe('assess');
  });

  it('records a reminder to the assessor 2 working days before its 10 end, then has the township visit itself within 5', () => {
    c.directory = assessorUnit;
    c.ok(actors.applicant, 'submit', { data: application });
    c.ok(actors.township, 'accept');
    // Accepted on Monday 2026-03-02: the visit is due at the end of 03-16, the reminder at the end of 03-12.
    expect(c.snapshot.tasks[0]).toMatchObject({ step: 'assess', dueAt: '2026-03-16T16:00:00.000Z' });
    expect(c.effects.filter((e) => e.type === 'scheduleTimer').map((e) => e.type === 'scheduleTimer' && [e.key, e.dueAt])).toEqual([
      ['remind:assess#1:1', '2026-03-12T16:00:00.000Z'],
      ['overdue:assess#1', '2026-03-16T16:00:00.000Z'],
    ]);
    c.now = new Date('2026-03-13T08:00:00+08:00');
    // Recorded on the timeline, and told to the assessor's officers (a notice to their unit).
    expect(c.send(actors.system, 'deadline.remind', { timerKey: 'remind:assess#1:1' })).toMatchObject({ ok: true, event: { kind: 'deadline', note: expect.stringContaining('到期提醒') } });
    const assessorTask = c.snapshot.tasks[0]!;
    expect(c.effects.filter((e) => e.type === 'notifyUnit')).toEqual([{ type: 'notifyUnit', unit: assessorTask.assigneeUnit, message: expect.stringContaining('到期') }]);
    c.now = new Date('2026-03-17T08:00:00+08:00');
    c.ok(actors.system, 'deadline.overdue', { timerKey: 'overdue:assess#1' });
    expect(c.snapshot.tasks).toEqual([expect.objectContaining({ step: 'townshipAssess', level: 'township' })]);
    expect(c.send(assessor, 'complete', { data: assessed }).ok).toBe(false);
    c.ok(actors.township, 'complete', { data: assessed });
    expect(c.snapshot.step).toBe('townshipApprove');
  });

  it('escalates a township approval left past its 10 working days to the county', () => {
    toApproval(c);
    const due = c.snapshot.tasks[0]!.dueAt;
    expect(due).toBe('2026-03-16T16:00:00.000Z');
    c.now = new Date('2026-03-17T08:00:00+08:00');
    c.ok(actors.system, 'deadline.overdue', { timerKey: 'overdue:townshipApprove#1' });
    expect(c.snapshot.tasks).toEqual([expect.objectContaining({ step: 'townshipApprove', level: 'county' })]);
    c.ok(actors.county, 'approve', { data: { approval: { amount: 200, payFrom: '2026-04-01' } } });
    expect(c.snapshot.step).toBe('approved');
  });

  it('lets the applicant withdraw before acceptance', () => {
    c.ok(actors.applicant, 'submit', { data: application });
    c.ok(actors.applicant, 'withdraw');
    expect(c.snapshot).toMatchObject({ status: 'done', outcome: 'withdrawn' });
  });
});
