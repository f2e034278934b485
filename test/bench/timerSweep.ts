/**
 * Timer-sweep benchmark: the shipped 低保 复核 started in bulk for the 在保 households of a
 * township (20 villages), then the simulated clock moved to the day their 复核 reminder falls due
 * (3 working days before the 15-working-day deadline) — one due timer per case, all at once. The
 * sweep (`POST /api/tongban/admin/sweep`, the cron's work) fires them while 8 clients send commands
 * on other cases of the same server; their latencies are compared with the same load just before.
 * Afterwards every timer is checked: fired, and fired once (one `deadline.remind` event per case).
 * The server runs with `TONGBAN_NO_BACKGROUND=1`, so the minute cron does not sweep beside the bench.
 */
import path from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import { cpuSeconds } from './bulkStart.js';
import { startCommandLoad, type CommandPhase } from './commandLoad.js';
import { startPocketBase } from '../support/pocketbase.js';
import { addVillages, bulkStartReviews, type Home } from '../support/reviewHouseholds.js';
import { insertInCareHouseholds } from '../support/inCareHouseholdsSql.js';

/** What the sweep benchmark measured. */
export interface SweepFigures {
  timers: number;
  seconds: number;
  sweepRequests: number;
  fired: number;
  serverCpuSeconds: number;
  /** Events `deadline.remind` of the cases, and of them distinct cases. */
  remindEvents: number;
  remindCases: number;
  /** Due timers still pending afterwards (missed). */
  leftPending: number;
  commands: { clients: number; before: CommandPhase; during: CommandPhase };
  loadAverage: number;
}

const china = (local: string) => new Date(`${local}+08:00`);

/** Runs the benchmark: `timers` cases with one reminder due each. */
export async function benchSweep(timers = 10_000, clients = 8): Promise<SweepFigures> {
  const server = await startPocketBase({ simulatedClock: true, env: { TONGBAN_NO_BACKGROUND: '1', TONGBAN_BULK_REQUEST_SECONDS: '60' } });
  try {
    const su = await server.superuser();
    // The households first (by SQL, one transaction: the rows the register import writes), then the clock.
    const villages = await addVillages(su, '320685102', 20, (i) => `曲塘镇第${i + 1}村`);
    insertInCareHouseholds(server, villages, Math.ceil(timers / villages.length));
    const commandVillage = await su.collection('org_units').getFirstListItem<Home>('code = "320685004001"');
    insertInCareHouseholds(server, [commandVillage], clients * 8);
    await server.setClock(china('2026-03-02T09:00:00'));
    const { run } = await bulkStartReviews(await server.login('township-a'));
    // The first sweep opens the shipped schedules' periods and starts their cases: done before the clock moves.
    await su.send('/api/tongban/admin/sweep', { method: 'POST' });

    // The day the reminders fall due (the earliest overdue moment is later: no overdue timer is due).
    const reminders = await su.collection('timers').getList(1, 1, { filter: `application.bulk_run = "${run.id}" && key ~ "remind:"`, sort: '-due_at' });
    const overdue = await su.collection('timers').getList(1, 1, { filter: `application.bulk_run = "${run.id}" && key ~ "overdue:"`, sort: 'due_at' });
    const dueAt = new Date(new Date(String(reminders.items[0]!.due_at).replace(' ', 'T')).getTime() + 60_000);
    if (overdue.items[0] && new Date(String(overdue.items[0].due_at).replace(' ', 'T')) <= dueAt) throw new Error('the overdue timers would fall due with the reminders');
    await server.setClock(dueAt);
    // The bulk run's reminders (the cases the shipped schedules started at the first sweep have theirs too; all are fired, these are counted).
    const due = (await su.collection('timers').getList(1, 1, { filter: `application.bulk_run = "${run.id}" && status = "pending" && due_at <= "${dueAt.toISOString().replace('T', ' ')}"` })).totalItems;

    // Cases for the commands, started now (their timers are not due): 孙庄社区's households.
    const townshipB = await server.login('township-b');
    const commandRun = clients > 0 ? (await bulkStartReviews(townshipB)).run : undefined;
    const commandCases = commandRun ? (await su.collection('applications').getFullList({ filter: `bulk_run = "${commandRun.id}"`, fields: 'id,version' })).map((r) => ({ id: r.id, version: Number(r.version) })) : [];

    const load = clients > 0 ? startCommandLoad(townshipB, commandCases, clients) : undefined;
    const pid = server.booted.server.child.pid;
    if (load) {
      // Warm-up: the first commands of each pooled VM compile the process and its form validator.
      load.phase('warm-up');
      await new Promise((r) => setTimeout(r, 10_000));
      load.phase('before');
      await new Promise((r) => setTimeout(r, 10_000));
      load.phase('during');
    }
    const cpu0 = cpuSeconds(pid);
    const t0 = performance.now();
    let fired = 0;
    let sweepRequests = 0;
    for (;;) {
      sweepRequests++;
      const answer = await su.send<{ fired: number }>('/api/tongban/admin/sweep', { method: 'POST' });
      fired += answer.fired;
      if (answer.fired === 0) break;
    }
    const seconds = (performance.now() - t0) / 1000;
    const serverCpuSeconds = cpuSeconds(pid) - cpu0;
    const loadAverage = loadavg()[0]!;
    const idle = { commands: 0, p50Ms: Number.NaN, p99Ms: Number.NaN, maxMs: Number.NaN, errors: 0 };
    const phases = load ? await load.stop() : { before: idle, during: idle };

    const events = await su.collection('events').getFullList({ filter: `action = "deadline.remind" && application.bulk_run = "${run.id}"`, fields: 'application', batch: 1000 });
    const leftPending = (await su.collection('timers').getList(1, 1, { filter: `status = "pending" && due_at <= "${dueAt.toISOString().replace('T', ' ')}"` })).totalItems;
    return {
      timers: due,
      seconds,
      sweepRequests,
      fired,
      serverCpuSeconds,
      remindEvents: events.length,
      remindCases: new Set(events.map((e) => e.application as string)).size,
      leftPending,
      commands: { clients, before: phases.before!, during: phases.during! },
      loadAverage,
    };
  } finally {
    await server.dispose();
  }
}

