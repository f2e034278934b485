/**
 * Realtime benchmark: 200 officers across the units of a county (the county, two townships, their
 * villages) each hold PocketBase's realtime stream (`GET /api/realtime`, then the subscriptions
 * `tongban/queue` and `tongban/inbox` as the web app's queue and inbox make them —
 * server/adapter/queueSignals.ts, inboxSignals.ts — or, to compare, `tasks/*` and `notifications/*`
 * as they made them before: one rule query per subscriber for every row written), authenticated as
 * themselves. (The starts queue their notices in the outbox, which this bench does not run: the
 * inbox's messages are not part of the figures.) The townships' officers then start the shipped 复核 (dibao-review) of their households
 * one request each — every start opens the township's task. Every new task must reach exactly the
 * officers who may see it (those whose own REST list shows it, asked afterwards) and nobody else; the
 * latency from sending the command to each subscriber's receipt is measured. A receipt by an officer
 * who may not see the task, or one outside the case's division chain (village, township, county), is
 * a leak. Then each task is claimed (a change written by SQL), and the receipts of that are counted.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import type PocketBase from 'pocketbase';
import { percentile } from './commandLoad.js';
import { startPocketBase } from '../support/pocketbase.js';
import { addVillages, seedInCareHouseholds, type Home } from '../support/reviewHouseholds.js';

/** What the realtime benchmark measured. */
export interface RealtimeFigures {
  /** What the queue subscribed to: the queue signal, or PocketBase's record subscription of the tasks. */
  queueTopic: QueueTopic;
  subscribers: number;
  units: number;
  commands: number;
  /** Claims (written by SQL): receipts expected by the officers who see the task, and received. */
  claims: { expected: number; received: number };
  tasks: number;
  expected: number;
  received: number;
  missed: number;
  extra: number;
  leaks: number;
  outsideChain: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  histogram: [string, number][];
  /** Receipt minus the command's answer at its client (negative: the event came first). */
  afterAnswer: { p50Ms: number; p99Ms: number };
  loadAverage: number;
}

/** The queue's subscription: the server's signal (what the web app makes), or the tasks' records (before). */
export type QueueTopic = 'tongban/queue' | 'tasks/*';

interface Officer {
  id: string;
  unit: string;
  token: string;
  /** Receipts per case (the task's application) and action: times (performance.now()). */
  receipts: Map<string, number[]>;
  notices: { recipient: string }[];
  close: () => void;
}

/** Opens the realtime stream as PocketBase's SDK does, then subscribes with the officer's token. */
async function subscribe(url: string, officer: Omit<Officer, 'close'>, topics: string[]): Promise<() => void> {
  const abort = new AbortController();
  const res = await fetch(`${url}/api/realtime`, { signal: abort.signal, headers: { Accept: 'text/event-stream' } });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let clientId: ((id: string) => void) | undefined;
  const connected = new Promise<string>((resolve) => (clientId = resolve));
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const at = performance.now();
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = '';
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) event = line.slice(6).trim();
            else if (line.startsWith('data:')) data += line.slice(5);
          }
          if (event === 'PB_CONNECT') clientId!((JSON.parse(data) as { clientId: string }).clientId);
          else if (event === 'tongban/queue' || event.startsWith('tasks')) {
            const m = JSON.parse(data) as { action: string; application?: string; record?: { application: string } };
            const id = `${m.action}:${m.application ?? m.record?.application ?? ''}`;
            (officer.receipts.get(id) ?? officer.receipts.set(id, []).get(id)!).push(at);
          } else if (event.startsWith('notifications')) officer.notices.push((JSON.parse(data) as { record: { recipient: string } }).record);
        }
      }
    } catch {
      // closed
    }
  })();
  const id = await connected;
  const sub = await fetch(`${url}/api/realtime`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: officer.token }, body: JSON.stringify({ clientId: id, subscriptions: topics }) });
  if (sub.status !== 204) throw new Error(`subscription refused: ${sub.status} ${await sub.text()}`);
  return () => abort.abort();
}

