import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../../engine/index.js';
import { actors, CaseDriver, shippedDefinition } from '../../support/caseDriver.js';

const countersign: WorkflowDefinition = {
  key: 'countersign',
  version: 1,
  name: '会签测试',
  initial: 'review',
  steps: {
    review: {
      type: 'task',
      name: '联合审核',
      assignee: { level: 'township', mode: 'all', group: ['dibao_officer', 'finance_officer'] },
      actions: { approve: { kind: 'approve', label: '同意', target: 'done' }, reject: { kind: 'reject', label: '不同意', target: 'refused' } },
    },
    done: { type: 'final', name: '通过', outcome: 'approved' },
    refused: { type: 'final', name: '未通过', outcome: 'rejected' },
  },
};
const finance = { ...actors.township, id: 'u-finance', roles: ['finance_officer'] };

describe('decide', () => {
  it('waits for every member of a countersign group before moving on', () => {
    const c = new CaseDriver(countersign);
    expect(c.snapshot.tasks.map((t) => t.key)).toEqual(['review#1:dibao_officer', 'review#1:finance_officer']);
    c.ok(actors.township, 'approve');
    expect(c.snapshot.step).toBe('review');
    expect(c.effects).toEqual([{ type: 'closeTask', key: 'review#1:dibao_officer', outcome: 'completed' }]);
    const twice = c.send(actors.township, 'approve');
    expect(twice.ok ? undefined : twice.rejection.code).toBe('not_your_task');
    c.ok(finance, 'approve');
    expect(c.snapshot.outcome).toBe('approved');
  });

  it('moves on at the first decision of an any-one group', () => {
    const c = new CaseDriver({ ...countersign, steps: { ...countersign.steps, review: { ...(countersign.steps.review as object), assignee: { level: 'township', mode: 'any', group: ['dibao_officer', 'finance_officer'] } } as never } });
    c.ok(finance, 'approve');
    expect(c.snapshot.outcome).toBe('approved');
    expect(c.effects.filter((e) => e.type === 'closeTask').map((e) => (e as { outcome: string }).outcome)).toEqual(['cancelled', 'completed']);
  });

  it('routes on form data', () => {
    const routed: WorkflowDefinition = {
      key: 'routed', version: 1, name: '按金额分流', initial: 'township',
      steps: {
        township: { type: 'task', name: '乡镇审批', assignee: { level: 'township' }, actions: { approve: { kind: 'approve', label: '同意', target: [{ when: { path: '/amount', gt: 10000 }, target: 'county' }, { target: 'done' }] } } },
        county: { type: 'task', name: '县级审批', assignee: { level: 'county' }, actions: { approve: { kind: 'approve', label: '同意', target: 'done' } } },
        done: { type: 'final', name: '批准', outcome: 'approved' },
      },
    };
    const small = new CaseDriver(routed);
    small.ok(actors.township, 'approve', { data: { amount: 800 } });
    expect(small.snapshot.outcome).toBe('approved');
    const large = new CaseDriver(routed);
    large.ok(actors.township, 'approve', { data: { amount: 20000 } });
    expect(large.snapshot.step).toBe('county');
  });

  it('resolves a named assignee resolver: the confirming authority follows the delegation parameter', () => {
    const byResolver = (confirmLevel: string): WorkflowDefinition => ({
      key: 'resolver', version: 1, name: '解析器测试', initial: 'confirm', parameters: { confirmLevel },
      steps: {
        confirm: { type: 'task', name: '审核确认', assignee: { level: 'county', resolver: 'confirmingAuthority' }, actions: { approve: { kind: 'approve', label: '确认', target: 'done' } } },
        done: { type: 'final', name: '已确认', outcome: 'approved' },
      },
    });
    expect(new CaseDriver(byResolver('county')).snapshot.tasks[0]).toMatchObject({ level: 'county', assigneeUnit: 'c1' });
    const delegated = new CaseDriver(byResolver('township'));
    expect(delegated.snapshot.tasks[0]).toMatchObject({ level: 'township', assigneeUnit: 'ta' });
    expect(delegated.send(actors.county, 'approve').ok).toBe(false);
    delegated.ok(actors.township, 'approve');
  });

  it('refuses actions the step does not offer, on a finished case, and from the wrong actor', () => {
    const c = new CaseDriver(countersign);
    expect(c.send(actors.township, 'teleport')).toMatchObject({ ok: false, rejection: { code: 'not_allowed' } });
    expect(c.send(actors.otherTownship, 'approve')).toMatchObject({ ok: false, rejection: { code: 'not_your_task' } });
    expect(c.send(actors.applicant, 'approve')).toMatchObject({ ok: false, rejection: { code: 'not_your_task' } });
    expect(c.send(actors.system, 'timer.elapsed', { timerKey: 'review#1' })).toMatchObject({ ok: false, rejection: { code: 'not_allowed' } });
    c.ok(actors.township, 'reject', { comment: '材料不全' });
    expect(c.send(actors.township, 'approve')).toMatchObject({ ok: false, rejection: { code: 'not_allowed' } });
  });

  it('refuses a return to a step it does not list, naming the allowed ones', () => {
    const c = new CaseDriver(shippedDefinition('dibao'));
    c.ok(actors.applicant, 'submit');
    c.ok(actors.township, 'accept');
    c.ok(actors.village, 'complete');
    c.ok(actors.county, 'complete');
    const d = c.send(actors.township, 'returnForInvestigation', { returnTo: 'verification', comment: '请重新核对' });
    expect(d).toMatchObject({ ok: false, rejection: { code: 'invalid_data', path: '/returnTo' } });
    expect(d.ok ? '' : d.rejection.message).toContain('入户调查、提出申请');
  });

  it('pauses the statutory clock during 公示 and moves the due date by the working days spent there', () => {
    const c = new CaseDriver(shippedDefinition('dibao'));
    c.ok(actors.applicant, 'submit');
    c.ok(actors.township, 'accept');
    const due = c.snapshot.clock.dueAt!;
    c.ok(actors.village, 'complete');
    c.ok(actors.county, 'complete');
    c.ok(actors.township, 'approve');
    expect(c.snapshot.clock.pausedAt).toBeDefined();
    c.advanceDays(7);
    c.fireTimer();
    expect(c.snapshot.clock.pausedAt).toBeUndefined();
    expect(c.snapshot.clock.pausedWorkingDays).toBe(5);
    expect(new Date(c.snapshot.clock.dueAt!).getTime()).toBeGreaterThan(new Date(due).getTime());
  });

  it('pauses the clock while the applicant corrects the application (补正) only after it started', () => {
    const c = new CaseDriver(shippedDefinition('dibao'));
    c.ok(actors.applicant, 'submit');
    c.ok(actors.township, 'requestCorrection', { comment: '缺少收入证明' });
    expect(c.snapshot.clock.startedAt).toBeUndefined();
    c.ok(actors.applicant, 'submit');
    c.ok(actors.township, 'accept');
    expect(c.snapshot.clock.startedAt).toBeDefined();
    expect(c.snapshot.clock.limitWorkingDays).toBe(30);
  });
});
