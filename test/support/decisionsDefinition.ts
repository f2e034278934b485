/**
 * A definition with two decision items and three milestones (两项补贴 and 急难 style): the applicant
 * applies; the county decides 生活补贴 and 护理补贴 separately in one action, each from its own
 * field, each with its own notice; a case with any item approved is granted and paid by the
 * township before the applicant completes the paperwork; the case's outcome follows from the items.
 * `templates` names the notices' templates (the integration test uses templates the server has).
 */
import type { WorkflowDefinition } from '../../engine/index.js';

/** The decisions probe: key `decisions-probe`, items `living` and `nursing`, milestones `granted`, `paid`, `paperworkComplete`. */
export function decisionsDefinition(templates: { living: string; nursing: string } = { living: 'probe/living', nursing: 'probe/nursing' }): WorkflowDefinition {
  return {
    key: 'decisions-probe',
    version: 1,
    name: '多项决定探针',
    parameters: { nursingStandard: 120 },
    initial: 'apply',
    decisions: {
      living: { name: '生活补贴', notice: { template: templates.living, title: '生活补贴决定通知书', issuer: 'county' } },
      nursing: { name: '护理补贴', notice: { template: templates.nursing, title: '护理补贴决定通知书', kind: 'nursingDecision' } },
    },
    decisionPolicy: { outcome: 'anyApproved' },
    milestones: { granted: { name: '已批准' }, paid: { name: '已发放' }, paperworkComplete: { name: '材料补齐' } },
    steps: {
      apply: { type: 'task', name: '提出申请', assignee: { level: 'applicant' }, actions: { submit: { kind: 'submit', label: '提交', target: 'review' } } },
      review: {
        type: 'task',
        name: '审批',
        assignee: { level: 'county' },
        form: { sections: { review: 'write' } },
        actions: {
          decide: {
            kind: 'approve',
            label: '作出决定',
            writes: ['review'],
            effects: [
              { effect: 'decide', args: { item: 'living', outcome: { from: '/review/living' }, amount: { from: '/review/livingAmount' }, reasons: { from: '/review/livingReasons' } } },
              { effect: 'decide', args: { item: 'nursing', outcome: { from: '/review/nursing' }, amount: { param: 'nursingStandard' } } },
            ],
            target: [
              { when: { any: [{ decision: 'living', equals: 'approved' }, { decision: 'nursing', equals: 'approved' }] }, target: 'payment' },
              { target: 'closed' },
            ],
          },
        },
      },
      payment: {
        type: 'task',
        name: '发放',
        assignee: { level: 'township' },
        onEnter: [{ effect: 'reachMilestone', args: { milestone: 'granted' } }],
        actions: { pay: { kind: 'approve', label: '已发放', effects: [{ effect: 'reachMilestone', args: { milestone: 'paid' } }], target: 'paperwork' } },
      },
      paperwork: {
        type: 'task',
        name: '补齐材料',
        assignee: { level: 'applicant' },
        actions: {
          complete: { kind: 'submit', label: '提交材料', effects: [{ effect: 'reachMilestone', args: { milestone: 'paperworkComplete' } }], target: 'closing' },
        },
      },
      closing: {
        type: 'task',
        name: '结案',
        assignee: { level: 'township' },
        actions: {
          close: { kind: 'approve', label: '结案', guard: { all: [{ milestone: 'paid' }, { milestone: 'paperworkComplete' }] }, target: 'closed' },
        },
      },
      closed: { type: 'final', name: '办结', outcome: 'byDecisions' },
    },
  };
}
