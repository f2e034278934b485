import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { command, failure, openCase, type CaseSummary } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { eventsWithStaleCaseCopies, rowCount, tasksWithStaleCaseCopies } from '../../support/caseCopies.js';

describe('a whole 低保 case through the real server, by the demo accounts', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startPocketBase({ simulatedClock: true });
    await server.setClock(new Date('2026-03-02T09:00:00+08:00'));
  });
  afterAll(() => server?.dispose());

  it('goes from application to confirmation with 公示 on the simulated clock, documents and a sound event chain', async () => {
    const a1 = await server.login('applicant-a1');
    const townshipA = await server.login('township-a');
    const villageA1 = await server.login('village-a1');
    const county = await server.login('county');
    let c: CaseSummary = (await openCase(a1, demoHousehold)).case;
    expect(c.step).toBe('apply');
    c = (await command(a1, c, 'submit')).case;
    expect(c.step).toBe('accept');
    c = (await command(townshipA, c, 'accept', { data: { acceptance: { complete: true, relativeFiling: false } } })).case;
    expect(c.clock.dueAt).toBeTruthy();
    c = (await command(villageA1, c, 'complete', { data: { investigation: { investigators: ['赵村干', '钱社工'], date: '2026-03-04', mode: '入户', findings: '情况属实' } } })).case;
    c = (await command(county, c, 'complete', { data: { verification: { result: '一致' } } })).case;
    c = (await command(townshipA, c, 'approve', { data: { townshipReview: { opinion: '符合条件', proposedAmount: 1200 } } })).case;
    expect(c.step).toBe('publicNotice');

    expect(await server.sweep()).toBe(0);
    await server.setClock(new Date('2026-03-12T10:00:00+08:00'));
    expect(await server.sweep()).toBe(1);
    expect(await server.sweep()).toBe(0);

    const view = await county.send<{ case: CaseSummary }>(`/api/tongban/cases/${c.id}`, {});
    expect(view.case.step).toBe('countyReview');
    c = (await command(county, view.case, 'confirm', { data: { countyReview: { opinion: '同意' } } })).case;
    expect(c.status).toBe('done');
    expect(c.outcome).toBe('approved');

    const full = await a1.send<{ data: { decision: { monthlyAmount: number } } }>(`/api/tongban/cases/${c.id}`, {});
    expect(full.data.decision.monthlyAmount).toBe(1000 * 2 - 800);

    const docs = await a1.collection('documents').getFullList({ filter: `application = "${c.id}"` });
    expect(docs.map((d) => d.title)).toEqual(expect.arrayContaining(['受理通知书', '最低生活保障公示', '最低生活保障确认通知书']));
    expect(docs.find((d) => d.title === '最低生活保障确认通知书')?.html).toContain('1200');

    const verdict = await county.send<{ ok: boolean; events: number }>(`/api/tongban/cases/${c.id}/verify`, {});
    expect(verdict).toMatchObject({ ok: true, events: 8 });

    // The case is about the household (its subject, keyed by the applicant's ID number), which is now a 低保 household.
    const su = await server.superuser();
    const subjectId = (await su.collection('applications').getOne(c.id)).subject as string;
    const household = await county.send<{ kind: string; facts: Record<string, unknown>; cases: { id: string }[] }>(`/api/tongban/subjects/${subjectId}`, {});
    expect(household).toMatchObject({ kind: 'person', facts: { dibao: { since: '2026-03-12', category: '全户保', monthlyAmount: 1200, members: 2, status: '在保' } } });
    expect(household.cases.map((x) => x.id)).toContain(c.id);
  });

  it('computes the household figures on the server, so a client can neither skip nor forge them', async () => {
    const a1 = await server.login('applicant-a1');
    const forged = { ...demoHousehold, income: { ...demoHousehold.income, monthlyTotal: 0, estimatedAmount: 99999 } };
    const opened = await openCase(a1, forged);
    const own = await a1.send<{ data: { household: { memberCount: number }; income: { monthlyTotal: number; perCapita: number; estimatedAmount: number } } }>(`/api/tongban/cases/${opened.case.id}`, {});
    // 2 members, wages 600 + transfer 200; 低保标准 1000 元/人/月 (the shipped parameter).
    expect(own.data.household.memberCount).toBe(2);
    expect(own.data.income).toMatchObject({ monthlyTotal: 800, perCapita: 400, estimatedAmount: 1200 });
  });

  it('masks the applicant’s ID number for officers and keeps it whole for the applicant', async () => {
    const a1 = await server.login('applicant-a1');
    const opened = await openCase(a1, demoHousehold);
    const submitted = await command(a1, opened.case, 'submit');
    const township = await server.login('township-a');
    const seen = await township.send<{ data: { applicant: { idNumber: string } } }>(`/api/tongban/cases/${submitted.case.id}`, {});
    expect(seen.data.applicant.idNumber).toBe('320621********0023');
    const own = await a1.send<{ data: { applicant: { idNumber: string } } }>(`/api/tongban/cases/${submitted.case.id}`, {});
    expect(own.data.applicant.idNumber).toBe('320621195503120023');
  });

  it('gives each viewer the form permissions of the step: the sections their actions write, the rest read or masked', async () => {
    const a1 = await server.login('applicant-a1');
    const opened = await openCase(a1, demoHousehold);
    type View = { permissions: Record<string, string> };
    const draft = await a1.send<View>(`/api/tongban/cases/${opened.case.id}`, {});
    // The officers' sections (调查, 审核 …) are hidden from the applicant's form: they read what their own step shows, and the decision in its 文书.
    expect(draft.permissions).toMatchObject({ '/applicant': 'write', '/household': 'write', '/income': 'write', '/assets': 'write', '/acceptance': 'read', '/investigation': 'hidden', '/decision': 'hidden' });
    const submitted = await command(a1, opened.case, 'submit');
    const afterSubmit = await a1.send<View>(`/api/tongban/cases/${submitted.case.id}`, {});
    expect(afterSubmit.permissions).toMatchObject({ '/applicant': 'read', '/household': 'read', '/income': 'read', '/assets': 'read', '/acceptance': 'read', '/investigation': 'hidden', '/townshipReview': 'hidden' });
    expect(Object.values(afterSubmit.permissions).every((p) => p === 'read' || p === 'hidden')).toBe(true);
    const township = await server.login('township-a');
    const officer = await township.send<View>(`/api/tongban/cases/${submitted.case.id}`, {});
    expect(officer.permissions).toMatchObject({ '/applicant': 'masked', '/household': 'read', '/acceptance': 'write', '/investigation': 'masked' });
  });

  it('detects an event edited behind the engine’s back', async () => {
    const a1 = await server.login('applicant-a1');
    const opened = await openCase(a1, demoHousehold);
    await command(a1, opened.case, 'submit', { comment: '请审核' });
    const su = await server.superuser();
    const event = (await su.collection('events').getFullList({ filter: `application = "${opened.case.id}" && seq = 2` }))[0]!;
    await su.collection('events').update(event.id, { comment: '篡改后的意见' });
    const county = await server.login('county');
    const verdict = await county.send<{ ok: boolean; firstBrokenSeq: number }>(`/api/tongban/cases/${opened.case.id}/verify`, {});
    expect(verdict).toMatchObject({ ok: false, firstBrokenSeq: 2 });
    // The applicant may check their own case's history too; another applicant cannot see it at all.
    expect(await a1.send(`/api/tongban/cases/${opened.case.id}/verify`, {})).toMatchObject({ ok: false, firstBrokenSeq: 2 });
    const b1 = await server.login('applicant-b1');
    expect((await failure(b1.send(`/api/tongban/cases/${opened.case.id}/verify`, {}))).status).toBe(404);
  });

  it('refuses the simulated clock to anyone but the superuser', async () => {
    const admin = await server.login('admin');
    expect((await failure(admin.send('/api/tongban/test/clock', { method: 'POST', body: { now: '2030-01-01T00:00:00Z' } }))).status).toBe(403);
  });

  it('leaves every task and act it wrote with the copies of its case that 待办 and 已办 filter and search', () => {
    expect([rowCount(server, 'tasks'), rowCount(server, 'events')].every((n) => n > 0)).toBe(true);
    expect(tasksWithStaleCaseCopies(server)).toEqual([]);
    expect(eventsWithStaleCaseCopies(server)).toEqual([]);
  });
});