/** Runs the benchmark: `subscribers` officers, `perVillage` households in each of 10 villages of 曲塘镇 (and 10 in 孙庄社区) whose 复核 is started. */
export async function benchRealtime(subscribers = 200, perVillage = 10, clients = 4, queueTopic: QueueTopic = 'tongban/queue'): Promise<RealtimeFigures> {
  const server = await startPocketBase({ env: { TONGBAN_NO_BACKGROUND: '1' } });
  const officers: Officer[] = [];
  try {
    const su = await server.superuser();
    const villagesA = await addVillages(su, '320685102', 10, (i) => `曲塘镇第${i + 1}村`);
    const villageB = await su.collection('org_units').getFirstListItem<Home>('code = "320685004001"');
    await seedInCareHouseholds(su, villagesA, perVillage);
    await seedInCareHouseholds(su, [villageB], 10);
    const townshipA = await server.login('township-a');
    const townshipB = await server.login('township-b');

    const households = await su.collection('subjects').getFullList({ filter: `facts.dibao.status = "在保" && (township = "${villagesA[0]!.township}" || township = "${villageB.township}")`, fields: 'id,village,township,county' });
    const open = (h: (typeof households)[number]) => (h.township === villageB.township ? townshipB : townshipA).send<{ case: { id: string } }>('/api/tongban/cases', { method: 'POST', body: { workflow: 'dibao-review', commandId: randomUUID(), subject: h.id } });
    // Warm-up, before anyone subscribes: the pooled VMs compile the process and its form validator on their first start.
    const warm = households.splice(0, Math.min(households.length - 1, clients * 4));
    await Promise.all(Array.from({ length: clients }, async (_, c) => {
      for (let i = c; i < warm.length; i += clients) await open(warm[i]!);
    }));

    // 200 officers: in the county, both townships and their villages (the villages get most).
    const units = [villagesA[0]!.county, villagesA[0]!.township, villageB.township, ...villagesA.map((v) => v.id), villageB.id];
    const created: { id: string; unit: string }[] = [];
    for (let i = 0; i < subscribers; i++) {
      const unit = units[i % units.length]!;
      const u = await su.collection('users').create({ email: `rt${i}@bench.tongban`, password: 'bench-password-1', passwordConfirm: 'bench-password-1', name: `官员${i}`, role: 'officer', org_unit: unit, duties: ['dibao_officer'], verified: true });
      created.push({ id: u.id, unit });
    }
    const clientsOf = new Map<string, PocketBase>();
    for (const c of created) {
      const pb: PocketBase = await su.collection('users').impersonate(c.id, 3600);
      clientsOf.set(c.id, pb);
      const officer = { id: c.id, unit: c.unit, token: pb.authStore.token, receipts: new Map<string, number[]>(), notices: [] as { recipient: string }[] };
      officers.push({ ...officer, close: await subscribe(server.url, officer, queueTopic === 'tasks/*' ? ['tasks/*', 'notifications/*'] : ['tongban/queue', 'tongban/inbox']) });
    }
    await new Promise((r) => setTimeout(r, 500));

    // The commands: each township's officer starts the 复核 of each of its households, one request each
    // (the start opens the township's task); `clients` requests at a time. Kept: when each was sent.
    const sent = new Map<string, number>();
    const answered = new Map<string, number>();
    const chainOf = new Map<string, Set<string>>();
    let next = 0;
    await Promise.all(Array.from({ length: clients }, async () => {
      for (let i = next++; i < households.length; i = next++) {
        const h = households[i]!;
        const t0 = performance.now();
        const answer = await open(h);
        sent.set(`create:${answer.case.id}`, t0);
        answered.set(`create:${answer.case.id}`, performance.now());
        chainOf.set(answer.case.id, new Set([h.village as string, h.township as string, h.county as string]));
      }
    }));
    // Then each township's officer claims each task: a task change written by SQL, not by a record save.
    const claims = new Map<string, number>();
    for (const caseId of chainOf.keys()) {
      const task = await su.collection('tasks').getFirstListItem(`application = "${caseId}" && status = "open"`);
      const t0 = performance.now();
      await (task.assignee_unit === villageB.township ? townshipB : townshipA).send(`/api/tongban/tasks/${task.id}/claim`, { method: 'POST' });
      claims.set(`update:${caseId}`, t0);
    }
    await new Promise((r) => setTimeout(r, 2_000));

    // Who may see each case's task: the officer's own REST list, under the rules in force.
    const visibleTo = new Map<string, Set<string>>();
    for (const o of officers) {
      const seen = await clientsOf.get(o.id)!.collection('tasks').getFullList({ filter: `application.workflow_key = "dibao-review" && application.bulk_run = ""`, fields: 'application' });
      visibleTo.set(o.id, new Set(seen.map((t) => t.application as string)));
    }
    let claimsExpected = 0;
    let claimsReceived = 0;
    for (const o of officers) for (const key of claims.keys()) if (visibleTo.get(o.id)!.has(key.slice(7))) {
      claimsExpected++;
      if ((o.receipts.get(key) ?? []).length > 0) claimsReceived++;
    }
    const tasks = { length: chainOf.size };
    const latencies: number[] = [];
    const afterAnswer: number[] = [];
    let expected = 0;
    let received = 0;
    let missed = 0;
    let extra = 0;
    let leaks = 0;
    let outsideChain = 0;
    for (const o of officers) {
      const visible = visibleTo.get(o.id)!;
      for (const [key, t0] of sent) {
        const caseId = key.slice(7);
        const got = o.receipts.get(key) ?? [];
        received += got.length;
        if (!visible.has(caseId)) {
          if (got.length > 0) leaks++;
          if (got.length > 0 && !chainOf.get(caseId)!.has(o.unit)) outsideChain++;
          continue;
        }
        expected++;
        if (got.length === 0) missed++;
        if (got.length > 1) extra += got.length - 1;
        if (got.length > 0) latencies.push(got[0]! - t0);
        if (got.length > 0) afterAnswer.push(got[0]! - answered.get(key)!);
      }
      for (const n of o.notices) if (n.recipient !== o.id) leaks++;
    }
    latencies.sort((a, b) => a - b);
    afterAnswer.sort((a, b) => a - b);
    const bounds = [10, 50, 100, 250, 500, 1000, Infinity];
    const histogram: [string, number][] = bounds.map((b, i) => [`${i === 0 ? 0 : bounds[i - 1]}–${b === Infinity ? '…' : b} ms`, latencies.filter((l) => l >= (i === 0 ? 0 : bounds[i - 1]!) && l < b).length]);
    return {
      queueTopic,
      subscribers: officers.length,
      units: units.length,
      commands: sent.size,
      claims: { expected: claimsExpected, received: claimsReceived },
      tasks: tasks.length,
      expected,
      received,
      missed,
      extra,
      leaks,
      outsideChain,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: latencies.at(-1) ?? Number.NaN,
      histogram,
      afterAnswer: { p50Ms: percentile(afterAnswer, 50), p99Ms: percentile(afterAnswer, 99) },
      loadAverage: loadavg()[0]!,
    };
  } finally {
    for (const o of officers) o.close();
    await server.dispose();
  }
}

