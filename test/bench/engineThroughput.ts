/**
 * Engine core benchmark: the same 3-level approval in Tongban's `decide` and in bpmn-engine, both
 * driven stateless — restore from persisted JSON, apply one command, persist — as a server does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compileWorkflow, createWorkingCalendar, decide, startCase, type Actor, type CaseSnapshot, type WorkflowDefinition } from '../../engine/index.js';
import { signalBpmnInstance, startBpmnInstance } from './peers/bpmnThreeLevel.js';

/** Figures of one engine run. */
export interface EngineFigures {
  transitionsPerSecond: number;
  p50Micros: number;
  p99Micros: number;
  snapshotBytes: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

const officer = (id: string, level: 'village' | 'township' | 'county', path: string[]): Actor => ({ id, kind: 'officer', roles: [], orgUnit: { id: path[path.length - 1]!, level, path } });
const actors = [officer('v', 'village', ['c', 't', 'v']), officer('t', 'township', ['c', 't']), officer('c', 'county', ['c'])];

/** Runs `decide` on `instances` cases of the 3-level flow, 3 commands each. */
export function benchDecide(instances: number): EngineFigures {
  const definition = JSON.parse(readFileSync(path.resolve(import.meta.dirname, 'fixtures/threeLevel.workflow.json'), 'utf8')) as WorkflowDefinition;
  const wf = compileWorkflow(definition);
  const calendar = createWorkingCalendar();
  const data = { amount: 20000 };
  const now = new Date('2026-03-02T09:00:00+08:00');
  const samples: number[] = [];
  let bytes = 0;
  const t0 = performance.now();
  for (let i = 0; i < instances; i++) {
    let stored = JSON.stringify(startCase(wf, { applicant: `a${i}`, org: { village: 'v', township: 't', county: 'c' } }, now, { calendar, data }).snapshot);
    for (let step = 0; step < 3; step++) {
      const s = performance.now();
      const snapshot = JSON.parse(stored) as CaseSnapshot;
      const d = decide(wf, snapshot, actors[step]!, { action: 'approve', version: snapshot.version, commandId: `${i}-${step}` }, now, { calendar, data });
      if (!d.ok) throw new Error(d.rejection.message);
      stored = JSON.stringify(d.snapshot);
      samples.push((performance.now() - s) * 1000);
    }
    bytes = Math.max(bytes, stored.length);
  }
  const seconds = (performance.now() - t0) / 1000;
  samples.sort((a, b) => a - b);
  return { transitionsPerSecond: (instances * 3) / seconds, p50Micros: percentile(samples, 0.5), p99Micros: percentile(samples, 0.99), snapshotBytes: bytes };
}

/** Runs bpmn-engine on `instances` cases of the same flow, 3 signals each. */
export async function benchBpmnEngine(instances: number): Promise<EngineFigures> {
  const samples: number[] = [];
  let bytes = 0;
  const t0 = performance.now();
  for (let i = 0; i < instances; i++) {
    let state = await startBpmnInstance(20000);
    for (let step = 0; step < 3; step++) {
      const s = performance.now();
      const r = await signalBpmnInstance(state);
      state = r.state;
      samples.push((performance.now() - s) * 1000);
    }
    bytes = Math.max(bytes, state.length);
  }
  const seconds = (performance.now() - t0) / 1000;
  samples.sort((a, b) => a - b);
  return { transitionsPerSecond: (instances * 3) / seconds, p50Micros: percentile(samples, 0.5), p99Micros: percentile(samples, 0.99), snapshotBytes: bytes };
}
