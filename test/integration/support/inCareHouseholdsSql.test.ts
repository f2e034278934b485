import { spawnSync } from 'node:child_process';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { addVillages } from '../../support/reviewHouseholds.js';
import { insertInCareHouseholds, registerPerson } from '../../support/inCareHouseholdsSql.js';

const hasSqliteShell = spawnSync('sqlite3', ['-version']).status === 0;

describe.skipIf(!hasSqliteShell)('households the benchmarks write by SQL are the rows the register import writes for them', () => {
  let server: TestServer;
  let su: PocketBase;

  beforeAll(async () => {
    server = await startPocketBase();
    su = await server.superuser();
  });
  afterAll(() => server?.dispose());

  it('writes valid, distinct register people: every ID number passes the register check and no two repeat', () => {
    const numbers = Array.from({ length: 60_000 }, (_, n) => registerPerson(n * 150).idNumber);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('finds the SQL-written households again when the register import names the same people: same key, same home, the same facts, nothing created', async () => {
    const [village] = await addVillages(su, '320685102', 1);
    const people = insertInCareHouseholds(server, [village!], 4);
    const before = await su.collection('subjects').getFullList({ filter: `village = "${village!.id}"`, sort: 'created,id' });
    expect(before).toHaveLength(4);
    expect(before.every((s) => s.kind === 'person' && /^[0-9a-f]{64}$/.test(s.key as string) && (s.name as string).includes('*') && s.township === village!.township)).toBe(true);
    // The import checks every row (a wrong ID number or date would be refused) and keys each by the register's hash.
    const admin = await server.login('admin');
    const rows = people.map((p) => ({ name: p.name, idNumber: p.idNumber, birthDate: p.birthDate, sex: p.sex, household: p.household, village: '320685102400', programme: '低保', since: p.since }));
    const answer = await fetch(`${server.url}/api/tongban/admin/subjects/import`, { method: 'POST', headers: { Authorization: admin.authStore.token, 'Content-Type': 'application/json' }, body: JSON.stringify({ rows }) });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { applied: number; results: { id: string; created: boolean; name: string }[] };
    expect(body.applied).toBe(4);
    expect(body.results.every((r) => !r.created)).toBe(true);
    expect(new Set(body.results.map((r) => r.id))).toEqual(new Set(before.map((s) => s.id)));
    const after = await su.collection('subjects').getFullList({ filter: `village = "${village!.id}"` });
    expect(after).toHaveLength(4);
    for (const s of after) {
      const was = before.find((b) => b.id === s.id)!;
      expect(s.facts).toEqual(was.facts);
      expect(s.name).toBe(was.name);
    }
    const households = new Set(people.map((p) => p.household));
    for (const s of before) expect(s.facts).toMatchObject({ register: { sex: expect.stringMatching(/^[男女]$/) }, dibao: { status: '在保', since: '2024-03-01' } });
    expect(new Set(before.map((s) => (s.facts as { register: { household: string } }).register.household))).toEqual(households);
  });
});
