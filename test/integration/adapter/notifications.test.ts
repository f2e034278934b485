import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { command, failure, openCase, type CaseSummary } from '../../support/commands.js';
import { freePort, startPocketBase, type TestServer } from '../../support/pocketbase.js';

/** What the fake gateway does with the next requests. */
type Mode = 'fail' | 'flaky' | 'hang' | 'ok' | 'reject';

interface Received {
  path: string;
  key: string;
  authorization: string;
  body: Record<string, unknown>;
}

/**
 * A fake SMS gateway and group robot on 127.0.0.1: fails (503), fails every other request (flaky),
 * hangs past the sender's timeout,
 * refuses (400) or accepts, and de-duplicates accepted messages by their idempotency key.
 */
class FakeGateway {
  mode: Mode = 'fail';
  received: Received[] = [];
  /** Accepted messages, one per idempotency key. */
  readonly delivered = new Map<string, Received>();
  private server!: Server;
  port = 0;

  async start(): Promise<void> {
    this.port = await freePort();
    this.server = createServer((req, res) => this.answer(req, res));
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      const got: Received = { path: req.url ?? '', key: String(req.headers['idempotency-key'] ?? ''), authorization: String(req.headers.authorization ?? ''), body: JSON.parse(raw) as Record<string, unknown> };
      this.received.push(got);
      const accept = () => {
        if (!this.delivered.has(got.key)) this.delivered.set(got.key, got);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      };
      if (this.mode === 'fail' || (this.mode === 'flaky' && this.received.length % 2 === 1)) res.writeHead(503).end('down');
      else if (this.mode === 'reject') res.writeHead(400).end('bad number');
      else if (this.mode === 'hang') setTimeout(accept, 2500); // processed, but after the sender gave up
      else accept();
    });
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

interface OutboxRow {
  id: string;
  parent: string;
  key: string;
  channel: string;
  recipient: string;
  status: string;
  attempts: number;
  last_error: string;
  next_attempt_at: string;
}

