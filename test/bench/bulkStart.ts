/**
 * Bulk-start benchmark: the shipped 低保复核 process (`dibao-review`) started for 50,000 在保
 * households of a township (20 villages) through `POST /api/tongban/bulk-starts` with the selector
 * its README gives (and the resume route until done), beside the peer — the same process started one
 * request at a time through `POST /api/tongban/cases`, 16 clients, measured on a sample and
 * extrapolated to 50,000. Afterwards a sample of the bulk-started cases is verified (hash chain and
 * replay) and the rows are counted.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { startPocketBase } from '../support/pocketbase.js';
import { addVillages, bulkStartReviews, type Home } from '../support/reviewHouseholds.js';
import { insertInCareHouseholds } from '../support/inCareHouseholdsSql.js';

/** What the bulk-start benchmark measured. */
export interface BulkStartFigures {
  cases: number;
  villages: number;
  seconds: number;
  casesPerSecond: number;
  msPerCase: number;
  requests: number;
  started: number;
  failed: number;
  verified: { sample: number; ok: number };
  rows: { cases: number; tasks: number; subjects: number };
  /** CPU seconds the server process used (user + system), load-independent. */
  serverCpuSeconds: number;
  peer: { sample: number; clients: number; casesPerSecond: number; extrapolatedSeconds: number; serverCpuMsPerCase: number };
  /** The machine's 1-minute load average when the bulk run ended. */
  loadAverage: number;
}

/** The shipped process the bench starts: the yearly 低保 复核 (workflows/dibao-review). */
export const reviewProcess = 'dibao-review';

/** CPU seconds (user + system) a process has used so far, from /proc. */
export function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** Runs the benchmark against a fresh server. */
export async function benchBulkStart(cases = 50_000, villageCount = 20, peerSample = 800): Promise<BulkStartFigures> {
  // No minute cron beside the bench: the shipped schedules' own runs would start cases for the same households.
  const server = await startPocketBase({ demoCases: false, env: { TONGBAN_NO_BACKGROUND: '1', TONGBAN_BULK_REQUEST_SECONDS: '30' } });
  try {
    const su = await server.superuser();
    // Township A (曲塘镇) with its villages; township B's households for the peer.
    const villages = await addVillages(su, '320685102', villageCount, (i) => `曲塘镇第${i + 1}村`);
    const township = { id: villages[0]!.township };
    const peerVillage = await su.collection('org_units').getFirstListItem<Home>('code = "320685004001"');
    insertInCareHouseholds(server, villages, Math.ceil(cases / villageCount));
    insertInCareHouseholds(server, [peerVillage], peerSample);

    // The peer: one request per case, 16 clients, on township B's households.
    const peerOfficer = await server.login('township-b');
    const peerSubjects = (await su.collection('subjects').getFullList({ filter: `village = "${peerVillage.id}"`, fields: 'id' })).map((s) => s.id);
    const clients = 16;
    let next = 0;
    const pid = server.booted.server.child.pid;
    const peerCpu0 = cpuSeconds(pid);
    const t0 = performance.now();
    await Promise.all(Array.from({ length: clients }, async () => {
      for (let i = next++; i < peerSubjects.length; i = next++) {
        await peerOfficer.send('/api/tongban/cases', { method: 'POST', body: { workflow: reviewProcess, commandId: randomUUID(), subject: peerSubjects[i] } });
      }
    }));
    const peerSeconds = (performance.now() - t0) / 1000;
    const peerRate = peerSubjects.length / peerSeconds;
    const peerCpuMsPerCase = ((cpuSeconds(pid) - peerCpu0) * 1000) / peerSubjects.length;

    // The bulk route: every household of township A.
    const officer = await server.login('township-a');
    const cpu0 = cpuSeconds(pid);
    const b0 = performance.now();
    const { run: view, requests } = await bulkStartReviews(officer);
    const seconds = (performance.now() - b0) / 1000;
    const serverCpuSeconds = cpuSeconds(pid) - cpu0;
    const loadAverage = loadavg()[0]!;

    const rowsOf = async (collection: string, filter: string) => (await su.collection(collection).getList(1, 1, { filter })).totalItems;
    const bulkCases = await rowsOf('applications', `bulk_run = "${view.id}"`);
    const tasks = await rowsOf('tasks', `application.bulk_run = "${view.id}"`);
    const subjects = await rowsOf('subjects', `township = "${township.id}"`);
    // A sample of the started cases, spread over the run, verified (chain and replay).
    const sample = 200;
    let ok = 0;
    for (let i = 0; i < sample; i++) {
      const page = await su.collection('applications').getList(Math.floor((i * bulkCases) / sample) + 1, 1, { filter: `bulk_run = "${view.id}"`, sort: 'case_no', fields: 'id', skipTotal: true });
      const verdict = await su.send<{ ok: boolean }>(`/api/tongban/cases/${page.items[0]!.id}/verify`, {});
      if (verdict.ok) ok++;
    }
    return {
      cases: view.total,
      villages: villageCount,
      seconds,
      casesPerSecond: view.total / seconds,
      msPerCase: (seconds * 1000) / view.total,
      requests,
      started: view.started,
      failed: view.failed,
      verified: { sample, ok },
      rows: { cases: bulkCases, tasks, subjects },
      serverCpuSeconds,
      loadAverage,
      peer: { sample: peerSubjects.length, clients, casesPerSecond: peerRate, extrapolatedSeconds: cases / peerRate, serverCpuMsPerCase: peerCpuMsPerCase },
    };
  } finally {
    await server.dispose();
  }
}

