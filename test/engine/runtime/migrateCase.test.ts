import { describe, expect, it } from 'vitest';
import { compileWorkflow, decide, migrateCase, type TaskStep, type WorkflowDefinition } from '../../../engine/index.js';
import { panelDefinition } from '../../support/panelDefinition.js';
import { actors, CaseDriver, processModules, shippedDefinition } from '../../support/caseDriver.js';

const shipped = shippedDefinition('dibao');
/** The shipped version and the next one the tests migrate to. */
const base = shipped.version;
const next = base + 1;
const compile = (def: WorkflowDefinition) => compileWorkflow(def, { process: processModules.get('dibao') });

/** The next version: a 10-working-day investigation, a 25-working-day limit, and 初审 renamed `firstReview`. */
function nextVersion(): WorkflowDefinition {
  const def = structuredClone(shipped) as WorkflowDefinition & { steps: Record<string, Record<string, unknown>> };
  def.version = next;
  def.limit = { workingDays: 25, extendedWorkingDays: 40 };
  (def.steps.investigation as { deadline: unknown }).deadline = { workingDays: 10 };
  const steps = JSON.parse(JSON.stringify(def.steps).replaceAll('"townshipReview"', '"firstReview"')) as typeof def.steps;
  def.steps = steps;
  return def;
}
const from = compile(shipped);
const to = compile(nextVersion());

const household = { applicant: { name: '王秀英', idNumber: '320621195503120023', singlePersonBasis: false }, household: { members: [{ name: '王秀英' }] }, income: { wages: 300 } };

function caseAt(step: 'investigation' | 'townshipReview' | 'publicNotice'): CaseDriver {
  const c = new CaseDriver(shipped);
  c.ok(actors.applicant, 'submit', { data: household });
  c.ok(actors.township, 'accept');
  if (step === 'investigation') return c;
  c.ok(actors.village, 'complete');
  c.ok(actors.county, 'complete');
  if (step === 'townshipReview') return c;
  c.ok(actors.township, 'approve');
  return c;
}

const env = (c: CaseDriver) => ({ calendar: c.calendar, data: c.data, actor: 'u-admin', reason: '按新办法办理', caseId: c.caseId });

