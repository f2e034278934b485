import { createHmac } from 'node:crypto';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { command, failure, openCase, type CaseSummary } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

const secret = 'test-check-secret';
const monday = new Date('2026-03-02T09:00:00+08:00');

type CaseView = { case: CaseSummary & { checks?: Record<string, { request: string; status: string; error?: string }> }; data: { verification?: { result?: string; report?: Record<string, unknown> } } };

describe('信息核对 through the real server: the outbox, the simulator, the signed callback and manual entry', () => {
  let server: TestServer;
  let su: PocketBase;
  let county: PocketBase;
  beforeAll(async () => {
    server = await startPocketBase({ simulatedClock: true, env: { TONGBAN_CHECK_SECRET: secret } });
    await server.setClock(monday);
    su = await server.superuser();
    county = await server.login('county');
  });
  afterAll(() => server?.dispose());

  /** Sets how the local check simulator behaves (server_state `check_simulator`). */
  async function simulator(settings: Record<string, unknown>): Promise<void> {
    const value = JSON.stringify(settings);
    const found = await su.collection('server_state').getFullList({ filter: 'key = "check_simulator"' });
    if (found[0]) await su.collection('server_state').update(found[0].id, { value });
    else await su.collection('server_state').create({ key: 'check_simulator', value });
  }

  /** Runs the outbox now (notifications and check requests), as the minute's cron would. */
  const sendOutbox = () => su.send<{ checks: { sent: number; retrying: number; failed: number; reported: number } }>('/api/tongban/admin/outbox/send', { method: 'POST' });

  /** A 低保 case of 王秀英 submitted, accepted and investigated: it rests in 信息核对, whose request waits in the outbox. */
  async function atVerification(): Promise<CaseSummary> {
    const a1 = await server.login('applicant-a1');
    let c = (await openCase(a1, demoHousehold)).case;
    c = (await command(a1, c, 'submit')).case;
    c = (await command(await server.login('township-a'), c, 'accept', { data: { acceptance: { complete: true, relativeFiling: false } } })).case;
    c = (await command(await server.login('village-a1'), c, 'complete', { data: { investigation: { investigators: ['赵村干', '钱社工'], date: '2026-03-04', mode: '入户', findings: '情况属实' } } })).case;
    expect(c.step).toBe('verification');
    return c;
  }

  const view = (id: string) => county.send<CaseView>(`/api/tongban/cases/${id}`, {});

  /** Posts a report to the callback route, signed with `key` at `at` (defaults: the configured secret, the server's clock). */
  async function postReport(body: unknown, options: { key?: string; at?: Date; signature?: string } = {}): Promise<{ status: number; body: Record<string, unknown> }> {
    const text = JSON.stringify(body);
    const timestamp = Math.floor((options.at ?? monday).getTime() / 1000);
    const signature = options.signature ?? `sha256=${createHmac('sha256', options.key ?? secret).update(`${timestamp}.${text}`).digest('hex')}`;
    const res = await fetch(`${server.url}/api/tongban/checks/householdCheck/reports`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Tongban-Timestamp': String(timestamp), 'X-Tongban-Signature': signature }, body: text });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it('lands the simulator’s answer in the form, beside what was declared, and the case replays', async () => {
    await simulator({ mode: 'answer' });
    const c = await atVerification();
    // The request leaves through the outbox; the simulator answers through the same signed intake as the callback.
    expect((await sendOutbox()).checks).toMatchObject({ sent: 1, failed: 0 });
    expect((await view(c.id)).case.step).toBe('verification');
    expect((await sendOutbox()).checks).toMatchObject({ reported: 1 });
    const after = await view(c.id);
    expect(after.case.step).toBe('townshipReview');
    expect(after.case.checks?.verification).toMatchObject({ request: 'verification#1', status: 'reported' });
    expect(after.data.verification?.report).toMatchObject({ agency: '信息核对模拟系统', income: { wages: 600, transfer: 200, business: 0 }, deposits: 3000, vehicles: 0, companies: [] });
    const timeline = await su.collection('events').getFullList({ filter: `application = "${c.id}"`, sort: 'seq' });
    expect(timeline.at(-1)).toMatchObject({ action: 'check.reported', kind: 'check', from_step: 'verification', to_step: 'townshipReview', actor_name: '系统', note: '核对报告已送达' });
    expect(await county.send(`/api/tongban/cases/${c.id}/verify`, {})).toMatchObject({ ok: true });
  });

  it('lets the simulator answer late: nothing lands before its delay, the report once it has passed', async () => {
    await simulator({ mode: 'answer', delaySeconds: 600, findings: { vehicles: 1, agency: '信息核对模拟系统（延迟）' } });
    await server.setClock(monday);
    const c = await atVerification();
    expect((await sendOutbox()).checks).toMatchObject({ sent: 1 });
    expect((await sendOutbox()).checks).toMatchObject({ reported: 0 });
    await server.setClock(new Date(monday.getTime() + 9 * 60_000));
    expect((await sendOutbox()).checks).toMatchObject({ reported: 0 });
    expect((await view(c.id)).case.step).toBe('verification');
    await server.setClock(new Date(monday.getTime() + 10 * 60_000));
    expect((await sendOutbox()).checks).toMatchObject({ reported: 1 });
    const after = await view(c.id);
    expect(after.case.step).toBe('townshipReview');
    expect(after.data.verification?.report).toMatchObject({ vehicles: 1, agency: '信息核对模拟系统（延迟）', income: { wages: 600 } });
    await server.setClock(monday);
  });

  it('accepts a signed callback once; a bad signature, an old timestamp or a replay is refused in Chinese and changes nothing', async () => {
    await simulator({ mode: 'silent' });
    const c = await atVerification();
    expect((await sendOutbox()).checks).toMatchObject({ sent: 1 });
    const report = { request: `${c.id}:verification#1`, status: 'reported', findings: { reportNo: 'JS-2026-0001', reportedAt: '2026-03-05', income: { wages: 1800, transfer: 200 }, deposits: 52000, vehicles: 1, realEstate: 2, companies: [{ name: '海安市某某商贸有限公司', uscc: '91320621MA1XXXXX0X' }] } };

    const forged = await postReport(report, { key: 'not-the-secret' });
    expect(forged).toEqual({ status: 401, body: { status: 401, code: 'bad_signature', message: '核对报告的签名无效，已拒绝。' } });
    const stale = await postReport(report, { at: new Date(monday.getTime() - 10 * 60_000) });
    expect(stale.status).toBe(401);
    expect(stale.body).toMatchObject({ code: 'stale_signature', message: '核对报告的时间戳无效或与服务器时间相差超过 5 分钟，已拒绝。' });
    expect((await view(c.id)).case).toMatchObject({ step: 'verification', version: c.version });

    const accepted = await postReport(report);
    expect(accepted).toMatchObject({ status: 200, body: { request: `${c.id}:verification#1`, status: 'reported', caseNo: c.caseNo } });
    const after = await view(c.id);
    expect(after.case.step).toBe('townshipReview');
    expect(after.data.verification?.report).toMatchObject({ reportNo: 'JS-2026-0001', deposits: 52000, vehicles: 1 });

    const replay = await postReport(report);
    expect(replay).toEqual({ status: 409, body: { status: 409, code: 'replayed', message: '该核对报告已接收过（重复发送），已拒绝。' } });
    const again = await postReport({ ...report, findings: { ...report.findings, deposits: 1 } });
    expect(again.body).toMatchObject({ code: 'already_reported' });
    expect((await view(c.id)).case.version).toBe(after.case.version);
    expect((await view(c.id)).data.verification?.report).toMatchObject({ deposits: 52000 });
  });

  it('refuses findings the form does not allow, an unknown request, and a report from a signed-in officer through the command route', async () => {
    await simulator({ mode: 'silent' });
    const c = await atVerification();
    const bad = await postReport({ request: `${c.id}:verification#1`, findings: { vehicles: -1 } });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ code: 'invalid_data', message: '核对报告的内容有误。' });
    expect(await postReport({ request: 'nope:verification#1', findings: {} })).toMatchObject({ status: 404, body: { code: 'not_found' } });
    const byOfficer = await failure(command(county, c, 'check.reported'));
    expect(byOfficer).toMatchObject({ status: 403, body: { message: '只有核对系统可以提交核对结果。' } });
    expect((await view(c.id)).case).toMatchObject({ step: 'verification', version: c.version });
  });

  it('tells the county when the check system refuses the request; an officer then enters the report by hand and a late report is refused', async () => {
    await simulator({ mode: 'fail' });
    const c = await atVerification();
    // Refused by the system: dead-lettered at once (retrying cannot change it), and the case is told.
    expect((await sendOutbox()).checks.failed).toBeGreaterThanOrEqual(1);
    const failed = await view(c.id);
    expect(failed.case).toMatchObject({ step: 'verification', checks: { verification: { status: 'failed', error: '模拟核对系统拒绝了该请求。' } } });
    const notices = await su.collection('outbox').getFullList({ filter: `application = "${c.id}" && recipient = "county" && parent = ""` });
    expect(notices.map((n) => n.message)).toContain('信息核对失败（模拟核对系统拒绝了该请求。），请与核对机构联系后手工录入核对结果。');

    const entered = await command(county, failed.case, 'complete', { data: { verification: { result: '不一致', notes: '核对系统故障，依据不动产登记中心函复录入。', report: { reportNo: 'MANUAL-1', realEstate: 3, deposits: 0 } } } });
    expect(entered.case.step).toBe('townshipReview');
    const after = await view(c.id);
    expect(after.case.checks?.verification?.status).toBe('entered');
    expect(after.data.verification?.report).toEqual({ reportNo: 'MANUAL-1', realEstate: 3, deposits: 0 });
    const late = await postReport({ request: `${c.id}:verification#1`, findings: { deposits: 10 } });
    expect(late.status).toBe(409);
    expect((await view(c.id)).case.version).toBe(after.case.version);
    expect(await county.send(`/api/tongban/cases/${c.id}/verify`, {})).toMatchObject({ ok: true });
  });
});
