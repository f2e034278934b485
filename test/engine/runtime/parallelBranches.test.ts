import { describe, expect, it } from 'vitest';
import { availableActions, checkDefinition, compileWorkflow, createWorkingCalendar, parsePath, simulateCase, type Actor, type OrgDirectory, type ParallelStep, type WorkflowDefinition } from '../../../engine/index.js';
import { actors, CaseDriver } from '../../support/caseDriver.js';
import { parallelDefinition, parallelVariant } from '../../support/parallelDefinition.js';

const directory: OrgDirectory = { units: [{ id: 'dpf', kind: 'disabled_persons_federation', name: '海安市残疾人联合会' }], members: {}, seed: 'command-1' };
const dpfOfficer: Actor = { id: 'u-dpf', kind: 'officer', roles: [], orgUnit: { id: 'dpf', level: 'department' as never, path: ['c1', 'dpf'] } };
const county = actors.county;
const township = actors.township;

/** A case of `definition` submitted and resting in its parallel review step. */
function inReview(definition: WorkflowDefinition = parallelDefinition): CaseDriver {
  const c = new CaseDriver(definition);
  c.directory = directory;
  c.ok(actors.applicant, 'submit', { data: { applicant: { name: '张三' } } });
  return c;
}

const closed = (c: CaseDriver) => c.effects.filter((e) => e.type === 'closeTask').map((e) => [(e as { key: string }).key, (e as { outcome: string }).outcome]);
const refusal = (d: ReturnType<CaseDriver['send']>) => (d.ok ? undefined : d.rejection);

