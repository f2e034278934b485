/**
 * `npm run bench`: prints the engine core against bpmn-engine on the same 3-level flow (same run,
 * same process), end-to-end command latency and throughput through the real server, a bulk start
 * of 50,000 cases beside the same cases started one request at a time, and form rendering in
 * headless Chromium against the same forms in plain DOM, the background work (timer sweep, outbox)
 * and realtime, and a county's year. `npm run bench -- <part>` runs one part: `bulk`, `sweep`, `outbox`,
 * `realtime`, `year` (`--scale 0.1` for a tenth), `commands` (the end-to-end commands and
 * their floor), `queues` (a generated county of 1,000,000 cases, queues.ts; not in the full run).
 * Budgets are DESIGN.md §6, the forms issue and issue 14.
 */
import { benchBpmnEngine, benchDecide } from './engineThroughput.js';
import { benchBulkStart, formatBulkStart } from './bulkStart.js';
import { benchSweep, formatSweep } from './timerSweep.js';
import { benchOutbox, formatOutbox } from './outboxDrain.js';
import { benchRealtimeSideBySide } from './realtimeFanout.js';
import { benchYear, formatYear, scaleArgument } from './countyYear.js';
import { benchEndToEnd, type EndToEndFigures } from './endToEnd.js';
import { benchFormRender, formatFormRender } from './formRender.js';
import { benchFormValidation, formatFormValidation } from './formValidation.js';
import { benchQueues, formatQueues } from './queues.js';
import { countyAtScale } from './queuesData.js';

const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const verdict = (ok: boolean) => (ok ? 'meets budget' : 'MISSES budget');

/** The end-to-end figures beside their budgets (DESIGN §6) and the floor of the same server. */
function formatEndToEnd(f: EndToEndFigures): string {
  const line = (label: string, x: EndToEndFigures['floor']['noop']) => `  ${label.padEnd(28)} ${String(x.clients).padStart(2)} client(s) ${String(x.commands).padStart(6)} requests ${fmt(x.commandsPerSecond, 0).padStart(6)}/s   p50 ${fmt(x.p50Ms, 2)} ms   p99 ${fmt(x.p99Ms, 2)} ms`;
  const out = ['End to end through PocketBase (HTTP → auth → rules → validate → decide → commit), load generator on the same machine:'];
  for (const x of f.threeLevel) out.push(line('3-level bench flow', x));
  for (const x of f.dibaoAccept) out.push(line('低保 受理 (form, document)', x));
  out.push(line('floor: authenticated no-op', f.floor.noop), line('floor: bare write transaction', f.floor.write));
  const one = f.threeLevel.find((x) => x.clients === 1);
  const sixteen = f.threeLevel.find((x) => x.clients === 16);
  if (one) out.push(`  1 client: p50 ≤ 5 ms ${verdict(one.p50Ms <= 5)}, p99 ≤ 15 ms ${verdict(one.p99Ms <= 15)}`);
  for (const x of [sixteen, ...f.dibaoAccept]) {
    if (!x) continue;
    const what = x === sixteen ? '3-level' : '低保 受理';
    out.push(`  ${what}, ${x.clients} clients: ≥ 500 commands/s ${verdict(x.commandsPerSecond >= 500)} (${fmt(500 / x.commandsPerSecond, 2)}× short), p99 ≤ 100 ms ${verdict(x.p99Ms <= 100)}; ${fmt(x.commandsPerSecond / f.floor.noop.commandsPerSecond * 100, 0)} % of the no-op floor, ${fmt(x.commandsPerSecond / f.floor.write.commandsPerSecond * 100, 0)} % of the write floor`);
  }
  // Sorted, so each hold comes before its pieces.
  for (const [label, h] of Object.entries(f.lockHold).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    // `<label>/<piece>`: a piece of the hold above it (writeLockTiming.ts), which has no budget of its own.
    if (label.includes('/')) out.push(`    of which ${label.slice(label.indexOf('/') + 1)}: mean ${fmt(h.meanMs, 2)} ms   p50 ${fmt(h.p50Ms, 2)} ms   p99 ${fmt(h.p99Ms, 2)} ms over ${h.count}`);
    else out.push(`  write lock held per ${label} (16 clients, 3-level): mean ${fmt(h.meanMs, 2)} ms   p50 ${fmt(h.p50Ms, 2)} ms   p99 ${fmt(h.p99Ms, 2)} ms   max ${fmt(h.maxMs, 2)} ms over ${h.count} (budget well under 2 ms: ${verdict(h.meanMs < 2)})`);
  }
  return out.join('\n');
}

