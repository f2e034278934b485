/**
 * The command loads `npm run bench` and test/bench/compareBuilds.ts run against a server: the
 * 3-level bench flow, a real 低保 command (受理: the acceptance section written, the whole form
 * validated, the 受理通知书 rendered and numbered), and the floor of the same server (an
 * authenticated no-op route, a bare write transaction). Every load works on a server URL only, so
 * the same load runs against two builds side by side.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { demoHousehold } from '../../server/demo/loadDemoCases.js';
import type { RestClient } from '../../server/start/restClient.js';

/** A booted server prepared for the loads: its URL, the superuser client and the demo users' tokens. */
export interface BenchTarget {
  url: string;
  admin: RestClient;
  tokens: { applicant: string; village: string; township: string; county: string };
}

/** What one load measured. */
export interface LoadSamples {
  /** Request latencies, milliseconds. */
  samples: number[];
  /** Wall time of the timed part, seconds. */
  seconds: number;
}

/** Latency and throughput of one load level. */
export interface LoadFigures {
  clients: number;
  commands: number;
  commandsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/** Figures of one or more runs of the same load (requests and wall times added up). */
export function figuresOf(clients: number, runs: LoadSamples[]): LoadFigures {
  const samples = runs.flatMap((r) => r.samples).sort((a, b) => a - b);
  const seconds = runs.reduce((s, r) => s + r.seconds, 0);
  return { clients, commands: samples.length, commandsPerSecond: samples.length / seconds, p50Ms: percentile(samples, 0.5), p99Ms: percentile(samples, 0.99) };
}

/** Publishes the 3-level bench flow and impersonates the demo users on a booted server. */
export async function prepareTarget(url: string, admin: RestClient): Promise<BenchTarget> {
  const definition = JSON.parse(readFileSync(path.resolve(import.meta.dirname, 'fixtures/threeLevel.workflow.json'), 'utf8'));
  await admin.send('POST', '/api/collections/workflow_definitions/records', { key: definition.key, version: definition.version, status: 'published', name: definition.name, definition });
  const token = async (email: string) => (await admin.impersonate(email, 24 * 3600)).authToken;
  return {
    url,
    admin,
    tokens: {
      applicant: await token('applicant-a1@demo.tongban'),
      village: await token('village-a1@demo.tongban'),
      township: await token('township-a@demo.tongban'),
      county: await token('county@demo.tongban'),
    },
  };
}

async function request<T>(url: string, method: string, token: string, route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${route}`, { method, headers: { 'content-type': 'application/json', authorization: token }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const json = (await res.json()) as T & { message?: string };
  if (!res.ok) throw new Error(`${method} ${route} → ${res.status} ${json.message}`);
  return json;
}

type CaseAnswer = { case: { id: string; version: number } };

/** Runs `work(client)` for `clients` concurrent clients, timing every request `timed` wraps. */
async function concurrently(clients: number, work: (timed: <T>(fn: () => Promise<T>) => Promise<T>, client: number) => Promise<void>): Promise<LoadSamples> {
  const samples: number[] = [];
  const timed = async <T>(fn: () => Promise<T>): Promise<T> => {
    const s = performance.now();
    const r = await fn();
    samples.push(performance.now() - s);
    return r;
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: clients }, (_, i) => work(timed, i)));
  return { samples, seconds: (performance.now() - t0) / 1000 };
}

/** The 3-level bench flow: each client opens `casesPerClient` cases and approves each three times (4 commands a case, all timed). */
export function threeLevelLoad(t: BenchTarget, clients: number, casesPerClient: number): Promise<LoadSamples> {
  return concurrently(clients, async (timed) => {
    for (let i = 0; i < casesPerClient; i++) {
      let c = (await timed(() => request<CaseAnswer>(t.url, 'POST', t.tokens.applicant, '/api/tongban/cases', { workflow: 'bench-three-level', commandId: randomUUID(), data: { amount: 20000 } }))).case;
      for (const who of ['village', 'township', 'county'] as const) {
        c = (await timed(() => request<CaseAnswer>(t.url, 'POST', t.tokens[who], `/api/tongban/cases/${c.id}/commands`, { action: 'approve', version: c.version, commandId: randomUUID() }))).case;
      }
    }
  });
}

/** 低保 cases opened with the demo household and submitted (untimed), waiting for 受理. */
export async function dibaoCasesToAccept(t: BenchTarget, count: number): Promise<CaseAnswer['case'][]> {
  const out: CaseAnswer['case'][] = [];
  let started = 0;
  await concurrently(Math.min(8, count), async () => {
    while (started++ < count) {
      const opened = (await request<CaseAnswer>(t.url, 'POST', t.tokens.applicant, '/api/tongban/cases', { workflow: 'dibao', commandId: randomUUID(), data: demoHousehold })).case;
      const submitted = (await request<CaseAnswer>(t.url, 'POST', t.tokens.applicant, `/api/tongban/cases/${opened.id}/commands`, { action: 'submit', version: opened.version, commandId: randomUUID() })).case;
      out.push(submitted);
    }
  });
  return out;
}

/** 受理 of 低保 cases by the township, `clients` at once (every command timed). */
export function dibaoAcceptLoad(t: BenchTarget, clients: number, cases: CaseAnswer['case'][]): Promise<LoadSamples> {
  return concurrently(clients, async (timed, client) => {
    for (let i = client; i < cases.length; i += clients) {
      const c = cases[i]!;
      await timed(() => request<CaseAnswer>(t.url, 'POST', t.tokens.township, `/api/tongban/cases/${c.id}/commands`, { action: 'accept', version: c.version, commandId: randomUUID(), data: { acceptance: { complete: true, relativeFiling: false } } }));
    }
  });
}

/** The floor: `requestsPerClient` requests of the authenticated no-op route or the bare write transaction per client. */
export function floorLoad(t: BenchTarget, route: 'noop' | 'write', clients: number, requestsPerClient: number): Promise<LoadSamples> {
  return concurrently(clients, async (timed) => {
    for (let i = 0; i < requestsPerClient; i++) {
      await timed(() => (route === 'noop' ? request(t.url, 'GET', t.tokens.applicant, '/api/tongban/bench/noop') : request(t.url, 'POST', t.tokens.applicant, '/api/tongban/bench/write')));
    }
  });
}

/** How long commands held the write lock since the last call (bench mode), by route: `command`, `open`. */
export async function lockHolds(t: BenchTarget): Promise<Record<string, { count: number; meanMs: number; p50Ms: number; p99Ms: number; maxMs: number }>> {
  try {
    return await t.admin.send('POST', '/api/tongban/bench/lock');
  } catch {
    // A build without bench mode (an older build compared side by side).
    return {};
  }
}