describe('migrating a running case to another version', () => {
  it('plans the same step anew: its task closed and reopened with the new deadline, the limit of the new version', () => {
    const c = caseAt('investigation');
    c.advanceDays(2);
    const m = migrateCase(from, to, c.snapshot, {}, c.now, env(c));
    expect(m.ok).toBe(true);
    expect(m.plan.step).toMatchObject({ from: 'investigation', to: 'investigation', by: 'same' });
    expect(m.plan.tasks.cancelled).toEqual([{ key: 'investigation#1', step: 'investigation' }]);
    expect(m.plan.tasks.opened).toMatchObject([{ key: 'investigation#2', level: 'village', role: 'dibao_officer', dueAt: c.calendar.addWorkingDays(c.now, 10).toISOString() }]);
    expect(m.plan.clock).toMatchObject({ limitBefore: { unit: 'workingDays', count: 30 }, limitAfter: { unit: 'workingDays', count: 25 } });
    expect(m.plan.problems).toEqual([]);
  });

  it('applies it as one migrate event; the case then runs on the new version to the end', () => {
    const c = caseAt('investigation');
    const m = migrateCase(from, to, c.snapshot, {}, c.now, env(c));
    if (!m.ok) throw new Error('refused');
    expect(m.event).toMatchObject({ action: 'admin.migrate', kind: 'migrate', from: 'investigation', to: 'investigation', actor: 'u-admin', comment: '按新办法办理', note: `第 ${base} 版 → 第 ${next} 版` });
    expect(m.snapshot.workflow).toEqual({ key: 'dibao', version: next });
    expect(m.snapshot.version).toBe(c.snapshot.version + 1);
    expect(m.effects.map((e) => e.type)).toEqual(['closeTask', 'openTask']);
    let s = m.snapshot;
    for (const [actor, action] of [[actors.village, 'complete'], [actors.county, 'complete']] as const) {
      const d = decide(to, s, actor, { action, version: s.version, commandId: action + s.version }, c.now, { calendar: c.calendar, data: c.data });
      if (!d.ok) throw new Error(d.rejection.message);
      s = d.snapshot;
    }
    expect(s.step).toBe('firstReview');
  });

  it('cannot move a step the new version no longer has, unless the step map names its counterpart', () => {
    const c = caseAt('townshipReview');
    const refused = migrateCase(from, to, c.snapshot, {}, c.now, env(c));
    expect(refused.ok).toBe(false);
    expect(refused.plan.step.by).toBe('cannot');
    expect(refused.plan.problems).toEqual([{ path: '/stepMap', message: `当前步骤“乡镇初审”在第 ${next} 版中不存在，请在 stepMap 中指定对应的步骤。` }]);
    const mapped = migrateCase(from, to, c.snapshot, { stepMap: { townshipReview: 'firstReview' } }, c.now, env(c));
    expect(mapped.ok).toBe(true);
    expect(mapped.plan.step).toMatchObject({ to: 'firstReview', by: 'stepMap' });
  });

  it('refuses a step map naming steps that do not exist, and a final step as the target', () => {
    const c = caseAt('townshipReview');
    expect(migrateCase(from, to, c.snapshot, { stepMap: { townshipReview: 'nowhere' } }, c.now, env(c)).plan.problems).toContainEqual({ path: '/stepMap/townshipReview', message: `第 ${next} 版中没有步骤“nowhere”。` });
    expect(migrateCase(from, to, c.snapshot, { stepMap: { townshipReview: 'confirmed' } }, c.now, env(c)).plan.problems[0]!.message).toContain('是结束步骤，迁移只能进入办理或等待步骤');
  });

  it('restarts a wait (公示) with a new timer and lists the 公示 document it does not issue again', () => {
    const c = caseAt('publicNotice');
    const m = migrateCase(from, to, c.snapshot, {}, c.now, env(c));
    expect(m.plan.timers.cancelled).toEqual(['publicNotice#1']);
    expect(m.plan.timers.scheduled).toMatchObject([{ key: 'publicNotice#2', step: 'publicNotice' }]);
    expect(m.plan.notRepeated).toEqual(['文书：最低生活保障公示']);
    if (!m.ok) throw new Error('refused');
    expect(m.snapshot.clock.pausedAt).toBe(c.now.toISOString());
  });

  it('refuses a finished case and a migration to the version it is on', () => {
    const c = caseAt('investigation');
    expect(migrateCase(from, from, c.snapshot, {}, c.now, env(c)).plan.problems).toEqual([{ path: '/toVersion', message: `案件已在第 ${base} 版，无需迁移。` }]);
    const done = { ...c.snapshot, status: 'done' as const };
    expect(migrateCase(from, to, done, {}, c.now, env(c)).plan.problems).toContainEqual({ path: '', message: '案件已办结，不能迁移。' });
  });
});

describe('migrating a case whose panel is deciding', () => {
  const panelV2 = (keepPanel: boolean): WorkflowDefinition => {
    const review = panelDefinition.steps.review as TaskStep;
    const plain: TaskStep = { type: 'task', name: '审核', assignee: { level: 'township', role: 'dibao_officer' }, actions: { approve: { kind: 'approve', label: '同意', target: 'approved' } } };
    return { ...panelDefinition, version: 2, steps: { ...panelDefinition.steps, review: keepPanel ? review : plain } };
  };
  function deciding(): CaseDriver {
    const c = new CaseDriver(panelDefinition);
    c.panelCandidates['ta/appraiser'] = ['m1', 'm2', 'm3', 'm4'];
    c.ok(actors.applicant, 'submit');
    c.ok({ id: 'm1', kind: 'officer', roles: ['appraiser'], orgUnit: { id: 'ta', level: 'township', path: ['c1', 'ta'] } }, 'vote', { ballot: { choice: 'for' } });
    return c;
  }

  it('voids the ballots of a panel still deciding, closing its members’ tasks, when the step no longer seats one', () => {
    const c = deciding();
    const m = migrateCase(compileWorkflow(panelDefinition), compileWorkflow(panelV2(false)), c.snapshot, {}, c.now, env(c));
    if (!m.ok) throw new Error(m.plan.problems[0]!.message);
    expect(m.plan.warnings).toContain('评议“民主评议”尚未得出结果，迁移后作废。');
    expect(m.snapshot.panels).toBeUndefined();
    expect(m.plan.tasks.cancelled.map((t) => t.key)).toContain('review#1:member:m2');
    expect(m.plan.tasks.opened).toMatchObject([{ key: 'review#2', level: 'township' }]);
  });

  it('refuses a step that seats a panel in the target version', () => {
    const c = deciding();
    expect(migrateCase(compileWorkflow(panelDefinition), compileWorkflow(panelV2(true)), c.snapshot, {}, c.now, env(c)).plan.problems[0]!.message).toContain('设有评议组');
  });
});

