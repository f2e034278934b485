import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { checkDefinition, validateDefinition, type Decision, type Effect, type FormFieldSummary, type WorkflowDefinition } from '../../../engine/index.js';
import { actors, CaseDriver } from '../../support/caseDriver.js';

/** The host's deadline timers, kept from the effects, fired in order at the driver's clock as the sweep does. */
class TimerTable {
  readonly rows = new Map<string, { dueAt: string; status: 'pending' | 'fired' | 'cancelled' }>();
  apply(effects: Effect[]): void {
    for (const e of effects) {
      if (e.type === 'scheduleTimer') this.rows.set(e.key, { dueAt: e.dueAt, status: 'pending' });
      if (e.type === 'cancelTimer' && this.rows.get(e.key)?.status === 'pending') this.rows.get(e.key)!.status = 'cancelled';
    }
  }
  sweep(c: CaseDriver): Decision[] {
    const out: Decision[] = [];
    const due = [...this.rows].filter(([, r]) => r.status === 'pending' && Date.parse(r.dueAt) <= c.now.getTime()).sort(([, a], [, b]) => a.dueAt.localeCompare(b.dueAt));
    for (const [key, row] of due) {
      row.status = 'fired';
      const d = c.send(actors.system, key.startsWith('remind:') ? 'deadline.remind' : 'deadline.overdue', { timerKey: key });
      if (d.ok) this.apply(d.effects);
      out.push(d);
    }
    return out;
  }
}

const at = (iso: string) => new Date(iso);
const schemaAccepts = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../engine/definition/workflow.schema.json'), 'utf8')) as object);

/** 申请 → 信息核对 (the township requests; 5 working days, a reminder 2 before, escalated to the county when late) → 审核 (by the findings) → 办结. */
const checking: WorkflowDefinition = {
  key: 'check-test', version: 1, name: '信息核对测试', initial: 'apply',
  steps: {
    apply: { type: 'task', name: '申请', assignee: { level: 'applicant' }, actions: { submit: { kind: 'submit', label: '提交', target: 'verify' } } },
    verify: {
      type: 'task', name: '信息核对', assignee: { level: 'township' },
      check: { service: 'householdCheck', send: { '/household': '/household', '/applicant/name': '/applicant/name' }, reportAction: 'record', reportTo: '/verification/report' },
      deadline: { workingDays: 5 }, remind: [{ before: { workingDays: 2 } }], onOverdue: { escalate: { deadline: { workingDays: 3 } } },
      form: { sections: { verification: 'write' } },
      actions: {
        record: {
          kind: 'approve', label: '录入核对结果', writes: ['verification'],
          target: [{ when: { path: '/verification/income/monthly', gt: 1000 }, target: 'refused' }, { target: 'approved' }],
        },
      },
    },
    approved: { type: 'final', name: '核对通过', outcome: 'approved' },
    refused: { type: 'final', name: '收入超标', outcome: 'rejected' },
  },
};

const declared = { applicant: { name: '王秀英' }, household: { members: [{ name: '王秀英' }], monthlyIncome: 600 } };
const report = (monthly: number) => ({ verification: { reportNo: 'HD-1', income: { monthly }, vehicles: [], companies: [] } });

/** A case submitted on Monday 2026-03-02, resting in 信息核对. */
function submitted(): CaseDriver {
  const c = new CaseDriver(checking, at('2026-03-02T09:00:00+08:00'));
  c.ok(actors.applicant, 'submit', { data: declared });
  return c;
}