describe('a parallel step', () => {
  it('rests in one step with one task per branch, each routed to its own unit with its own deadline', () => {
    const c = inReview();
    expect(c.snapshot.step).toBe('review');
    expect(c.snapshot.tasks.map((t) => [t.key, t.branch, t.level, t.assigneeUnit])).toEqual([
      ['review#1:dpf', 'dpf', 'department', 'dpf'],
      ['review#1:civil', 'civil', 'county', 'c1'],
    ]);
    // Submitted Monday 2026-03-02: 5 working days → Monday 03-09, 3 working days → Thursday 03-05 (24:00 China time).
    const due = Object.fromEntries(c.snapshot.tasks.map((t) => [t.branch, t.dueAt]));
    expect(due).toEqual({ dpf: '2026-03-09T16:00:00.000Z', civil: '2026-03-05T16:00:00.000Z' });
    expect(c.effects.filter((e) => e.type === 'openTask').length).toBe(2);
  });

  it('offers each branch’s actions to its own assignee only, and refuses them to anyone else', () => {
    const c = inReview();
    expect(c.offers(dpfOfficer)).toEqual(['dpf.approve', 'dpf.reject', 'dpf.return']);
    expect(c.offers(county)).toEqual(['civil.approve', 'civil.reject']);
    expect(c.offers(township)).toEqual([]);
    const offer = availableActions(c.wf, c.snapshot, dpfOfficer, { data: c.data })[0];
    expect(offer).toMatchObject({ action: 'dpf.approve', branch: 'dpf', label: '县残联核查残疾人证：核查通过', writes: ['disability'] });
    expect(refusal(c.send(county, 'dpf.approve'))).toMatchObject({ code: 'not_your_task', message: '此任务不属于您所在的单位。' });
    expect(refusal(c.send(dpfOfficer, 'civil.approve'))?.code).toBe('not_your_task');
    expect(refusal(c.send(dpfOfficer, 'approve'))?.code).toBe('not_allowed');
  });

  it('joins when all branches finished: the first decision keeps the case, the last one moves it', () => {
    const c = inReview();
    c.ok(dpfOfficer, 'dpf.approve', { data: { disability: { certificate: '32068519800101001X11' } } });
    expect(c.snapshot.step).toBe('review');
    expect(closed(c)).toEqual([['review#1:dpf', 'completed']]);
    expect(c.snapshot.tasks.map((t) => t.key)).toEqual(['review#1:civil']);
    expect(c.snapshot.branches).toMatchObject({ dpf: { result: 'approved', actor: 'u-dpf' } });
    expect(c.offers(dpfOfficer)).toEqual([]);
    expect(refusal(c.send(dpfOfficer, 'dpf.approve'))).toMatchObject({ code: 'not_your_task', message: '此分支已办理完毕。' });
    c.ok(county, 'civil.approve');
    expect(c.snapshot.step).toBe('granted');
    expect(c.snapshot.outcome).toBe('approved');
    expect(closed(c)).toEqual([['review#1:civil', 'completed']]);
  });

  it('with join first, leaves on the first decision and cancels the other branch’s task', () => {
    const c = inReview(parallelVariant({ join: 'first', target: [{ when: { branch: 'civil', result: 'approved' }, target: 'granted' }, { target: 'partial' }] }));
    c.ok(county, 'civil.approve');
    expect(c.snapshot.step).toBe('granted');
    expect(closed(c)).toEqual([['review#1:dpf', 'cancelled'], ['review#1:civil', 'completed']]);
  });

  it('with join count, leaves when that many branches finished', () => {
    const review = parallelDefinition.steps.review as ParallelStep;
    const three = parallelVariant({
      join: { count: 2 },
      branches: { ...review.branches, health: { name: '乡镇卫生院核查', assignee: { level: 'township' }, actions: { approve: { kind: 'approve', label: '核查通过' }, reject: { kind: 'reject', label: '不予通过', target: 'refused' } } } },
    });
    const c = inReview(three);
    expect(c.snapshot.tasks.map((t) => t.key)).toEqual(['review#1:dpf', 'review#1:civil', 'review#1:health']);
    c.ok(township, 'health.approve');
    expect(c.snapshot.step).toBe('review');
    c.ok(dpfOfficer, 'dpf.approve');
    // dpf and health approved, civil never decided: not every route condition holds.
    expect(c.snapshot.step).toBe('partial');
    expect(closed(c)).toEqual([['review#1:dpf', 'completed'], ['review#1:civil', 'cancelled']]);
  });

  it('with onRefusal end, a refusal in one branch cancels the others and goes to its own target', () => {
    const c = inReview();
    c.ok(county, 'civil.reject', { comment: '家庭收入超过低保标准' });
    expect(c.snapshot.step).toBe('refused');
    expect(c.snapshot.outcome).toBe('rejected');
    expect(closed(c)).toEqual([['review#1:dpf', 'cancelled'], ['review#1:civil', 'completed']]);
    expect(c.snapshot.branches).toMatchObject({ civil: { result: 'rejected' } });
  });

  it('with onRefusal continue, the other branches finish and the join routes on the refusal', () => {
    const c = inReview(parallelVariant({ onRefusal: 'continue' }));
    c.ok(dpfOfficer, 'dpf.reject', { comment: '残疾人证已过期' });
    expect(c.snapshot.step).toBe('review');
    expect(c.snapshot.tasks.map((t) => t.key)).toEqual(['review#1:civil']);
    c.ok(county, 'civil.approve');
    expect(c.snapshot.step).toBe('partial');
    expect(c.snapshot.branches).toMatchObject({ dpf: { result: 'rejected' }, civil: { result: 'approved' } });
  });

  it('returned from a branch, reopens every branch afresh on resubmission', () => {
    const c = inReview();
    c.ok(county, 'civil.approve');
    c.ok(dpfOfficer, 'dpf.return', { comment: '请补交残疾人证复印件', returnTo: 'apply' });
    expect(c.snapshot.step).toBe('apply');
    expect(closed(c)).toEqual([['review#1:dpf', 'completed']]);
    c.ok(actors.applicant, 'submit');
    expect(c.snapshot.step).toBe('review');
    expect(c.snapshot.tasks.map((t) => t.key)).toEqual(['review#2:dpf', 'review#2:civil']);
    expect(c.snapshot.branches).toBeUndefined();
  });

  it('refuses task verbs on branch tasks with a clear reason, and offers none', () => {
    const c = inReview();
    const transfer = c.send(county, 'verb.transfer', { verb: { to: [{ ...actors.county, id: 'u-county-2', name: '李四' }] } });
    expect(refusal(transfer)).toMatchObject({ code: 'not_allowed', message: '并行审核步骤的分支任务不能转办：各分支由其办理单位直接办理。' });
  });

  it('is accepted by the checker as written', () => {
    expect(checkDefinition(parallelDefinition)).toEqual([]);
    expect(checkDefinition(parallelVariant({ onRefusal: 'continue' }))).toEqual([]);
  });

  it('is walked by the simulator with its branch actions as moves', () => {
    const review = parallelDefinition.steps.review as ParallelStep;
    const chainOnly = parallelVariant({ branches: { ...review.branches, dpf: { ...review.branches.dpf!, assignee: { level: 'township' } } } });
    const path = parsePath(['submit', 'dpf.approve', 'civil.reject']);
    const s = simulateCase(compileWorkflow(chainOnly), 'moves' in path ? path.moves : [], { start: new Date('2026-03-02T09:00:00+08:00'), calendar: createWorkingCalendar(), data: {} });
    expect(s.failure).toBeUndefined();
    expect(s.entries.map((e) => e.snapshot.step)).toEqual(['apply', 'review', 'review', 'refused']);
    expect(s.entries[2]!.snapshot.tasks.map((t) => t.key)).toEqual(['review#1:civil']);
  });

  it('gives each member drawn for a pool branch a task; the first decision is the branch’s and closes the others', () => {
    const review = parallelDefinition.steps.review as ParallelStep;
    const pooled = parallelVariant({ branches: { ...review.branches, dpf: { ...review.branches.dpf!, assignee: { pool: { kind: 'expert_pool', draw: 2 } } } } });
    const c = new CaseDriver(pooled);
    c.directory = { units: [{ id: 'pool', kind: 'expert_pool', name: '专家库' }], members: { pool: [{ id: 'e1' }, { id: 'e2' }, { id: 'e3' }] }, seed: 'command-1' };
    c.ok(actors.applicant, 'submit');
    const drawn = c.snapshot.tasks.filter((t) => t.branch === 'dpf');
    expect(drawn.map((t) => t.mode)).toEqual(['any', 'any']);
    expect(c.snapshot.draws).toHaveLength(1);
    const [first, second] = drawn.map((t): Actor => ({ id: t.assigneeUser!, kind: 'officer', roles: [], orgUnit: { id: 'pool', level: 'department' as never, path: ['c1', 'pool'] } }));
    c.ok(first!, 'dpf.approve');
    expect(closed(c)).toEqual([[drawn[0]!.key, 'completed'], [drawn[1]!.key, 'cancelled']]);
    expect(c.offers(second!)).toEqual([]);
    expect(c.snapshot.tasks.map((t) => t.key)).toEqual(['review#1:civil']);
  });
});
