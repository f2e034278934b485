import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor, Effect, OrgDirectory } from '../../engine/index.js';
import { actors, CaseDriver, shippedDefinition } from '../support/caseDriver.js';

const assessorUnit: OrgDirectory = { units: [{ id: 'asr', kind: 'assessor', name: '海安市养老服务评估中心' }], members: {}, seed: 'command-1' };
const assessor: Actor = { id: 'u-assessor', kind: 'officer', roles: [], orgUnit: { id: 'asr', level: 'department' as never, path: ['c1', 'asr'] } };

/** 沈桂英 (born 1945), 特困, living alone and partly disabled. */
const application = {
  applicant: { name: '沈桂英', idNumber: '320621194509180022', phone: '13862712002' },
  household: { members: [{ name: '沈桂英', idNumber: '320621194509180022', relation: '本人' }] },
  elder: { name: '沈桂英', idNumber: '320621194509180022', category: '特困', difficulty: ['独居', '失能'], housing: '自有住房', applicantRole: '本人申请' },
};
/** The same household on the 低保 edge: approved by the county. */
const edge = { ...application, elder: { ...application.elder, category: '低保边缘' } };
const plan = { plan: { visitedOn: '2026-03-05', assessor: '张敏', findings: '卫生间无扶手，地面湿滑', works: [{ item: '安装扶手', description: '卫生间马桶旁、淋浴区', quantity: 2, amount: 800 }, { item: '地面防滑处理', description: '卫生间、厨房', quantity: 1, amount: 1200 }] } };
const photo = (name: string) => ({ name, file: `${name}.jpg`, type: 'image/jpeg', size: 120000 });
const finished = { works: { provider: '海安市安居适老服务有限公司', startedOn: '2026-04-01', finishedOn: '2026-04-20', photos: [photo('before'), photo('after')] } };
const inspected = { inspection: { inspectedOn: '2026-04-24', inspectors: ['曲塘镇 孙红', '家属 沈建军'], elderSatisfied: true, findings: '扶手牢固，防滑达标', photos: [photo('check')] } };

const documents = (effects: Effect[]) => effects.filter((e): e is Extract<Effect, { type: 'renderDocument' }> => e.type === 'renderDocument').map((e) => ({ template: e.template, issuer: e.issuer }));

/** Submits, accepts, has the assessor draw up the plan and the approver approve 2,000 元. */
function toWorks(c: CaseDriver, data: Record<string, unknown> = application): void {
  c.directory = assessorUnit;
  c.ok(actors.applicant, 'submit', { data: data as never });
  c.ok(actors.township, 'accept', { data: { acceptance: { complete: true } } });
  c.ok(assessor, 'complete', { data: plan });
  const approver = c.snapshot.step === 'countyApprove' ? actors.county : actors.township;
  c.ok(approver, 'approve', { data: { approval: { amount: 2000, opinion: '同意' } } });
  expect(c.snapshot.step).toBe('works');
}

