import { describe, expect, it } from 'vitest';
import { availableVerbs, type Actor, type VerbTarget } from '../../../engine/index.js';
import { actors, CaseDriver } from '../../support/caseDriver.js';
import { taskVerbsWorkflow } from '../../fixtures/taskVerbsWorkflow.js';

const named = (actor: Actor, name: string): VerbTarget => ({ ...actor, name });
const colleague = named(actors.townshipColleague, '同事乙');
const otherUnit = named(actors.otherTownship, '邻镇丙');
const county = named(actors.county, '县级丁');

/** A case waiting for the township's review. */
function atReview(): CaseDriver {
  const c = new CaseDriver(taskVerbsWorkflow);
  c.ok(actors.applicant, 'submit');
  return c;
}

const refusal = (c: CaseDriver, actor: Actor, action: string, options: Parameters<CaseDriver['send']>[2] = {}) => {
  const d = c.send(actor, action, options);
  return d.ok ? undefined : d.rejection;
};

const verbsOffered = (c: CaseDriver, actor: Actor) => availableVerbs(c.wf, c.snapshot, actor, { data: c.data, recusedActors: c.recused }, c.now).map((o) => o.verb);

describe('转办 (transfer)', () => {
  it('hands the task to a colleague of the unit with the duty: the claim moves, the colleague is told, the timeline says to whom', () => {
    const c = atReview();
    const before = c.snapshot;
    const d = c.send(actors.township, 'verb.transfer', { verb: { to: [colleague] }, comment: '本人出差' });
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.snapshot).toMatchObject({ step: 'review', version: before.version + 1, tasks: before.tasks });
    expect(d.effects).toEqual([
      { type: 'assignTask', key: 'review#1', user: colleague.id },
      { type: 'notifyUser', user: colleague.id, message: expect.stringContaining('转办给您') },
    ]);
    expect(d.event).toMatchObject({ action: 'verb.transfer', kind: 'transfer', from: 'review', to: 'review', note: '转办给 同事乙', comment: '本人出差' });
  });

  it('is refused to an officer of another unit, to oneself, to someone recused, to anyone but the task’s worker, and where the step says no', () => {
    const c = atReview();
    expect(refusal(c, actors.township, 'verb.transfer', { verb: { to: [otherUnit] } })).toMatchObject({ code: 'invalid_data', path: '/to/0' });
    expect(refusal(c, actors.township, 'verb.transfer', { verb: { to: [named(actors.township, '自己')] } })).toMatchObject({ code: 'invalid_data', path: '/to/0' });
    expect(refusal(c, actors.township, 'verb.transfer', { verb: { to: [named({ ...actors.townshipColleague, roles: [] }, '无职责')] } })).toMatchObject({ code: 'invalid_data' });
    expect(refusal(c, actors.township, 'verb.transfer', {})).toMatchObject({ code: 'invalid_data', path: '/to' });
    expect(refusal(c, actors.county, 'verb.transfer', { verb: { to: [colleague] } })).toMatchObject({ code: 'not_your_task' });
    c.recused = [colleague.id];
    expect(refusal(c, actors.township, 'verb.transfer', { verb: { to: [colleague] } })).toMatchObject({ code: 'invalid_data', message: expect.stringContaining('回避') });
    c.recused = [];
    c.ok(actors.township, 'approve');
    expect(refusal(c, actors.county, 'verb.transfer', { verb: { to: [named({ ...actors.county, id: 'u-county-2' }, '县同事')] } })).toMatchObject({ code: 'not_allowed' });
  });
});

