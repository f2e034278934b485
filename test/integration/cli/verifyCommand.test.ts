import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

const cli = path.resolve(import.meta.dirname, '../../../bin/tongban.mjs');

function run(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

describe('npx tongban verify <data folder>', () => {
  let server: TestServer;
  /** How many cases the folder holds: the loader's demo cases (several per shipped process) and those the shipped schedules started at the first sweep. */
  let demoCases = 0;
  beforeAll(async () => {
    server = await startPocketBase({ demoCases: true });
    const su = await server.superuser();
    demoCases = (await su.collection('applications').getList(1, 1)).totalItems;
    expect(demoCases).toBeGreaterThanOrEqual(server.booted.demoCasesCreated);
    await server.stop();
  });
  afterAll(() => server?.dispose());

  it('checks the chain and the replay of every case, one line each, and exits 0 when all hold', async () => {
    const r = await run('verify', server.dataDir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    const n = demoCases;
    expect(n).toBeGreaterThanOrEqual(3);
    expect(lines.filter((l) => l.startsWith('✓ '))).toHaveLength(n);
    expect(lines.at(-1)).toBe(`共 ${n} 个案件：${n} 个通过，0 个未通过。`);
  });

  it('names the case whose stored data no longer follows from its events and exits 1', async () => {
    await server.restart();
    const su = await server.superuser();
    const [first] = await su.collection('applications').getFullList({ sort: 'case_no' });
    await su.collection('applications').update(first!.id, { data: { ...first!.data, applicant: { name: '改过的名字' } } });
    await server.stop();
    const r = await run('verify', server.dataDir);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`✗ ${first!.case_no}：重放所得的案件数据与存储的不一致`);
    expect(r.out).toContain(`共 ${demoCases} 个案件：${demoCases - 1} 个通过，1 个未通过。`);
  });

  it('refuses a folder without a database with exit 2', async () => {
    const r = await run('verify', path.join(server.dataDir, 'nothing-here'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('找不到数据目录');
  });
});
