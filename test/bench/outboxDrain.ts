/**
 * Outbox benchmark: the reminder notices of the shipped 低保 复核 (started in bulk for the 在保
 * households of a township; the clock moved to the reminders' day; the sweep fired them) leave the
 * outbox through a fake SMS gateway and group robot — an HTTP server in this process standing in for
 * the real ones, as notifyChannels.ts sends to them. Every 50th request the gateway answers 503
 * (an injected failure); the sender retries after its backoff (the simulated clock is moved on when
 * only waiting rows are left). Measured: the time to drain, the runs it took (the cron runs once a
 * minute), the retries, and that no message was accepted twice for one idempotency key.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import { cpuSeconds } from './bulkStart.js';
import { freePort, startPocketBase } from '../support/pocketbase.js';
import { addVillages, bulkStartReviews } from '../support/reviewHouseholds.js';
import { insertInCareHouseholds } from '../support/inCareHouseholdsSql.js';

/** A local stand-in for the SMS gateway and the group robot: fails every `failEvery`-th request with 503, accepts the rest. */
class FakeGateway {
  requests = 0;
  injected = 0;
  /** Accepted messages per idempotency key. */
  readonly accepted = new Map<string, number>();
  readonly byPath = new Map<string, number>();
  private readonly server = createServer((req, res) => this.answer(req, res));
  port = 0;

  constructor(private readonly failEvery: number) {}

