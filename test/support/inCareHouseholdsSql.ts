/**
 * 在保 households written straight into a running test server's database, in one transaction by
 * the `sqlite3` shell — for the benchmarks that need tens of thousands of them (through the record
 * API, one create each, 50,000 take over ten minutes; this takes seconds).
 *
 * Each row is the one the register import (`POST /api/tongban/admin/subjects/import`, a row with
 * 姓名, 身份证号, 村, 户号 and 救助项目 低保 since 2024-03-01) writes for the household: kind
 * `person`, key the keyed hash (HMAC-SHA256 with the data folder's `subject_key_secret`) of the ID
 * number, the name masked, the home (village, township, county), and the facts `register.birthDate`,
 * `register.sex`, `register.household`, `dibao.status` 在保 and `dibao.since` — plus the facts the
 * 低保 process leaves on a confirmed household and the 复核 reads (`dibao.category`,
 * `dibao.monthlyAmount`, `dibao.members`, as {@link dibaoFacts} gives them).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { idCardCheckChar, maskValue } from '../../forms/core/index.js';
import { dibaoFacts, type Home } from './reviewHouseholds.js';

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const givenNames = '建国秀英志强桂兰海燕明华玉梅春生凤英德明';

/** A household as a register sheet names it. */
export interface RegisterPerson {
  name: string;
  idNumber: string;
  /** `男` or `女`, as the ID number says. */
  sex: string;
  birthDate: string;
  household: string;
  since: string;
}

/** The `n`-th generated household head: a valid ID number of 海安 (320685), distinct for every n below 9,000,000. */
export function registerPerson(n: number): RegisterPerson {
  const birth = new Date(Date.UTC(1940, 0, 1) + (n % 18_000) * 86_400_000);
  const birthDate = birth.toISOString().slice(0, 10);
  const sequence = 500 + Math.floor(n / 18_000);
  const body = `320685${birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  const given = Array.from(givenNames);
  return {
    name: `${Array.from(surnames)[n % 20]}${given[(n >> 2) % given.length]}${given[(n >> 5) % given.length]}`,
    idNumber: body + idCardCheckChar(body),
    sex: sequence % 2 === 1 ? '男' : '女',
    birthDate,
    household: `户${String(n).padStart(7, '0')}`,
    since: '2024-03-01',
  };
}

function sqlite(db: string, sql: string): string {
  const r = spawnSync('sqlite3', ['-bail', db], { input: `.timeout 60000\n${sql}`, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`seeding households by SQL needs the sqlite3 shell on PATH: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`sqlite3 failed: ${r.stderr}`);
  return r.stdout;
}

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const idAlphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
const recordId = () => Array.from(randomBytes(15), (b) => idAlphabet[b % idAlphabet.length]).join('');

/** The facts the register import and the 低保 process leave on household `n`. */
export function inCareFacts(person: RegisterPerson, n: number): Record<string, Record<string, unknown>> {
  const { dibao } = dibaoFacts(n);
  return {
    register: { birthDate: person.birthDate, sex: person.sex, household: person.household },
    dibao: { ...dibao, status: '在保', since: person.since },
  };
}

/**
 * Writes `perVillage` 在保 households into each village of the server's data folder, in one
 * transaction (the server keeps running: SQLite lets the shell write beside it). Numbering goes on
 * from the person subjects already there, so repeated calls on one server give distinct people.
 * Answers the people written, in order.
 */
export function insertInCareHouseholds(server: { dataDir: string }, villages: readonly Home[], perVillage: number): RegisterPerson[] {
  const db = path.join(server.dataDir, 'data.db');
  const secret = sqlite(db, `SELECT value FROM server_state WHERE key = 'subject_key_secret';`).trim();
  if (!secret) throw new Error('the data folder has no subject_key_secret');
  const first = Number(sqlite(db, `SELECT count(*) FROM subjects WHERE kind = 'person';`).trim());
  const at = new Date().toISOString().replace('T', ' ');
  const people: RegisterPerson[] = [];
  const rows: string[] = [];
  for (const [v, home] of villages.entries()) {
    for (let i = 0; i < perVillage; i++) {
      const n = first + v * perVillage + i;
      const person = registerPerson(n);
      people.push(person);
      const key = createHmac('sha256', secret).update(person.idNumber.toUpperCase()).digest('hex');
      rows.push(`(${[q(recordId()), "'person'", q(key), q(String(maskValue(person.name, 'name'))), q(home.id), q(home.township), q(home.county), q(JSON.stringify(inCareFacts(person, n))), q(at), q(at)].join(', ')})`);
    }
  }
  let sql = 'BEGIN;\n';
  for (let from = 0; from < rows.length; from += 500) {
    sql += `INSERT INTO subjects (id, kind, key, name, village, township, county, facts, created, updated) VALUES\n${rows.slice(from, from + 500).join(',\n')};\n`;
  }
  sqlite(db, `${sql}COMMIT;\n`);
  return people;
}