/** The figures as `npm run bench` prints them. */
export function formatRealtime(f: RealtimeFigures): string {
  const s = (n: number, d = 1) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  const ok = f.leaks === 0 && f.missed === 0 && f.extra === 0;
  return [
    `Realtime through PocketBase (${f.subscribers} officers in ${f.units} units subscribed to ${f.queueTopic === 'tasks/*' ? 'tasks/* and notifications/*, as the queue and inbox did before their signals' : 'tongban/queue and tongban/inbox'}; ${f.commands} commands starting a 复核, each opening a task):`,
    `  deliveries: ${f.expected} expected, ${f.received} received, ${f.missed} missed, ${f.extra} extra; leaks ${f.leaks} (of them outside the case's village/township/county ${f.outsideChain}): ${ok ? 'each change reached exactly the officers who may see it' : 'FAILED'}`,
    `  latency command sent → received: p50 ${s(f.p50Ms, 1)} ms   p99 ${s(f.p99Ms, 1)} ms   max ${s(f.maxMs, 0)} ms   (${f.histogram.map(([b, n]) => `${b}: ${n}`).join(', ')})`,
    `  receipt after the command's own answer (the fan-out beyond the command): p50 ${s(f.afterAnswer.p50Ms, 1)} ms   p99 ${s(f.afterAnswer.p99Ms, 1)} ms`,
    `  task claims (written by SQL, no record save): ${f.claims.received} of ${f.claims.expected} expected receipts arrived${f.claims.received < f.claims.expected ? ' — a claim does not reach the other officers\' queues live' : ''}`,
    `  p99 ≤ 1 s: ${f.p99Ms <= 1000 ? 'meets budget' : `MISSES budget (${s(f.p99Ms / 1000, 2)}×)`}; load average ${s(f.loadAverage)} on ${availableParallelism()} cores`,
  ].join('\n');
}

/**
 * The queue signal beside the tasks' record subscription it replaced, one after the other on fresh
 * servers: both runs' figures, then the signal's latency as a share of the records'.
 */
export async function benchRealtimeSideBySide(subscribers = 200, perVillage = 10): Promise<string> {
  const before = await benchRealtime(subscribers, perVillage, 4, 'tasks/*');
  const after = await benchRealtime(subscribers, perVillage, 4, 'tongban/queue');
  const r = (a: number, b: number) => (a / b).toFixed(2);
  return [
    formatRealtime(before),
    formatRealtime(after),
    `Queue signal against the tasks' records (same commands, same subscribers): p50 ${r(after.p50Ms, before.p50Ms)}×, p99 ${r(after.p99Ms, before.p99Ms)}× the latency`,
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const topic: QueueTopic = process.argv[4] === 'tasks' ? 'tasks/*' : 'tongban/queue';
  benchRealtime(Number(process.argv[2] ?? 200), Number(process.argv[3] ?? 10), 4, topic).then((f) => console.log(formatRealtime(f)), (e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
