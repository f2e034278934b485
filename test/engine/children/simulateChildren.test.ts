import { describe, expect, it } from 'vitest';
import { compileWorkflow, createWorkingCalendar, parseMove, parsePath, simulateCase, simulationReport, type SimulationMove, type WorkflowDefinition } from '../../../engine/index.js';

/** A review that starts one assessment per member and waits for all; any rejection refuses. */
const review = compileWorkflow({
  key: 'household-review', version: 1, name: '家庭复核', initial: 'apply',
  steps: {
    apply: { type: 'task', name: '申请', assignee: { level: 'applicant' }, actions: { submit: { kind: 'submit', label: '提交', target: 'assess', writes: ['household'] } } },
    assess: {
      type: 'children', name: '入户评估', start: [{ workflow: 'member-assessment', forEach: '/household/members' }], wait: 'all',
      onSettled: [{ when: { children: 'assess', outcome: 'rejected', count: 'any' }, target: 'refused' }, { target: 'approved' }],
    },
    approved: { type: 'final', name: '通过', outcome: 'approved' },
    refused: { type: 'final', name: '不通过', outcome: 'rejected' },
  },
} satisfies WorkflowDefinition);
const calendar = createWorkingCalendar();
const start = new Date('2026-03-02T09:00:00+08:00');

function moves(...words: string[]): SimulationMove[] {
  const parsed = parsePath(words);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return parsed.moves;
}

describe('simulating a children step', () => {
  it('reads child:<outcome> moves and refuses an outcome that does not exist', () => {
    expect(parseMove('child:approved')).toEqual({ kind: 'child', outcome: 'approved', word: 'child:approved' });
    expect(parseMove('child:maybe')).toMatchObject({ problem: expect.stringContaining('approved、rejected、withdrawn、terminated') });
  });

  it('ends the children one by one and routes when the wait is met, printing the wait', () => {
    const s = simulateCase(review, moves('/household={"members":[{"name":"甲"},{"name":"乙"}]}', 'submit', 'child:approved', 'child:rejected'), { start, calendar, data: {} });
    expect(s.failure).toBeUndefined();
    expect(s.entries.map((e) => e.snapshot.step)).toEqual(['apply', 'apply', 'assess', 'assess', 'refused']);
    const report = simulationReport(review, s, calendar);
    expect(report).toContain('    等待子案件：发起 2 件，已办结 0 件，满 2 件即可继续');
    expect(report.some((l) => l.startsWith('[3] child:approved：子案件办结（批准），子案件办结（1/2）'))).toBe(true);
  });

  it('refuses a child move where no children are awaited', () => {
    const s = simulateCase(review, moves('child:approved'), { start, calendar, data: {} });
    expect(s.failure).toMatchObject({ index: 1, message: '当前步骤“申请”没有在等待子案件。' });
  });
});