describe('加签 (add a signer)', () => {
  it('before oneself: the signer’s opinion is asked first, the task waits for it, then it is the adder’s again', () => {
    const c = atReview();
    const added = c.send(actors.township, 'verb.addSigner', { verb: { to: [colleague], position: 'before' } });
    expect(added.ok && added.effects.map((e) => e.type)).toEqual(['grantRead', 'openTask', 'notifyUser']);
    expect(c.snapshot.tasks).toEqual([expect.objectContaining({ key: 'review#1' }), expect.objectContaining({ mode: 'sign', assigneeUser: colleague.id, signFor: 'review#1' })]);
    expect(refusal(c, actors.township, 'approve')).toMatchObject({ code: 'not_your_task', message: expect.stringContaining('加签') });
    expect(c.offers(actors.township)).toEqual([]);
    expect(verbsOffered(c, actors.townshipColleague)).toContain('sign');
    expect(refusal(c, actors.townshipColleague, 'verb.sign')).toMatchObject({ code: 'invalid_data', path: '/comment' });
    expect(refusal(c, actors.township, 'verb.sign', { comment: '同意' })).toMatchObject({ code: 'not_your_task' });
    c.ok(actors.townshipColleague, 'verb.sign', { comment: '情况属实，同意' });
    expect(c.snapshot.tasks.map((t) => t.key)).toEqual(['review#1']);
    expect(c.ok(actors.township, 'approve').step).toBe('confirm');
  });

  it('after oneself: the adder’s opinion now, and the step’s decision passes to the signer alone', () => {
    const c = atReview();
    expect(refusal(c, actors.township, 'verb.addSigner', { verb: { to: [colleague], position: 'after' } })).toMatchObject({ code: 'invalid_data', path: '/comment' });
    c.ok(actors.township, 'verb.addSigner', { verb: { to: [colleague], position: 'after' }, comment: '拟同意，请同事复核' });
    expect(c.snapshot.tasks).toEqual([expect.objectContaining({ key: 'review#1', assigneeUser: colleague.id })]);
    expect(refusal(c, actors.township, 'approve')).toMatchObject({ code: 'not_your_task' });
    expect(c.ok(actors.townshipColleague, 'approve').step).toBe('confirm');
  });

  it('takes a signer of another unit only where the step allows it', () => {
    const c = atReview();
    expect(refusal(c, actors.township, 'verb.addSigner', { verb: { to: [otherUnit], position: 'before' } })).toMatchObject({ code: 'invalid_data', path: '/to/0', message: expect.stringContaining('本单位') });
    expect(refusal(c, actors.township, 'verb.addSigner', { verb: { to: [colleague] } })).toMatchObject({ code: 'invalid_data', path: '/position' });
    c.ok(actors.township, 'approve');
    c.ok(actors.county, 'verb.addSigner', { verb: { to: [otherUnit], position: 'before' } });
    c.ok(actors.otherTownship, 'verb.sign', { comment: '邻镇意见：无异议' });
    expect(c.ok(actors.county, 'confirm').status).toBe('done');
  });
});

describe('抄送 (carbon copy)', () => {
  it('gives each named officer read access and a notice, and refuses oneself, applicants and repeats', () => {
    const c = atReview();
    const d = c.send(actors.township, 'verb.cc', { verb: { to: [county, named(actors.village, '村干戊')] } });
    expect(d.ok && d.effects).toEqual([
      { type: 'grantRead', user: county.id, reason: 'cc' },
      { type: 'notifyUser', user: county.id, message: expect.stringContaining('抄送') },
      { type: 'grantRead', user: actors.village.id, reason: 'cc' },
      { type: 'notifyUser', user: actors.village.id, message: expect.stringContaining('抄送') },
    ]);
    expect(d.ok && d.event.note).toBe('抄送：县级丁、村干戊');
    expect(refusal(c, actors.township, 'verb.cc', { verb: { to: [named(actors.township, '自己')] } })).toMatchObject({ code: 'invalid_data', path: '/to/0' });
    expect(refusal(c, actors.township, 'verb.cc', { verb: { to: [named(actors.applicant, '申请人')] } })).toMatchObject({ code: 'invalid_data', path: '/to/0' });
    expect(refusal(c, actors.township, 'verb.cc', { verb: { to: [county, county] } })).toMatchObject({ code: 'invalid_data', path: '/to/1' });
    expect(refusal(c, actors.county, 'verb.cc', { verb: { to: [colleague] } })).toMatchObject({ code: 'not_your_task' });
  });
});