describe('migrating a case whose tasks remind and escalate (deadlines that act)', () => {
  const acting = (version: number, days: number): WorkflowDefinition => ({
    key: 'deadline-migrate', version, name: '期限迁移', initial: 'apply',
    steps: {
      apply: { type: 'task', name: '申请', assignee: { level: 'applicant' }, actions: { submit: { kind: 'submit', label: '提交', target: 'investigate' } } },
      investigate: {
        type: 'task', name: '入户调查', assignee: { level: 'village' }, deadline: { workingDays: days },
        remind: [{ before: { workingDays: 2 } }], onOverdue: { escalate: { deadline: { workingDays: 3 } } },
        actions: { approve: { kind: 'approve', label: '调查完毕', target: 'done' } },
      },
      done: { type: 'final', name: '办结', outcome: 'approved' },
    },
  } as WorkflowDefinition);

  it('cancels the old task’s reminder and overdue timers and sets the new task’s by the new deadline', () => {
    const c = new CaseDriver(acting(1, 5), new Date('2026-03-02T09:00:00+08:00'));
    c.ok(actors.applicant, 'submit');
    const m = migrateCase(compileWorkflow(acting(1, 5)), compileWorkflow(acting(2, 10)), c.snapshot, {}, c.now, env(c));
    if (!m.ok) throw new Error(m.plan.problems[0]!.message);
    expect(m.effects.filter((e) => e.type === 'cancelTimer').map((e) => (e as { key: string }).key)).toEqual(['remind:investigate#1:1', 'overdue:investigate#1']);
    const due = c.calendar.addWorkingDays(c.now, 10).toISOString();
    expect(m.plan.tasks.opened).toMatchObject([{ key: 'investigate#2', dueAt: due }]);
    expect(m.plan.timers.scheduled.map((t) => t.key)).toEqual(['remind:investigate#2:1', 'overdue:investigate#2']);
    expect(m.plan.timers.scheduled[1]!.dueAt).toBe(due);
  });
});

describe('migrating a case that waits for child cases', () => {
  const review = (version: number): WorkflowDefinition => ({
    key: 'household-review', version, name: '家庭复核', initial: 'apply',
    steps: {
      apply: { type: 'task', name: '申请', assignee: { level: 'applicant' }, actions: { submit: { kind: 'submit', label: '提交', target: 'assess', writes: ['household'] } } },
      assess: { type: 'children', name: '入户评估', start: [{ workflow: 'member-assessment', forEach: '/household/members' }], wait: 'all', onSettled: [{ target: 'approved' }] },
      check: { type: 'task', name: '复核', assignee: { level: 'township' }, actions: { approve: { kind: 'approve', label: '同意', target: 'approved' } } },
      approved: { type: 'final', name: '通过', outcome: 'approved' },
    },
  } as WorkflowDefinition);

  it('refuses while the wait is open: the children would report to a step the case has left', () => {
    const c = new CaseDriver(review(1));
    c.ok(actors.applicant, 'submit', { data: { household: { members: [{ name: '甲' }, { name: '乙' }] } } });
    expect(c.snapshot.step).toBe('assess');
    const m = migrateCase(compileWorkflow(review(1)), compileWorkflow(review(2)), c.snapshot, { stepMap: { assess: 'check' } }, c.now, env(c));
    expect(m.plan.problems).toContainEqual({ path: '', message: '步骤“入户评估”正在等待子案件办结（已发起 2 件），等待结束后再迁移。' });
  });
});