async function main(): Promise<void> {
  console.log(`Tongban benchmark — node ${process.version}, ${new Date().toISOString()}\n`);
  const parts = new Map<string, () => Promise<string>>([
    ['bulk', async () => formatBulkStart(await benchBulkStart())],
    ['sweep', async () => formatSweep(await benchSweep())],
    ['outbox', async () => formatOutbox(await benchOutbox())],
    ['realtime', () => benchRealtimeSideBySide()],
    // `npm run bench -- year --scale 0.1`: a tenth of the county's year.
    ['year', async () => formatYear(await benchYear({ scale: scaleArgument(process.argv.slice(2)), progress: true }))],
    ['commands', async () => formatEndToEnd(await benchEndToEnd({ threeLevel: [{ clients: 1, casesPerClient: 60 }, { clients: 16, casesPerClient: 25 }], dibaoClients: [16, 32], dibaoCases: 640, floorRequestsPerClient: 200 }))],
    // `TONGBAN_BENCH_CASES=20000 npm run bench -- queues`: a smaller county while developing.
    ['queues', async () => formatQueues(await benchQueues({ ...countyAtScale, cases: Number(process.env.TONGBAN_BENCH_CASES ?? countyAtScale.cases) }, { log: (line) => console.log(line) }))],
  ]);
  const args = process.argv.slice(2);
  const asked = args.filter((a, i) => !a.startsWith('-') && args[i - 1] !== '--scale');
  if (asked.length > 0) {
    for (const part of asked) {
      const run = parts.get(part);
      if (!run) throw new Error(`no bench part “${part}”; parts: ${[...parts.keys()].join(', ')}`);
      console.log(`${await run()}\n`);
    }
    return;
  }

  benchDecide(200); // warm-up
  await benchBpmnEngine(5);
  const ours = benchDecide(3000);
  const peer = await benchBpmnEngine(60);
  const ratio = ours.transitionsPerSecond / peer.transitionsPerSecond;
  console.log('Engine core, 3-level flow, stateless (restore JSON → one command → persist JSON):');
  console.log(`  tongban decide   ${fmt(ours.transitionsPerSecond, 0).padStart(9)} transitions/s   p50 ${fmt(ours.p50Micros)} µs   p99 ${fmt(ours.p99Micros)} µs   snapshot ${ours.snapshotBytes} B`);
  console.log(`  bpmn-engine      ${fmt(peer.transitionsPerSecond, 0).padStart(9)} transitions/s   p50 ${fmt(peer.p50Micros)} µs   p99 ${fmt(peer.p99Micros)} µs   state ${peer.snapshotBytes} B`);
  console.log(`  ratio            ${fmt(ratio)}× (budget ≥ 50×: ${verdict(ratio >= 50)}); snapshot ≤ 1 KB: ${verdict(ours.snapshotBytes <= 1024)}\n`);

  console.log(formatEndToEnd(await benchEndToEnd({ threeLevel: [{ clients: 1, casesPerClient: 60 }, { clients: 16, casesPerClient: 25 }], dibaoClients: [16, 32], dibaoCases: 640, floorRequestsPerClient: 200 })));

  console.log(`\n${formatBulkStart(await benchBulkStart())}`);
  console.log(`\n${formatSweep(await benchSweep())}`);
  console.log(`\n${formatOutbox(await benchOutbox())}`);
  console.log(`\n${await benchRealtimeSideBySide()}`);
  // The whole run replays a tenth of a county's year unless `--scale` says otherwise.
  console.log(`\n${formatYear(await benchYear({ scale: process.argv.includes('--scale') ? scaleArgument(process.argv.slice(2)) : 0.1 }))}`);

  console.log(`\n${formatFormValidation(benchFormValidation())}`);
  console.log(`\n${formatFormRender(await benchFormRender())}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