describe('notifications leave through the outbox, and a failing channel never touches a decision', () => {
  const gateway = new FakeGateway();
  let server: TestServer;
  let su: PocketBase;
  let clock = new Date('2026-03-02T09:00:00+08:00');
  let applicantId: string;

  const advance = async (seconds: number) => {
    clock = new Date(clock.getTime() + seconds * 1000);
    await server.setClock(clock);
  };
  const send = async () => (await su.send<{ expanded: number; sent: number; retrying: number; failed: number }>('/api/tongban/admin/outbox/send', { method: 'POST' }));
  const deliveriesOf = async (parent: string) => su.collection('outbox').getFullList<OutboxRow>({ filter: `parent = "${parent}"`, sort: 'channel' });
  const refuseCase = async (pb: PocketBase): Promise<CaseSummary> => {
    const opened = (await openCase(pb, demoHousehold)).case;
    const submitted = (await command(pb, opened, 'submit')).case;
    const township = await server.login('township-a');
    return (await command(township, submitted, 'refuseAcceptance', { comment: '户籍不在本乡镇', data: { acceptance: { complete: true, relativeFiling: false } } })).case;
  };

  beforeAll(async () => {
    await gateway.start();
    server = await startPocketBase({
      simulatedClock: true,
      env: {
        TONGBAN_SMS_URL: `http://127.0.0.1:${gateway.port}/sms`,
        TONGBAN_SMS_TOKEN: 'sms-secret',
        TONGBAN_WEBHOOK_URL: `http://127.0.0.1:${gateway.port}/robot`,
        TONGBAN_NOTIFY_TIMEOUT_SECONDS: '1',
        TONGBAN_NOTIFY_MAX_ATTEMPTS: '4',
        TONGBAN_NOTIFY_BACKOFF_SECONDS: '60',
      },
    });
    await server.setClock(clock);
    su = await server.superuser();
    const applicant = await su.collection('users').getFirstListItem('email = "applicant-a1@demo.tongban"');
    applicantId = applicant.id;
    await su.collection('users').update(applicantId, { phone: '13912345678' });
  });
  afterAll(async () => {
    await server?.dispose();
    await gateway.stop();
  });

  it('keeps the decision when the gateway is down, puts the message in the inbox, and retries SMS with the same key until the gateway recovers', async () => {
    gateway.mode = 'fail';
    const a1 = await server.login('applicant-a1');
    const refused = await refuseCase(a1);
    expect(refused.outcome).toBe('rejected');
    const [notice] = await su.collection('outbox').getFullList<OutboxRow>({ filter: `application = "${refused.id}" && parent = ""` });
    expect(notice).toMatchObject({ status: 'pending', recipient: applicantId });
    expect(gateway.received).toEqual([]); // the command did not wait for any channel

    expect(await send()).toMatchObject({ expanded: 1, sent: 1, retrying: 1, failed: 0 });
    const inbox = await a1.collection('notifications').getFullList({ filter: `application = "${refused.id}"` });
    expect(inbox.map((n) => n.message)).toEqual([expect.stringContaining('未予受理')]);
    let [inApp, sms] = await deliveriesOf(notice!.id);
    expect(inApp).toMatchObject({ channel: 'inbox', status: 'sent' });
    expect(sms).toMatchObject({ channel: 'sms', status: 'pending', attempts: 1, last_error: 'HTTP 503', key: `${notice!.id}:sms:${applicantId}` });
    expect(gateway.received.map((r) => r.key)).toEqual([sms!.key]);
    expect(gateway.received[0]).toMatchObject({ path: '/sms', authorization: 'Bearer sms-secret', body: { to: '13912345678', key: sms!.key } });

    // Not due yet: the backoff holds the next attempt back.
    expect(await send()).toMatchObject({ sent: 0, retrying: 0 });
    expect(gateway.received).toHaveLength(1);

    // The gateway hangs past the sender's timeout: counted as a failure, retried later.
    gateway.mode = 'hang';
    await advance(61);
    const started = Date.now();
    expect(await send()).toMatchObject({ retrying: 1 });
    expect(Date.now() - started).toBeLessThan(2400);
    [, sms] = await deliveriesOf(notice!.id);
    expect(sms).toMatchObject({ status: 'pending', attempts: 2 });
    expect(sms!.last_error).not.toBe('');

    // It recovers: the same key again, so the gateway keeps one message.
    gateway.mode = 'ok';
    await advance(121);
    await new Promise((r) => setTimeout(r, 1600)); // the hung request completes at the gateway meanwhile
    expect(await send()).toMatchObject({ sent: 1, retrying: 0 });
    [inApp, sms] = await deliveriesOf(notice!.id);
    expect(sms).toMatchObject({ status: 'sent', attempts: 3, last_error: '' });
    expect(gateway.received.map((r) => r.key)).toEqual([sms!.key, sms!.key, sms!.key]);
    expect([...gateway.delivered.keys()]).toEqual([sms!.key]);
    expect(String(gateway.delivered.get(sms!.key)!.body.message)).toContain(refused.caseNo);

    // Nothing about the case changed while its notification was failing.
    const after = await a1.send<{ case: CaseSummary }>(`/api/tongban/cases/${refused.id}`, {});
    expect(after.case).toMatchObject({ version: refused.version, outcome: 'rejected', step: refused.step });
    const inboxAgain = await a1.collection('notifications').getFullList({ filter: `application = "${refused.id}"` });
    expect(inboxAgain).toHaveLength(1);
  });

  it('shows the inbox only to its recipient', async () => {
    const mine = await (await server.login('applicant-a1')).collection('notifications').getFullList();
    expect(mine.length).toBeGreaterThan(0);
    for (const user of ['applicant-b1', 'township-a', 'admin']) {
      expect(await (await server.login(user)).collection('notifications').getFullList(), user).toEqual([]);
    }
  });

  it('sends a notification to a level to each officer’s inbox and once to the group robot', async () => {
    gateway.mode = 'ok';
    gateway.received = [];
    const a1 = await server.login('applicant-a1');
    const c = (await openCase(a1, demoHousehold)).case;
    // As the notify effect writes it: to the case's township.
    const notice = await su.collection('outbox').create({ application: c.id, channel: 'inbox', recipient: 'township', message: '有新的低保申请待受理。', status: 'pending', attempts: 0, next_attempt_at: clock.toISOString() });
    expect(await send()).toMatchObject({ expanded: 1, failed: 0 });
    const rows = await deliveriesOf(notice.id);
    expect(rows.map((r) => [r.channel, r.status])).toEqual([
      ['inbox', 'sent'],
      ['webhook', 'sent'],
    ]);
    const townshipA = await server.login('township-a');
    expect((await townshipA.collection('notifications').getFullList({ filter: `application = "${c.id}"` })).map((n) => n.message)).toEqual(['有新的低保申请待受理。']);
    expect(gateway.received).toHaveLength(1);
    expect(gateway.received[0]).toMatchObject({ path: '/robot', key: `${notice.id}:webhook:group`, body: { msgtype: 'text', text: { content: expect.stringContaining('有新的低保申请待受理。') } } });
  });

  it('dead-letters a delivery after the last attempt or a refusal, shows it to administrators only, and lets them send it again', async () => {
    gateway.mode = 'reject';
    const refused = await refuseCase(await server.login('applicant-a1'));
    const [notice] = await su.collection('outbox').getFullList<OutboxRow>({ filter: `application = "${refused.id}" && parent = ""` });
    expect(await send()).toMatchObject({ expanded: 1, failed: 1 }); // a 400 will not get better by retrying
    let sms = (await deliveriesOf(notice!.id)).find((r) => r.channel === 'sms')!;
    expect(sms).toMatchObject({ status: 'failed', attempts: 1, last_error: 'HTTP 400' });

    const admin = await server.login('admin');
    const dead = await admin.collection('outbox').getFullList<OutboxRow>({ filter: 'status = "failed"' });
    expect(dead.map((r) => r.id)).toContain(sms.id);
    for (const user of ['township-a', 'applicant-a1']) {
      const pb = await server.login(user);
      expect(await pb.collection('outbox').getFullList(), user).toEqual([]);
      expect((await failure(pb.send(`/api/tongban/admin/outbox/${sms.id}/retry`, { method: 'POST' }))).status, user).toBe(403);
    }

    // Failing every time: dead after the configured 4 attempts.
    gateway.mode = 'fail';
    await admin.send(`/api/tongban/admin/outbox/${sms.id}/retry`, { method: 'POST' });
    for (let i = 0; i < 4; i++) {
      await send();
      await advance(60 * 2 ** i + 1);
    }
    sms = (await deliveriesOf(notice!.id)).find((r) => r.channel === 'sms')!;
    expect(sms).toMatchObject({ status: 'failed', attempts: 4, last_error: 'HTTP 503' });
    expect(await send()).toMatchObject({ sent: 0, retrying: 0, failed: 0 });

    gateway.mode = 'ok';
    expect((await failure(admin.send(`/api/tongban/admin/outbox/${notice!.id}/retry`, { method: 'POST' }))).status).toBe(409);
    await admin.send(`/api/tongban/admin/outbox/${sms.id}/retry`, { method: 'POST' });
    expect(await send()).toMatchObject({ sent: 1 });
    expect((await deliveriesOf(notice!.id)).find((r) => r.channel === 'sms')).toMatchObject({ status: 'sent' });
    expect(gateway.delivered.has(sms.key)).toBe(true);
  });

  it('rests a failing gateway after 3 failures in a row in a run, leaving its other deliveries due and their attempts untouched', async () => {
    gateway.mode = 'fail';
    gateway.received = [];
    const a1 = await server.login('applicant-a1');
    const notices = [];
    for (let i = 0; i < 5; i++) {
      const refused = await refuseCase(a1);
      notices.push((await su.collection('outbox').getFullList<OutboxRow>({ filter: `application = "${refused.id}" && parent = ""` }))[0]!);
    }
    expect(await send()).toMatchObject({ expanded: 5, sent: 5, retrying: 3 }); // five inbox deliveries, three SMS attempts
    expect(gateway.received).toHaveLength(3);
    const sms = (await Promise.all(notices.map((n) => deliveriesOf(n.id)))).map((rows) => rows.find((r) => r.channel === 'sms')!);
    expect(sms.map((r) => r.attempts).sort()).toEqual([0, 0, 1, 1, 1]);
    gateway.mode = 'ok';
    await advance(61);
    expect(await send()).toMatchObject({ sent: 5, retrying: 0 });
    expect(new Set(gateway.received.map((r) => r.key))).toEqual(new Set(sms.map((r) => r.key)));
  });

  it('costs a hanging gateway only 3 timeouts per run however many messages wait', async () => {
    gateway.mode = 'hang';
    gateway.received = [];
    const a1 = await server.login('applicant-a1');
    for (let i = 0; i < 5; i++) await refuseCase(a1);
    const started = Date.now();
    expect(await send()).toMatchObject({ expanded: 5, sent: 5, retrying: 3 });
    const seconds = (Date.now() - started) / 1000;
    expect(gateway.received).toHaveLength(3);
    expect(seconds).toBeGreaterThanOrEqual(3); // three 1-second timeouts
    expect(seconds).toBeLessThan(5); // not five
    await new Promise((r) => setTimeout(r, 2600)); // the hung requests complete at the gateway
    gateway.mode = 'ok';
    await advance(61);
    expect(await send()).toMatchObject({ sent: 5, retrying: 0 });
  });

  it('keeps sending through a gateway that fails now and then: a failure between successes does not rest it', async () => {
    gateway.mode = 'flaky';
    gateway.received = [];
    const a1 = await server.login('applicant-a1');
    const notices = [];
    for (let i = 0; i < 4; i++) {
      const refused = await refuseCase(a1);
      notices.push((await su.collection('outbox').getFullList<OutboxRow>({ filter: `application = "${refused.id}" && parent = ""` }))[0]!);
    }
    expect(await send()).toMatchObject({ expanded: 4, sent: 6, retrying: 2 }); // four inbox deliveries, every SMS attempted: two went out
    expect(gateway.received).toHaveLength(4);
    const sms = (await Promise.all(notices.map((n) => deliveriesOf(n.id)))).map((rows) => rows.find((r) => r.channel === 'sms')!);
    expect(sms.map((r) => [r.attempts, r.status]).sort()).toEqual([[1, 'pending'], [1, 'pending'], [1, 'sent'], [1, 'sent']]);
    gateway.mode = 'ok';
    await advance(61);
    expect(await send()).toMatchObject({ sent: 2, retrying: 0 });
  });

  it('lets only administrators send now', async () => {
    expect((await failure((await server.login('county')).send('/api/tongban/admin/outbox/send', { method: 'POST' }))).status).toBe(403);
    expect((await (await server.login('admin')).send<{ sent: number }>('/api/tongban/admin/outbox/send', { method: 'POST' })).sent).toBe(0);
  });
});