/** The figures as `npm run bench` prints them. */
export function formatBulkStart(f: BulkStartFigures): string {
  const cpus = availableParallelism();
  const s = (n: number, d = 1) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  return [
    `Bulk start through PocketBase (the shipped ${reviewProcess} 复核 for ${f.cases.toLocaleString('en-US')} 在保 households of one township, ${f.villages} villages; chunks of 500, one transaction each):`,
    `  POST /api/tongban/bulk-starts (+ ${f.requests - 1} resume requests)   ${s(f.seconds)} s   ${s(f.casesPerSecond, 0)} cases/s   ${s(f.msPerCase, 2)} ms/case   server CPU ${s(f.serverCpuSeconds)} s (${s((f.serverCpuSeconds * 1000) / f.cases, 2)} ms/case)   started ${f.started}, failed ${f.failed}`,
    `  peer, one POST /api/tongban/cases per case, ${f.peer.clients} clients, sample of ${f.peer.sample}: ${s(f.peer.casesPerSecond, 0)} cases/s, server CPU ${s(f.peer.serverCpuMsPerCase, 2)} ms/case → ${f.cases.toLocaleString('en-US')} in ≈ ${s(f.cases / f.peer.casesPerSecond, 0)} s (extrapolated)`,
    `  ratio ${s(f.cases / f.peer.casesPerSecond / f.seconds)}× the peer in time, ${s(f.peer.serverCpuMsPerCase / ((f.serverCpuSeconds * 1000) / f.cases))}× in server CPU; rows: ${f.rows.cases} cases, ${f.rows.tasks} tasks; verify (chain + replay) ${f.verified.ok}/${f.verified.sample} sampled cases; load average ${s(f.loadAverage)} on ${cpus} cores`,
    f.cases >= 50_000 ? `  50,000 cases ≤ 60 s: ${f.seconds <= 60 ? 'meets budget' : `MISSES budget (${s(f.seconds / 60, 2)}×)`}` : `  (${f.cases} cases: no budget verdict below 50,000)`,
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const n = Number(process.argv[2] ?? 50_000);
  benchBulkStart(n, 20, Number(process.argv[3] ?? 800)).then((f) => console.log(formatBulkStart(f)), (e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
