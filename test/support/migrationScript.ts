import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A PocketBase JS migration of server/migrations (`file`: its name) run against a recorder: the SQL
 * its up and down functions execute, in order, as the sqlite3 shell can run it. For migrations that
 * write raw SQL only (tables, triggers, fills), whose statements the property tests replay.
 */
export function migrationStatements(file: string): { up: string[]; down: string[] } {
  const source = readFileSync(path.join(import.meta.dirname, '../../server/migrations', file), 'utf8');
  const recorded: string[] = [];
  const app = { db: () => ({ newQuery: (sql: string) => ({ execute: () => recorded.push(sql) }) }) };
  let steps: [(a: typeof app) => void, (a: typeof app) => void] | undefined;
  new Function('migrate', source)((up: (a: typeof app) => void, down: (a: typeof app) => void) => { steps = [up, down]; });
  steps![0](app);
  const up = recorded.splice(0);
  steps![1](app);
  return { up, down: recorded };
}

/** A small deterministic generator of integers below `n` (the same sequence for the same seed). */
export function randomOf(seed: number): (n: number) => number {
  let x = seed;
  return (n) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return Math.floor(x / 65536) % n;
  };
}

/** The output of an SQL script run in the sqlite3 shell on an in-memory database. */
export function sqliteShell(input: string): string {
  return execFileSync('sqlite3', [':memory:'], { input, encoding: 'utf8' });
}

/**
 * The checks a script prints as `check|<label>|<kept>|<counted>` lines (the figures kept by a
 * migration's tables beside the same figures counted from their sources), run in the sqlite3 shell.
 */
export function keptAndCounted(input: string): { label: string; kept: string; counted: string }[] {
  return sqliteShell(input).split('\n').filter((l) => l.startsWith('check|')).map((l) => {
    const [, label, kept, counted] = l.split('|');
    return { label: label!, kept: kept!, counted: counted! };
  });
}
