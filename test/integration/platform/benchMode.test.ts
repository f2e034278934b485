import { readFileSync } from 'node:fs';
import PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { command, failure, openCase } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

/** The environment the PocketBase process runs with, as the kernel shows it. */
function processEnvironment(server: TestServer): string[] {
  return readFileSync(`/proc/${server.booted.server.child.pid}/environ`, 'utf8').split('\0');
}

describe('a production server (no bench mode)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startPocketBase();
  });
  afterAll(() => server?.dispose());

  it('answers 404 on the bench routes, also to a signed-in user and the superuser', async () => {
    const a1 = await server.login('applicant-a1');
    expect((await failure(a1.send('/api/tongban/bench/noop', {}))).status).toBe(404);
    expect((await failure(a1.send('/api/tongban/bench/write', { method: 'POST' }))).status).toBe(404);
    const su = await server.superuser();
    expect((await failure(su.send('/api/tongban/bench/lock', { method: 'POST' }))).status).toBe(404);
  });

  it('runs PocketBase with GOGC=400 unless the environment sets GOGC', () => {
    expect(processEnvironment(server)).toContain('GOGC=400');
  });
});

describe('a server in bench mode with its holds timed piece by piece (TONGBAN_BENCH=1, TONGBAN_BENCH_PIECES=1)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startPocketBase({ env: { TONGBAN_BENCH: '1', TONGBAN_BENCH_PIECES: '1', GOGC: '200' } });
  });
  afterAll(() => server?.dispose());

  it('serves the floor routes to signed-in users only', async () => {
    const a1 = await server.login('applicant-a1');
    expect(await a1.send('/api/tongban/bench/noop', {})).toEqual({ ok: true });
    expect(await a1.send('/api/tongban/bench/write', { method: 'POST' })).toEqual({ ok: true });
    expect((await failure(new PocketBase(server.url).send('/api/tongban/bench/noop', {}))).status).toBe(401);
  });

  it('reports how long commands held the write lock and each piece of it, to the superuser only, and forgets what it reported', async () => {
    const su = await server.superuser();
    await su.send('/api/tongban/bench/lock', { method: 'POST' });
    const a1 = await server.login('applicant-a1');
    const opened = await openCase(a1, demoHousehold);
    await command(a1, opened.case, 'submit');
    const holds = await su.send<Record<string, { count: number; meanMs: number; maxMs: number }>>('/api/tongban/bench/lock', { method: 'POST' });
    expect(holds.open).toMatchObject({ count: 1 });
    expect(holds.command).toMatchObject({ count: 1 });
    expect(holds.command!.meanMs).toBeGreaterThan(0);
    expect(holds.command!.maxMs).toBeLessThan(10_000);
    // The hold's pieces, each beside it: together they are the whole hold.
    const pieces = Object.keys(holds).filter((label) => label.startsWith('command/'));
    // (The case's own guarded write is the command's compare-and-swap: no version-swap piece beside it.)
    expect(pieces).toEqual(expect.arrayContaining(['command/claim-check', 'command/case', 'command/effects', 'command/event', 'command/answer-stored', 'command/commit']));
    expect(pieces).not.toContain('command/version-swap');
    const summed = pieces.reduce((sum, label) => sum + holds[label]!.meanMs, 0);
    expect(summed).toBeGreaterThan(holds.command!.meanMs * 0.9);
    expect(summed).toBeLessThanOrEqual(holds.command!.meanMs + 0.01);
    expect(Object.keys(holds).filter((label) => label.startsWith('open/'))).toEqual(expect.arrayContaining(['open/case-number', 'open/case', 'open/effects', 'open/event', 'open/commit']));
    expect(await su.send('/api/tongban/bench/lock', { method: 'POST' })).toEqual({});
    expect((await failure(a1.send('/api/tongban/bench/lock', { method: 'POST' }))).status).toBe(403);
  });

  it('leaves GOGC to the environment when it sets one', () => {
    expect(processEnvironment(server)).toContain('GOGC=200');
  });
});