  async start(): Promise<void> {
    this.port = await freePort();
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    req.resume();
    req.on('end', () => {
      this.requests++;
      if (this.requests % this.failEvery === 0) {
        this.injected++;
        res.writeHead(503).end('busy');
        return;
      }
      const key = String(req.headers['idempotency-key'] ?? '');
      this.accepted.set(key, (this.accepted.get(key) ?? 0) + 1);
      this.byPath.set(req.url ?? '', (this.byPath.get(req.url ?? '') ?? 0) + 1);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** What the outbox benchmark measured. */
export interface OutboxFigures {
  notices: number;
  deliveries: Record<string, number>;
  seconds: number;
  runs: number;
  clockMoves: number;
  serverCpuSeconds: number;
  gateway: { requests: number; injected: number; accepted: number; sentTwice: number; sms: number; webhook: number };
  /** Deliveries that needed more than one attempt. */
  retried: number;
  left: number;
  dead: number;
  loadAverage: number;
}

const china = (local: string) => new Date(`${local}+08:00`);

interface SendReport { expanded: number; sent: number; retrying: number; failed: number }

/** Runs the benchmark with `notices` reminder notices (one per household). */
export async function benchOutbox(notices = 10_000, failEvery = 50): Promise<OutboxFigures> {
  const gateway = new FakeGateway(failEvery);
  await gateway.start();
  const base = `http://127.0.0.1:${gateway.port}`;
  const server = await startPocketBase({
    simulatedClock: true,
    env: { TONGBAN_NO_BACKGROUND: '1', TONGBAN_BULK_REQUEST_SECONDS: '60', TONGBAN_SMS_URL: `${base}/sms`, TONGBAN_WEBHOOK_URL: `${base}/robot`, TONGBAN_NOTIFY_TIMEOUT_SECONDS: '5' },
  });
  try {
    const su = await server.superuser();
    const villages = await addVillages(su, '320685102', 20, (i) => `曲塘镇第${i + 1}村`);
    insertInCareHouseholds(server, villages, Math.ceil(notices / villages.length));
    // The township's officers have mobile numbers: each reminder goes to their inbox, by SMS, and once to the group robot.
    const township = villages[0]!.township;
    const officers = await su.collection('users').getFullList({ filter: `org_unit = "${township}" && role = "officer"` });
    for (const [i, o] of officers.entries()) await su.collection('users').update(o.id, { phone: `1390000${String(1000 + i)}` });

    await server.setClock(china('2026-03-02T09:00:00'));
    await su.send('/api/tongban/admin/sweep', { method: 'POST' }); // the shipped schedules open their periods first
    await su.send('/api/tongban/admin/outbox/send', { method: 'POST' }); // and what they wrote leaves before the bench
    const { run } = await bulkStartReviews(await server.login('township-a'));
    let clock = china('2026-03-19T09:00:00');
    await server.setClock(clock);
    while ((await su.send<{ fired: number }>('/api/tongban/admin/sweep', { method: 'POST' })).fired > 0);
    const pending = async (filter: string) => (await su.collection('outbox').getList(1, 1, { filter: `application.bulk_run = "${run.id}" && status = "pending" && ${filter}` })).totalItems;
    const waiting = await pending('parent = ""');

    const pid = server.booted.server.child.pid;
    const cpu0 = cpuSeconds(pid);
    const t0 = performance.now();
    let runs = 0;
    let clockMoves = 0;
    for (;;) {
      runs++;
      const r = await su.send<SendReport>('/api/tongban/admin/outbox/send', { method: 'POST' });
      if (r.expanded + r.sent + r.retrying + r.failed > 0) continue;
      if ((await pending('id != ""')) === 0) break;
      // Only rows waiting for their retry are left: the clock moves to when they are due.
      const next = await su.collection('outbox').getList(1, 1, { filter: `application.bulk_run = "${run.id}" && status = "pending"`, sort: 'next_attempt_at' });
      clock = new Date(Math.max(clock.getTime() + 1000, new Date(String(next.items[0]!.next_attempt_at).replace(' ', 'T')).getTime() + 1000));
      await server.setClock(clock);
      clockMoves++;
    }
    const seconds = (performance.now() - t0) / 1000;
    const serverCpuSeconds = cpuSeconds(pid) - cpu0;
    const loadAverage = loadavg()[0]!;

    const rows = await su.collection('outbox').getFullList({ filter: `application.bulk_run = "${run.id}" && parent != ""`, fields: 'channel,status,attempts', batch: 1000 });
    const deliveries: Record<string, number> = {};
    for (const r of rows) deliveries[r.channel as string] = (deliveries[r.channel as string] ?? 0) + 1;
    return {
      notices: waiting,
      deliveries,
      seconds,
      runs,
      clockMoves,
      serverCpuSeconds,
      gateway: {
        requests: gateway.requests,
        injected: gateway.injected,
        accepted: gateway.accepted.size,
        sentTwice: [...gateway.accepted.values()].filter((n) => n > 1).length,
        sms: gateway.byPath.get('/sms') ?? 0,
        webhook: gateway.byPath.get('/robot') ?? 0,
      },
      retried: rows.filter((r) => Number(r.attempts) > 1).length,
      left: rows.filter((r) => r.status === 'pending').length,
      dead: rows.filter((r) => r.status === 'failed').length,
      loadAverage,
    };
  } finally {
    await server.dispose();
    await gateway.stop();
  }
}

/** The figures as `npm run bench` prints them. */
export function formatOutbox(f: OutboxFigures): string {
  const s = (n: number, d = 1) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  const total = Object.values(f.deliveries).reduce((a, b) => a + b, 0);
  const ok = f.gateway.sentTwice === 0 && f.left === 0 && f.dead === 0;
  return [
    `Outbox through a local fake SMS gateway and group robot (${f.notices.toLocaleString('en-US')} 复核 reminder notices of the shipped dibao-review; every 50th gateway request answered 503):`,
    `  drained in ${s(f.seconds)} s   ${s(total / f.seconds, 0)} deliveries/s   server CPU ${s(f.serverCpuSeconds)} s (${s((f.serverCpuSeconds * 1000) / Math.max(1, total), 2)} ms/delivery)   ${f.runs} outbox runs (the cron makes one a minute), ${f.clockMoves} clock moves to retries`,
    `  deliveries ${total}: ${Object.entries(f.deliveries).map(([c, n]) => `${c} ${n}`).join(', ')}; gateway requests ${f.gateway.requests} (sms ${f.gateway.sms}, robot ${f.gateway.webhook} accepted), injected failures ${f.gateway.injected}, retried deliveries ${f.retried}`,
    `  left pending ${f.left}, dead-lettered ${f.dead}, accepted twice for one key ${f.gateway.sentTwice}: ${ok ? 'every notice delivered once' : 'FAILED'}; load average ${s(f.loadAverage)} on ${availableParallelism()} cores`,
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  benchOutbox(Number(process.argv[2] ?? 10_000)).then((f) => console.log(formatOutbox(f)), (e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
