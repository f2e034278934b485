/**
 * A definition with a panel (民主评议 style): the applicant submits, appraisers of the township
 * vote (quorum 3, simple majority) while a township officer organises and may close the panel;
 * passed, failed and quorum-not-reached each route somewhere of their own.
 */
import type { WorkflowDefinition } from '../../engine/index.js';

const onResult = [
  { when: { panel: 'review', result: 'passed' as const }, target: 'approved' },
  { when: { panel: 'review', result: 'failed' as const }, target: 'refused' },
  { when: { panel: 'review', result: 'quorumNotReached' as const }, target: 'inconclusive' },
];

/** The panel probe: key `panel-probe`, panel step `review`, members the township's `appraiser` officers. */
export const panelDefinition: WorkflowDefinition = {
  key: 'panel-probe',
  version: 1,
  name: '评议探针',
  parameters: { quorum: 3 },
  initial: 'apply',
  steps: {
    apply: { type: 'task', name: '提出申请', assignee: { level: 'applicant' }, actions: { submit: { kind: 'submit', label: '提交', target: 'review' } } },
    review: {
      type: 'task',
      name: '民主评议',
      assignee: { level: 'township', role: 'dibao_officer' },
      panel: { members: { level: 'township', role: 'appraiser' }, ballot: 'vote', quorum: { count: { param: 'quorum' } }, rule: 'majority' },
      actions: {
        vote: { kind: 'vote', label: '投票', target: onResult },
        close: { kind: 'closePanel', label: '结束评议', target: onResult },
      },
    },
    approved: { type: 'final', name: '评议通过', outcome: 'approved' },
    refused: { type: 'final', name: '评议未通过', outcome: 'rejected' },
    inconclusive: { type: 'final', name: '未达法定人数', outcome: 'terminated' },
  },
};
