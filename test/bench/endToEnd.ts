/**
 * End-to-end benchmark: commands through the real server (HTTP → auth → rules → validate →
 * decide → commit), at 1 client and at 16 concurrent clients on the same machine.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RestClient } from '../../server/start/restClient.js';
import { startPocketBase } from '../support/pocketbase.js';

/** Latency and throughput of one load level. */
export interface LoadFigures {
  clients: number;
  commands: number;
  commandsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

async function tokenOf(admin: RestClient, email: string): Promise<string> {
  return (await admin.impersonate(email)).authToken;
}

async function post(url: string, token: string, route: string, body: unknown): Promise<{ case: { id: string; version: number } }> {
  const res = await fetch(`${url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify(body) });
  const json = (await res.json()) as { case: { id: string; version: number }; message?: string };
  if (!res.ok) throw new Error(`${route} → ${res.status} ${json.message}`);
  return json;
}

/** Runs the load levels against a fresh server; `casesPerClient` cases of 4 commands each (open + 3 approvals). */
export async function benchEndToEnd(levels: { clients: number; casesPerClient: number }[]): Promise<LoadFigures[]> {
  const server = await startPocketBase({ demoCases: false });
  try {
    const definition = JSON.parse(readFileSync(path.resolve(import.meta.dirname, 'fixtures/threeLevel.workflow.json'), 'utf8'));
    await server.booted.admin.create('workflow_definitions', { key: definition.key, version: definition.version, status: 'published', name: definition.name, definition });
    const tokens = {
      applicant: await tokenOf(server.booted.admin, 'applicant-a1@demo.tongban'),
      village: await tokenOf(server.booted.admin, 'village-a1@demo.tongban'),
      township: await tokenOf(server.booted.admin, 'township-a@demo.tongban'),
      county: await tokenOf(server.booted.admin, 'county@demo.tongban'),
    };
    const out: LoadFigures[] = [];
    for (const level of levels) {
      const samples: number[] = [];
      const timed = async <T>(fn: () => Promise<T>): Promise<T> => {
        const s = performance.now();
        const r = await fn();
        samples.push(performance.now() - s);
        return r;
      };
      const worker = async () => {
        for (let i = 0; i < level.casesPerClient; i++) {
          let c = (await timed(() => post(server.url, tokens.applicant, '/api/tongban/cases', { workflow: 'bench-three-level', commandId: randomUUID(), data: { amount: 20000 } }))).case;
          for (const who of ['village', 'township', 'county'] as const) {
            c = (await timed(() => post(server.url, tokens[who], `/api/tongban/cases/${c.id}/commands`, { action: 'approve', version: c.version, commandId: randomUUID() }))).case;
          }
        }
      };
      const t0 = performance.now();
      await Promise.all(Array.from({ length: level.clients }, worker));
      const seconds = (performance.now() - t0) / 1000;
      samples.sort((a, b) => a - b);
      out.push({ clients: level.clients, commands: samples.length, commandsPerSecond: samples.length / seconds, p50Ms: percentile(samples, 0.5), p99Ms: percentile(samples, 0.99) });
    }
    return out;
  } finally {
    await server.dispose();
  }
}
