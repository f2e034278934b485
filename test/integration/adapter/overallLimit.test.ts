import { randomUUID } from 'node:crypto';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../../engine/index.js';
import { failure, type CaseSummary } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

/** 成立登记: 60 日 of complete materials from 受理, 补正 pausing it. */
const registration: WorkflowDefinition = {
  key: 'limit-in-days', version: 1, name: '成立登记（时限测试）', initial: 'apply',
  limit: { days: 60, extended: { days: 90 } },
  steps: {
    apply: { type: 'task', name: '提出申请', assignee: { level: 'applicant' }, actions: { submit: { kind: 'submit', label: '提交', target: 'accept' } } },
    accept: { type: 'task', name: '受理', assignee: { level: 'township' }, startsClock: true, actions: { accept: { kind: 'approve', label: '受理', target: 'review' } } },
    review: {
      type: 'task', name: '审查', assignee: { level: 'township' },
      actions: { approve: { kind: 'approve', label: '准予登记', target: 'done' }, correct: { kind: 'approve', label: '一次性告知补正', target: 'correction' } },
    },
    correction: { type: 'task', name: '补正材料', assignee: { level: 'applicant' }, pausesClock: true, actions: { submit: { kind: 'submit', label: '提交补正', target: 'review' } } },
    done: { type: 'final', name: '办结', outcome: 'approved' },
  },
};
const endOf = (date: string) => new Date(new Date(`${date}T00:00:00+08:00`).getTime() + 86_400_000).toISOString();

/** A limit in calendar days through the real server: counted at 受理, moved by a 补正, replayed exactly; publishing refuses deadlines that exceed it. */
describe('the overall limit in calendar days through the command route', () => {
  let server: TestServer;
  let su: PocketBase;
  let applicant: PocketBase;
  let township: PocketBase;

  beforeAll(async () => {
    server = await startPocketBase({ simulatedClock: true });
    await server.setClock(new Date('2026-06-03T09:00:00+08:00'));
    su = await server.superuser();
    await su.collection('workflow_definitions').create({ key: registration.key, version: 1, status: 'published', name: registration.name, definition: registration });
    applicant = await server.login('applicant-a1');
    township = await server.login('township-a');
  });
  afterAll(() => server?.dispose());

  const send = (pb: PocketBase, c: { id: string; version: number }, action: string) =>
    pb.send<{ case: CaseSummary }>(`/api/tongban/cases/${c.id}/commands`, { method: 'POST', body: { action, version: c.version, commandId: randomUUID() } });

  it('ends a 60-日 limit on the Monday after its Sunday, and moves it by the 7 calendar days of a 补正', async () => {
    const opened = await applicant.send<{ case: CaseSummary }>('/api/tongban/cases', { method: 'POST', body: { workflow: registration.key, commandId: randomUUID() } });
    const submitted = (await send(applicant, opened.case, 'submit')).case;
    const accepted = (await send(township, submitted, 'accept')).case;
    expect(accepted.clock).toMatchObject({ limitDays: 60, dueAt: endOf('2026-08-03') });
    await server.setClock(new Date('2026-06-10T09:00:00+08:00'));
    const paused = (await send(township, accepted, 'correct')).case;
    await server.setClock(new Date('2026-06-17T09:00:00+08:00'));
    const resumed = (await send(applicant, paused, 'submit')).case;
    expect(resumed.clock).toMatchObject({ limitDays: 60, pausedDays: 7, dueAt: endOf('2026-08-10') });
    const record = await su.collection('applications').getOne(resumed.id);
    expect(new Date(String(record.due_at).replace(' ', 'T')).toISOString()).toBe(endOf('2026-08-10'));
    expect(await su.send(`/api/tongban/cases/${resumed.id}/verify`, {})).toMatchObject({ ok: true, replay: { ok: true } });
  });

  it('refuses to publish deadlines that can exceed the 60 日 on a branch', async () => {
    const tooLong = { ...registration, key: 'limit-in-days-long', steps: { ...registration.steps, review: { ...registration.steps.review, deadline: { workingDays: 45 } } } } as WorkflowDefinition;
    const answer = await failure(su.collection('workflow_definitions').create({ key: tooLong.key, version: 1, status: 'published', name: tooLong.name, definition: tooLong }));
    expect(answer).toMatchObject({ status: 409, body: { code: 'invalid_definition' } });
    expect(answer.body.errors).toEqual([{ path: '/definition/limit/days', message: expect.stringContaining('受理 → 审查') }]);
  });
});
