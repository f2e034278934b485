import { describe, expect, it } from 'vitest';
import { checkDefinition, type WorkflowDefinition } from '../../../engine/index.js';

type Steps = WorkflowDefinition['steps'];
const end: Steps[string] = { type: 'final', name: '办结', outcome: 'approved' };
const def = (steps: Steps, initial = 'apply'): WorkflowDefinition => ({ key: 'returns', version: 1, name: '退回', initial, steps });

/** 申请 → 受理 → 初审 → 公示 → 审批 → 办结, with `acceptReturns` as the 受理's return targets. */
function ladder(acceptReturns: string[]): WorkflowDefinition {
  return def({
    apply: { type: 'task', name: '申请', assignee: { level: 'applicant' }, actions: { submit: { kind: 'submit', label: '提交', target: 'accept' } } },
    accept: {
      type: 'task', name: '受理', assignee: { level: 'township' },
      actions: { accept: { kind: 'approve', label: '受理', target: 'review' }, back: { kind: 'return', label: '退回', returnTo: acceptReturns } },
    },
    review: { type: 'task', name: '初审', assignee: { level: 'township' }, actions: { go: { kind: 'approve', label: '同意', target: 'notice' }, back: { kind: 'return', label: '退回', returnTo: ['apply', 'accept'] } } },
    notice: { type: 'timer', name: '公示', duration: { days: 7 }, onElapsed: 'decide' },
    decide: { type: 'task', name: '审批', assignee: { level: 'county' }, actions: { approve: { kind: 'approve', label: '批准', target: 'done' }, back: { kind: 'return', label: '退回', returnTo: ['review', 'apply'] } } },
    done: end,
  });
}

describe('returns go back, never forward', () => {
  it('accepts returns to steps on the route to the returning step', () => {
    expect(checkDefinition(ladder(['apply']))).toEqual([]);
  });

  it('refuses a 受理 "return" to 审批 that skips 初审 and 公示, at the return target', () => {
    expect(checkDefinition(ladder(['apply', 'decide']))).toEqual([{ path: '/steps/accept/actions/back/returnTo/1', message: expect.stringContaining('退回目标“审批”不在“受理”之前') }]);
  });

  it('refuses a return of a step to itself when no forward route leads back to it', () => {
    expect(checkDefinition(ladder(['accept'])).map((p) => p.path)).toEqual(['/steps/accept/actions/back/returnTo/0']);
  });

  it('allows a return within a loop of forward routes, where each step comes before the other', () => {
    const d = def({
      apply: { type: 'task', name: '申请', assignee: { level: 'applicant' }, actions: { submit: { kind: 'submit', label: '提交', target: 'check' } } },
      check: { type: 'task', name: '核查', assignee: { level: 'township' }, actions: { go: { kind: 'approve', label: '同意', target: 'visit' }, done: { kind: 'approve', label: '完成', target: 'done' } } },
      visit: { type: 'task', name: '走访', assignee: { level: 'village' }, actions: { again: { kind: 'submit', label: '再核查', target: 'check' }, back: { kind: 'return', label: '退回', returnTo: ['check'] } } },
      done: end,
    });
    expect(checkDefinition(d)).toEqual([]);
  });
});

describe('the sections a timer step writes, against the form', () => {
  const notice = (writes: string[]): WorkflowDefinition => def({
    apply: { type: 'task', name: '申请', assignee: { level: 'applicant' }, form: { sections: { applicant: 'write' } }, actions: { submit: { kind: 'submit', label: '提交', target: 'notice', writes: ['applicant'] } } },
    notice: { type: 'timer', name: '公示', duration: { days: 7 }, onElapsed: 'done', actions: { object: { kind: 'object', label: '异议', target: 'done', writes } } },
    done: end,
  });
  const form = { fields: ['/applicant', '/applicant/name', '/objection', '/objection/reason'], sensitive: [] };

  it('accepts writes to a section the form has', () => {
    expect(checkDefinition(notice(['objection']), undefined, form)).toEqual([]);
  });

  it('refuses writes to a section the form lacks, as on a task step', () => {
    expect(checkDefinition(notice(['objektion']), undefined, form)).toEqual([{ path: '/steps/notice/actions/object/writes/0', message: '表单中没有“objektion”部分。' }]);
    const onTask = notice(['objection']);
    (onTask.steps.apply as { actions: Record<string, { writes?: string[] }> }).actions.submit!.writes = ['applicnt'];
    expect(checkDefinition(onTask, undefined, form)).toEqual([{ path: '/steps/apply/actions/submit/writes/0', message: '表单中没有“applicnt”部分。' }]);
  });
});