describe('the 适老化改造 workflow', () => {
  let c: CaseDriver;
  beforeEach(() => {
    c = new CaseDriver(shippedDefinition('home-adaptation'));
  });

  it('goes from the plan and the township’s approval of a 特困 household through the works to a passed 验收, with the 验收记录 and the subject facts', () => {
    toWorks(c);
    expect(c.snapshot.decisions).toMatchObject({ adaptation: { outcome: 'approved', amount: 2000 } });
    expect(documents(c.effects)).toEqual([{ template: 'home-adaptation/approve', issuer: 'township' }]);
    c.ok(actors.township, 'complete', { data: finished });
    expect(c.snapshot.step).toBe('inspection');
    c.ok(actors.township, 'pass', { data: inspected });
    expect(c.snapshot).toMatchObject({ status: 'done', step: 'completed', outcome: 'approved' });
    expect(c.data).toMatchObject({ inspection: { passed: true } });
    expect(documents(c.effects)).toEqual([{ template: 'home-adaptation/inspection', issuer: 'township' }]);
    expect(c.effects.filter((e) => e.type === 'setSubjectFact')).toEqual([
      { type: 'setSubjectFact', fact: 'homeAdaptation.amount', value: 2000 },
      { type: 'setSubjectFact', fact: 'homeAdaptation.acceptedOn', value: '2026-04-24' },
    ]);
  });

  it('sends a 低保边缘 household to the county, whose notice it issues', () => {
    toWorks(c, edge);
    expect(documents(c.effects)).toEqual([{ template: 'home-adaptation/approve', issuer: 'county' }]);
  });

  it('asks the plan for a visit date and at least one work, and caps the subsidy at the parameter', () => {
    c.directory = assessorUnit;
    c.ok(actors.applicant, 'submit', { data: application });
    c.ok(actors.township, 'accept');
    expect(c.send(assessor, 'complete', { data: { plan: { visitedOn: '2026-03-05', works: [] } } })).toMatchObject({ ok: false, rejection: { code: 'not_allowed' } });
    c.ok(assessor, 'complete', { data: plan });
    expect(c.send(actors.township, 'approve', { data: { approval: { amount: 5001 } } }).ok).toBe(false);
    expect(c.send(actors.township, 'approve', { data: { approval: { amount: 0 } } }).ok).toBe(false);
    c.ok(actors.township, 'approve', { data: { approval: { amount: 5000 } } });
  });

  it('asks for completion photos before the 验收 and for 验收 photos before it passes', () => {
    toWorks(c);
    expect(c.send(actors.township, 'complete', { data: { works: { ...finished.works, photos: [] } } })).toMatchObject({ ok: false, rejection: { code: 'not_allowed' } });
    c.ok(actors.township, 'complete', { data: finished });
    expect(c.send(actors.township, 'pass', { data: { inspection: { ...inspected.inspection, photos: [] } } }).ok).toBe(false);
  });

  it('sends failed works back for rework with the 验收记录 listing it, and passes them on the second 验收', () => {
    toWorks(c);
    c.ok(actors.township, 'complete', { data: finished });
    expect(c.send(actors.township, 'fail').ok).toBe(false);
    c.ok(actors.township, 'fail', { comment: '淋浴区扶手松动', data: { inspection: { inspectedOn: '2026-04-24', findings: '淋浴区扶手松动', rework: ['淋浴区扶手重新固定'], photos: [photo('loose')] } } });
    expect(c.snapshot.step).toBe('works');
    expect(c.data).toMatchObject({ inspection: { passed: false } });
    expect(documents(c.effects)).toEqual([{ template: 'home-adaptation/inspection', issuer: 'township' }]);
    c.ok(actors.township, 'complete', { data: { works: { ...finished.works, note: '已重新固定' } } });
    expect(c.snapshot.step).toBe('inspection');
    c.ok(actors.township, 'pass', { data: inspected });
    expect(c.snapshot).toMatchObject({ step: 'completed', outcome: 'approved' });
    expect(c.data).toMatchObject({ inspection: { passed: true } });
  });

  it('refuses in writing with reasons: the approver’s 不予批准通知书, and no works', () => {
    c.directory = assessorUnit;
    c.ok(actors.applicant, 'submit', { data: edge });
    c.ok(actors.township, 'accept');
    c.ok(assessor, 'complete', { data: plan });
    c.ok(actors.county, 'refuse', { comment: '住房已列入征收范围', data: { approval: { refusalReasons: ['住房已列入征收范围，不宜改造'] } } });
    expect(c.snapshot).toMatchObject({ status: 'done', step: 'refused', outcome: 'rejected' });
    expect(documents(c.effects)).toEqual([{ template: 'home-adaptation/refuse', issuer: 'county' }]);
  });

  it('returns an incomplete application once with the full list (补正材料通知书)', () => {
    c.ok(actors.applicant, 'submit', { data: application });
    c.ok(actors.township, 'requestCorrection', { comment: '缺少住房证明', data: { acceptance: { complete: false, missingMaterials: ['住房产权证明或长期居住证明'] } } });
    expect(c.snapshot.step).toBe('apply');
    expect(documents(c.effects)).toEqual([{ template: 'home-adaptation/correction', issuer: 'township' }]);
  });

  it('has the township draw up the plan when the assessor lets 10 working days pass', () => {
    c.directory = assessorUnit;
    c.ok(actors.applicant, 'submit', { data: application });
    c.ok(actors.township, 'accept');
    c.now = new Date('2026-03-17T08:00:00+08:00');
    c.ok(actors.system, 'deadline.overdue', { timerKey: 'overdue:assess#1' });
    expect(c.snapshot.tasks).toEqual([expect.objectContaining({ step: 'townshipAssess', level: 'township' })]);
    c.ok(actors.township, 'complete', { data: plan });
    expect(c.snapshot.step).toBe('townshipApprove');
  });

  it('reminds the township 7 days before the 60 days of works end, then escalates them to the county', () => {
    toWorks(c);
    // Approved on 2026-03-02: 60 days end on 05-01, in the May Day holiday, so the works are due at the end of 05-06, the next working day.
    expect(c.snapshot.tasks[0]).toMatchObject({ step: 'works', level: 'township', dueAt: '2026-05-06T16:00:00.000Z' });
    const timers = c.effects.filter((e) => e.type === 'scheduleTimer').map((e) => e.type === 'scheduleTimer' && [e.key, e.dueAt]);
    expect(timers).toEqual([['remind:works#1:1', '2026-04-29T16:00:00.000Z'], ['overdue:works#1', '2026-05-06T16:00:00.000Z']]);
    c.now = new Date('2026-04-30T08:00:00+08:00');
    c.ok(actors.system, 'deadline.remind', { timerKey: 'remind:works#1:1' });
    expect(c.effects).toEqual([{ type: 'notify', to: 'township', message: expect.stringContaining('催办') }]);
    c.now = new Date('2026-05-07T08:00:00+08:00');
    c.ok(actors.system, 'deadline.overdue', { timerKey: 'overdue:works#1' });
    expect(c.snapshot.tasks).toEqual([expect.objectContaining({ step: 'works', level: 'county' })]);
  });
});
