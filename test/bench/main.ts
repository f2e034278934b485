/**
 * `npm run bench`: prints the engine core against bpmn-engine on the same 3-level flow (same run,
 * same process), end-to-end command latency and throughput through the real server, a bulk start
 * of 50,000 cases beside the same cases started one request at a time, and form rendering in
 * headless Chromium against the same forms in plain DOM. `npm run bench -- bulk`: the bulk start only;
 * `npm run bench -- queues`: the queues of a generated county of 1,000,000 cases (queues.ts), not in the full run.
 * Budgets are DESIGN.md §6 and the forms issue.
 */
import { benchBpmnEngine, benchDecide } from './engineThroughput.js';
import { benchBulkStart, formatBulkStart } from './bulkStart.js';
import { benchEndToEnd } from './endToEnd.js';
import { benchFormRender, formatFormRender } from './formRender.js';
import { benchFormValidation, formatFormValidation } from './formValidation.js';
import { benchQueues, formatQueues } from './queues.js';
import { countyAtScale } from './queuesData.js';

const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const verdict = (ok: boolean) => (ok ? 'meets budget' : 'MISSES budget');

async function main(): Promise<void> {
  console.log(`Tongban benchmark — node ${process.version}, ${new Date().toISOString()}\n`);
  if (process.argv.slice(2).includes('queues')) {
    // `TONGBAN_BENCH_CASES=20000 npm run bench -- queues`: a smaller county while developing.
    const cases = Number(process.env.TONGBAN_BENCH_CASES ?? countyAtScale.cases);
    console.log(formatQueues(await benchQueues({ ...countyAtScale, cases }, { log: (line) => console.log(line) })));
    return;
  }
  if (process.argv.slice(2).includes('bulk')) {
    console.log(formatBulkStart(await benchBulkStart()));
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

  const [one, sixteen] = await benchEndToEnd([
    { clients: 1, casesPerClient: 60 },
    { clients: 16, casesPerClient: 25 },
  ]);
  console.log('End to end through PocketBase (HTTP → auth → rules → validate → decide → commit), load generator on the same machine:');
  for (const f of [one!, sixteen!]) {
    console.log(`  ${String(f.clients).padStart(2)} client(s)  ${String(f.commands).padStart(5)} commands  ${fmt(f.commandsPerSecond, 0).padStart(6)} commands/s   p50 ${fmt(f.p50Ms, 2)} ms   p99 ${fmt(f.p99Ms, 2)} ms`);
  }
  console.log(`  1 client: p50 ≤ 5 ms ${verdict(one!.p50Ms <= 5)}, p99 ≤ 15 ms ${verdict(one!.p99Ms <= 15)}`);
  console.log(`  16 clients: ≥ 500 commands/s ${verdict(sixteen!.commandsPerSecond >= 500)}, p99 ≤ 100 ms ${verdict(sixteen!.p99Ms <= 100)}`);

  console.log(`\n${formatBulkStart(await benchBulkStart())}`);

  console.log(`\n${formatFormValidation(benchFormValidation())}`);
  console.log(`\n${formatFormRender(await benchFormRender())}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