describe('an external check (信息核对) on a task step', () => {
  it('sends the request through the outbox when the step is entered, and the arriving report lands in the form and moves the case', () => {
    const c = submitted();
    expect(c.effects).toContainEqual({ type: 'requestCheck', request: 'verify#1', service: 'householdCheck', payload: { household: declared.household, applicant: { name: '王秀英' } } });
    expect(c.snapshot.checks).toEqual({ verify: { request: 'verify#1', service: 'householdCheck', status: 'requested', at: '2026-03-02T01:00:00.000Z' } });
    expect(c.snapshot.tasks[0]).toMatchObject({ key: 'verify#1', level: 'township' });

    c.advanceDays(1);
    const d = c.send(actors.system, 'check.reported', { check: { request: 'verify#1' }, data: report(400) });
    expect(d).toMatchObject({ ok: true, event: { action: 'check.reported', kind: 'check', from: 'verify', to: 'approved', actor: 'system', note: '核对报告已送达' } });
    expect(c.data.verification).toEqual(report(400).verification);
    expect(c.snapshot.checks!.verify).toMatchObject({ status: 'reported' });
    expect(c.effects).toContainEqual({ type: 'closeTask', key: 'verify#1', outcome: 'completed' });
    expect(c.snapshot.outcome).toBe('approved');
  });

  it('routes on the findings: income above the line takes the refusal', () => {
    const c = submitted();
    c.ok(actors.system, 'check.reported', { check: { request: 'verify#1' }, data: report(1500) });
    expect(c.snapshot.step).toBe('refused');
  });

  it('refuses a report from anyone but the system, for another request, or twice', () => {
    const c = submitted();
    expect(c.send(actors.township, 'check.reported', { check: { request: 'verify#1' }, data: report(400) })).toMatchObject({ ok: false, rejection: { code: 'not_your_task', message: '只有核对系统可以提交核对结果。' } });
    expect(c.send(actors.system, 'check.reported', { check: { request: 'verify#2' }, data: report(400) })).toMatchObject({ ok: false, rejection: { code: 'not_allowed', message: '该核对请求已失效：本案件已不在等待它的步骤。' } });
    expect(c.send(actors.system, 'check.reported', { data: report(400) })).toMatchObject({ ok: false, rejection: { code: 'not_allowed' } });
    c.ok(actors.system, 'check.reported', { check: { request: 'verify#1' }, data: report(400) });
    expect(c.send(actors.system, 'check.reported', { check: { request: 'verify#1' }, data: report(400) })).toMatchObject({ ok: false, rejection: { code: 'not_allowed' } });
  });

  it('reminds the township and escalates to the county when the report is late; the late report still lands', () => {
    const c = submitted();
    const timers = new TimerTable();
    timers.apply(c.effects);
    // 5 working days from Monday 03-02: due at the end of Monday 03-09; the reminder at the end of Thursday 03-05.
    c.now = at('2026-03-06T08:00:00+08:00');
    expect(timers.sweep(c)).toMatchObject([{ ok: true, event: { action: 'deadline.remind' } }]);
    expect(c.effects).toEqual([{ type: 'notify', to: 'township', message: '催办：案件“信息核对”步骤的任务将于 2026-03-09 到期，请尽快办理。' }]);

    c.now = at('2026-03-10T08:00:00+08:00');
    expect(timers.sweep(c)).toMatchObject([{ ok: true, event: { action: 'deadline.overdue', note: '逾期升级：乡镇（街道） → 县级' } }]);
    expect(c.snapshot.tasks).toEqual([{ key: 'verify#1>county', step: 'verify', level: 'county', assigneeUnit: 'c1', mode: 'single', dueAt: '2026-03-13T16:00:00.000Z' }]);
    expect(c.effects).toContainEqual({ type: 'notify', to: 'county', message: '案件“信息核对”步骤的任务逾期未办（2026-03-09 到期），已升级由您单位办理，请尽快办理。' });
    expect(c.snapshot.checks!.verify!.status).toBe('requested');

    c.advanceDays(1);
    c.ok(actors.system, 'check.reported', { check: { request: 'verify#1' }, data: report(400) });
    expect(c.effects).toContainEqual({ type: 'closeTask', key: 'verify#1>county', outcome: 'completed' });
    expect(c.effects).toContainEqual({ type: 'cancelTimer', key: 'overdue:verify#1>county' });
    expect(c.snapshot.step).toBe('approved');
  });

  it('records a failure and tells the township; an officer then enters the report by hand and a late report is refused', () => {
    const c = submitted();
    const failed = c.send(actors.system, 'check.failed', { check: { request: 'verify#1', error: 'HTTP 503' } });
    expect(failed).toMatchObject({ ok: true, event: { action: 'check.failed', kind: 'check', from: 'verify', to: 'verify', note: '信息核对失败：HTTP 503' } });
    expect(c.effects).toEqual([{ type: 'notify', to: 'township', message: '信息核对失败（HTTP 503），请与核对机构联系后手工录入核对结果。' }]);
    expect(c.snapshot.checks!.verify).toMatchObject({ status: 'failed', error: 'HTTP 503' });
    expect(c.snapshot.step).toBe('verify');
    expect(c.send(actors.system, 'check.failed', { check: { request: 'verify#1', error: 'again' } })).toMatchObject({ ok: false });
    expect(c.offers(actors.township)).toContain('record');

    c.ok(actors.township, 'record', { data: report(1500) });
    expect(c.snapshot.checks!.verify).toMatchObject({ status: 'entered' });
    expect(c.snapshot.step).toBe('refused');
    expect(c.send(actors.system, 'check.reported', { check: { request: 'verify#1' }, data: report(400) })).toMatchObject({ ok: false });
  });
});