describe('撤回 (recall)', () => {
  it('takes back the last forward action while nobody has acted since: the case, its tasks and clock are as before', () => {
    const c = atReview();
    c.ok(actors.township, 'approve');
    const atConfirm = c.snapshot;
    expect(verbsOffered(c, actors.township)).toEqual(['recall']);
    expect(refusal(c, actors.townshipColleague, 'verb.recall')).toMatchObject({ code: 'not_your_task' });
    const d = c.send(actors.township, 'verb.recall');
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    const { recallable, version } = atConfirm;
    expect(recallable).toMatchObject({ actor: actors.township.id, step: 'review', action: 'approve', previous: { step: 'review', tasks: [{ key: 'review#1' }] } });
    expect(d.snapshot).toEqual({ ...recallable!.previous, version: version + 1 });
    expect(d.effects).toEqual([{ type: 'closeTask', key: 'confirm#1', outcome: 'cancelled' }, { type: 'openTask', task: expect.objectContaining({ key: 'review#1' }) }]);
    expect(d.event).toMatchObject({ kind: 'recall', from: 'confirm', to: 'review', note: '撤回“审查通过”' });
    expect(refusal(c, actors.township, 'verb.recall')).toMatchObject({ code: 'not_allowed' });
    expect(c.ok(actors.township, 'approve').step).toBe('confirm');
  });

  it('is no longer possible once anyone has acted on the case after it, nor from a step that does not allow it', () => {
    const c = atReview();
    c.ok(actors.township, 'approve');
    c.ok(actors.county, 'verb.cc', { verb: { to: [colleague] } });
    expect(refusal(c, actors.township, 'verb.recall')).toMatchObject({ code: 'not_allowed' });
    c.ok(actors.county, 'confirm');
    expect(refusal(c, actors.county, 'verb.recall')).toMatchObject({ code: 'not_allowed' });
  });

  it('lets the applicant take back a submission before the township acts', () => {
    const c = atReview();
    expect(c.ok(actors.applicant, 'verb.recall').step).toBe('apply');
    expect(c.offers(actors.applicant)).toEqual(['submit']);
  });
});

describe('催办 (urge)', () => {
  it('is sent by an officer of a level above to the task’s unit, at most once per interval, and recorded on the task', () => {
    const c = atReview();
    const d = c.send(actors.county, 'verb.urge', { comment: '请抓紧' });
    expect(d.ok && d.effects).toEqual([{ type: 'notify', to: 'township', message: expect.stringContaining('请抓紧') }]);
    expect(c.snapshot.tasks[0]!.urgedAt).toBe(c.now.toISOString());
    c.advanceDays(0.5);
    expect(refusal(c, actors.county, 'verb.urge')).toMatchObject({ code: 'too_soon' });
    expect(verbsOffered(c, actors.county)).not.toContain('urge');
    c.advanceDays(1);
    expect(verbsOffered(c, actors.county)).toContain('urge');
    c.ok(actors.county, 'verb.urge');
  });

  it('is refused to the task’s own level and below, and on a task with nobody above it', () => {
    const c = atReview();
    expect(refusal(c, actors.townshipColleague, 'verb.urge')).toMatchObject({ code: 'not_your_task' });
    expect(refusal(c, actors.village, 'verb.urge')).toMatchObject({ code: 'not_your_task' });
    c.ok(actors.township, 'approve');
    expect(refusal(c, actors.county, 'verb.urge')).toMatchObject({ code: 'not_your_task' });
  });
});

describe('the verbs offered', () => {
  it('are what the step allows the actor, by defaults where it declares nothing', () => {
    const c = atReview();
    expect(verbsOffered(c, actors.township)).toEqual(['transfer', 'addSigner', 'cc']);
    expect(verbsOffered(c, actors.county)).toEqual(['urge']);
    expect(verbsOffered(c, actors.applicant)).toEqual(['recall']);
    expect(verbsOffered(c, actors.otherTownship)).toEqual([]);
    c.recused = [actors.township.id];
    expect(verbsOffered(c, actors.township)).toEqual([]);
  });

  it('do not include unknown names: any other verb.* command is refused', () => {
    const c = atReview();
    expect(refusal(c, actors.township, 'verb.delete')).toMatchObject({ code: 'not_allowed' });
  });
});
