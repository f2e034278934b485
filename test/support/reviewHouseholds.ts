/**
 * Households receiving 低保 in bulk, for the benchmarks and tests that start the shipped 复核
 * (`dibao-review`) for many of them: villages added under a township of the demo county, and
 * subjects carrying the facts the 低保 process leaves (what the 复核 reads and its bulk selector
 * `dibao.status = 在保` chooses).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type PocketBase from 'pocketbase';
import { startPocketBase, type TestServer } from './pocketbase.js';

/** A village: its id and the township and county above it. */
export interface Home {
  id: string;
  township: string;
  county: string;
}

/** The bulk selector of the 复核's README: every 在保 household of the officer's jurisdiction. */
export const inCareSelector = { kind: 'person', fact: { path: 'dibao.status', equals: '在保' } };

/** The facts a household the 低保 process confirmed carries. */
export function dibaoFacts(i: number) {
  return { dibao: { status: '在保', category: i % 5 === 0 ? '单人保' : '全户保', monthlyAmount: 400 + (i % 7) * 100, members: 1 + (i % 4), since: '2024-03-01' } };
}

/** Adds `count` villages under the township with division code `townshipCode` (codes `<township><400 + i>`). */
export async function addVillages(su: PocketBase, townshipCode: string, count: number, name = (i: number) => `第${i + 1}村`): Promise<Home[]> {
  const township = await su.collection('org_units').getFirstListItem<{ id: string; county: string }>(`code = "${townshipCode}"`);
  const villages: Home[] = [];
  for (let i = 0; i < count; i++) {
    const v = await su.collection('org_units').create<Home>({ code: `${townshipCode}${String(400 + i)}`, name: name(i), level: 'village', parent: township.id, township: township.id, county: township.county });
    villages.push({ id: v.id, township: v.township, county: v.county });
  }
  return villages;
}

/** Creates `perVillage` 在保 households in each village, through batch requests (enabled for the while). */
export async function seedInCareHouseholds(su: PocketBase, villages: readonly Home[], perVillage: number): Promise<void> {
  const before = await su.settings.getAll();
  await su.settings.update({ batch: { enabled: true, maxRequests: 1000, timeout: 600, maxBodySize: 0 } });
  try {
    const all: Home[] = [];
    for (const v of villages) for (let i = 0; i < perVillage; i++) all.push(v);
    const batchSize = 200;
    for (let from = 0; from < all.length; from += batchSize) {
      const batch = su.createBatch();
      all.slice(from, from + batchSize).forEach((home, i) =>
        batch.collection('subjects').create({ kind: 'person', key: randomBytes(32).toString('hex'), name: `户${from + i}`, facts: dibaoFacts(from + i), village: home.id, township: home.township, county: home.county }),
      );
      await batch.send();
    }
  } finally {
    await su.settings.update({ batch: (before as { batch?: unknown }).batch ?? { enabled: false } });
  }
}

/** A bulk run as its routes answer. */
export interface RunView {
  id: string;
  status: string;
  total: number;
  processed: number;
  started: number;
  failed: number;
}

/** Starts the 复核 of every 在保 household of the officer's jurisdiction in bulk, resuming until done; answers the run and the number of requests. */
export async function bulkStartReviews(officer: PocketBase): Promise<{ run: RunView; requests: number }> {
  let requests = 1;
  let run = await officer.send<RunView>('/api/tongban/bulk-starts', { method: 'POST', body: { workflow: 'dibao-review', commandId: randomUUID(), selector: inCareSelector } });
  while (run.status === 'queued' || run.status === 'running') {
    run = await officer.send<RunView>(`/api/tongban/bulk-starts/${run.id}/resume`, { method: 'POST' });
    requests++;
  }
  return { run, requests };
}

/**
 * A server on a simulated clock without the minute cron (only the sweeps a test asks for run), with
 * `households` 在保 households in one new village of 曲塘镇 whose 复核 the township has started in
 * bulk on 2026-03-02 (after the shipped schedules opened their periods): the bulk run's id.
 */
export async function reviewRunOnSimulatedClock(households: number): Promise<{ server: TestServer; su: PocketBase; run: string }> {
  const server = await startPocketBase({ simulatedClock: true, env: { TONGBAN_NO_BACKGROUND: '1' } });
  const su = await server.superuser();
  const [village] = await addVillages(su, '320685102', 1);
  await seedInCareHouseholds(su, [village!], households);
  await server.setClock(new Date('2026-03-02T09:00:00+08:00'));
  await server.sweep(); // the shipped schedules open their periods first
  const run = (await bulkStartReviews(await server.login('township-a'))).run.id;
  return { server, su, run };
}