/** The figures as `npm run bench` prints them. */
export function formatSweep(f: SweepFigures): string {
  const s = (n: number, d = 1) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  const c = f.commands;
  const once = f.fired >= f.timers && f.remindEvents === f.timers && f.remindCases === f.timers && f.leftPending === 0;
  return [
    `Timer sweep through PocketBase (the shipped dibao-review 复核 of ${f.timers.toLocaleString('en-US')} households, each with its reminder due at once; eight timers per transaction):`,
    `  sweep   ${s(f.seconds)} s   ${s(f.fired / f.seconds, 0)} timers/s   server CPU ${s(f.serverCpuSeconds)} s (${s((f.serverCpuSeconds * 1000) / Math.max(1, f.fired), 2)} ms per fired timer${c.clients > 0 ? ', with the commands beside it' : ` → 10,000 timers ≈ ${s((f.serverCpuSeconds * 10_000) / Math.max(1, f.fired), 0)} s of one core`})   ${f.sweepRequests} sweep request(s)`,
    `  timers: ${f.timers} due, ${f.fired} fired (with the schedules' cases), ${f.remindEvents} reminder events on ${f.remindCases} cases, ${f.leftPending} left pending: ${once ? 'every timer fired once' : 'FAILED (a timer missed or fired twice)'}`,
    c.clients === 0 ? '  (no commands beside the sweep: its own CPU)' : `  commands (${c.clients} clients, 复核 暂存):   before the sweep ${c.before.commands} p50 ${s(c.before.p50Ms, 2)} ms p99 ${s(c.before.p99Ms, 2)} ms   during ${c.during.commands} p50 ${s(c.during.p50Ms, 2)} ms p99 ${s(c.during.p99Ms, 2)} ms max ${s(c.during.maxMs, 0)} ms (${s(c.during.p99Ms / c.before.p99Ms)}× before)   errors ${c.before.errors + c.during.errors}`,
    `  load average ${s(f.loadAverage)} on ${availableParallelism()} cores`,
    // The schedules' cases' timers fall due with the reminders: the verdict is on 10,000 fired timers at this run's rate.
    f.timers >= 10_000 ? `  10,000 timers ≤ 60 s: ${s((f.seconds * 10_000) / Math.max(1, f.fired))} s per 10,000 fired (${f.fired.toLocaleString('en-US')} in ${s(f.seconds)} s): ${(f.seconds * 10_000) / Math.max(1, f.fired) <= 60 ? 'meets budget' : `MISSES budget (${s((f.seconds * 10_000) / Math.max(1, f.fired) / 60, 2)}×)`}` : `  (${f.timers} timers: no budget verdict below 10,000)`,
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  benchSweep(Number(process.argv[2] ?? 10_000), Number(process.argv[3] ?? 8)).then((f) => console.log(formatSweep(f)), (e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