describe('checking a definition with an external check', () => {
  const withCheck = (check: unknown, actions?: unknown) => ({ ...checking, steps: { ...checking.steps, verify: { ...checking.steps.verify!, check, ...(actions ? { actions } : {}) } } }) as unknown as WorkflowDefinition;

  it('accepts the sound one, and refuses a report action that is missing, does not move the case or writes nothing', () => {
    expect(validateDefinition(checking)).toEqual([]);
    expect(schemaAccepts(checking)).toBe(true);
    expect(schemaAccepts(withCheck({ service: 'householdCheck', send: { '/a': '/household' }, reportAction: 'record', reportTo: '/verification/report', extra: 1 }))).toBe(false);
    expect(validateDefinition(withCheck({ service: 'householdCheck', send: { '/a': '/household' }, reportAction: 'nope', reportTo: '/verification/report' }))).toContainEqual({ path: '/steps/verify/check/reportAction', message: '本步骤没有操作“nope”。' });
    expect(validateDefinition(withCheck({ service: 'householdCheck', send: { '/a': '/household' }, reportAction: 'record', reportTo: '/verification/report' }, { record: { kind: 'save', label: '保存', writes: ['verification'] } }))).toContainEqual({ path: '/steps/verify/check/reportAction', message: '记录核对报告的操作“record”须推进案件（kind 为 approve 或 submit）。' });
    expect(validateDefinition(withCheck({ service: 'householdCheck', send: { '/a': '/household' }, reportAction: 'record', reportTo: '/verification/report' }, { record: { kind: 'approve', label: '录入', target: 'approved' } }))).toContainEqual({ path: '/steps/verify/check/reportAction', message: '记录核对报告的操作“record”须写入表单的核对结果部分 (writes)。' });
  });

  it('refuses a bad service name, an empty request, a request field that is no pointer, an unknown field and a reserved action name', () => {
    const problems = validateDefinition(withCheck({ service: '核对', send: { household: '/household' }, reportAction: 'record', extra: 1 }));
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['/steps/verify/check/service', '/steps/verify/check/send/household', '/steps/verify/check/extra']));
    expect(validateDefinition(withCheck({ service: 'x', send: {}, reportAction: 'record' })).map((p) => p.path)).toContain('/steps/verify/check/send');
    const reserved = { ...checking, steps: { ...checking.steps, apply: { type: 'task', name: '申请', assignee: { level: 'applicant' }, actions: { 'check.reported': { kind: 'submit', label: '提交', target: 'verify' } } } } } as unknown as WorkflowDefinition;
    expect(validateDefinition(reserved)).toContainEqual({ path: '/steps/apply/actions/check.reported', message: '操作名“check.reported”是系统保留的名称（信息核对的结果通知）。' });
  });

  it('with the form, refuses a request field the form lacks', () => {
    const form: FormFieldSummary = { fields: ['/household', '/verification', '/verification/report', '/verification/income', '/verification/income/monthly', '/applicant'], sensitive: [] };
    expect(checkDefinition(checking, undefined, form)).toEqual([{ path: '/steps/verify/check/send/~1applicant~1name', message: '表单中没有字段“/applicant/name”。' }]);
  });
});
