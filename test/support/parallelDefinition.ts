/**
 * A test process with a parallel step (issue 9, point 5): 两项补贴, where the 县残联 checks the
 * 残疾人证 while the county's civil-affairs officers check the 低保 status, each with its own task,
 * form section and deadline; joined when both finish (variants change the join and refusal policy).
 */
import type { ParallelStep, Route, WorkflowDefinition } from '../../engine/index.js';

/** The definition: apply → review (parallel: dpf, civil) → granted / partial / refused. */
export const parallelDefinition: WorkflowDefinition = {
  key: 'parallel-review',
  version: 1,
  name: '两项补贴并行审核',
  initial: 'apply',
  steps: {
    apply: { type: 'task', name: '申请', assignee: { level: 'applicant' }, actions: { submit: { kind: 'submit', label: '提交申请', target: 'review', writes: ['applicant'] } }, form: { sections: { applicant: 'write' } } },
    review: {
      type: 'parallel',
      name: '部门并行审核',
      branches: {
        dpf: {
          name: '县残联核查残疾人证',
          assignee: { department: 'disabled_persons_federation' },
          deadline: { workingDays: 5 },
          form: { sections: { applicant: 'read', disability: 'write' } },
          actions: {
            approve: { kind: 'approve', label: '核查通过', writes: ['disability'] },
            reject: { kind: 'reject', label: '不予通过', target: 'refused' },
            return: { kind: 'return', label: '退回补正', returnTo: ['apply'] },
          },
        },
        civil: {
          name: '县民政核查低保',
          assignee: { level: 'county' },
          deadline: { workingDays: 3 },
          form: { sections: { applicant: 'read', dibaoCheck: 'write' } },
          actions: {
            approve: { kind: 'approve', label: '核查通过', writes: ['dibaoCheck'] },
            reject: { kind: 'reject', label: '不予通过', target: 'refused' },
          },
        },
      },
      join: 'all',
      target: [
        { when: { all: [{ branch: 'dpf', result: 'approved' }, { branch: 'civil', result: 'approved' }] }, target: 'granted' },
        { target: 'partial' },
      ],
    },
    granted: { type: 'final', name: '两项补贴均予发放', outcome: 'approved' },
    partial: { type: 'final', name: '部分发放', outcome: 'approved' },
    refused: { type: 'final', name: '不予发放', outcome: 'rejected' },
  },
};

/** The definition with its parallel step changed by `change` (join, refusal policy …). */
export function parallelVariant(change: Partial<ParallelStep>): WorkflowDefinition {
  const review = parallelDefinition.steps.review as ParallelStep;
  let next: ParallelStep = { ...review, ...change };
  if (change.onRefusal === 'continue') {
    // Refusals no longer route on their own: the join sees them.
    const branches = Object.fromEntries(Object.entries(next.branches).map(([b, branch]) => [b, { ...branch, actions: Object.fromEntries(Object.entries(branch.actions).map(([a, action]) => { const { target: _t, ...rest } = action; void _t; return [a, action.kind === 'reject' ? rest : action]; })) }]));
    next = { ...next, branches, ...(change.target ? {} : { target: [{ when: { all: [{ branch: 'dpf', result: 'rejected' }, { branch: 'civil', result: 'rejected' }] }, target: 'refused' }, ...(review.target as Route[])] }) };
  }
  return { ...parallelDefinition, steps: { ...parallelDefinition.steps, review: next } };
}
