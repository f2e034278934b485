/**
 * The data folder of the queue benchmark: a county of `cases` cases (1,000,000 by default) beside
 * the demo county's units, built once and kept under `.tmp/bench-queues/` (ignored by git), keyed
 * by {@link generatorVersion} and the size, so repeated bench runs reuse it.
 *
 * How it is built, fast and with the columns the app writes:
 * 1. A real server boots a fresh folder (migrations, the shipped processes, the demo county) and
 *    opens the demo cases through the command routes: every row they leave is one the app wrote.
 * 2. The server stops and one SQL script (run by the `sqlite3` shell in one transaction, set-based
 *    `INSERT … SELECT` over a sequence, no row-by-row round trips) adds `townships` townships of
 *    `villagesPerTownship` villages under the demo county, their officers (the demo officers'
 *    duties and password), applicants (about 1.4 cases each) with a person subject each, and the
 *    cases: each a copy of a demo case chosen in realistic proportions of the shipped processes
 *    (低保, its 复核 and 高龄津贴 most), its units, applicant and subject rewritten into the
 *    generated ones — case columns, snapshot, flags, its tasks, events and documents alike. 30 % stay
 *    active with their open tasks (due over the next weeks, some overdue); the others are ended
 *    (approved, refused, withdrawn) with their tasks closed.
 * 3. About 1 % of the cases are copied (抄送) to an officer of another township (`case_readers`).
 * 4. `PRAGMA optimize` as PocketBase's daily job does, so the planner has its statistics.
 *
 * The copies' hash chains are not recomputed (their events keep the template's hashes): the bench
 * reads lists and never verifies a copied case.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { linkStatements as actedCasesLink } from '../../server/adapter/actedCases.js';
import { linkStatements } from '../../server/adapter/approvedSubjects.js';
import { bootTongban } from '../../server/start/bootTongban.js';
import { freePort } from '../support/pocketbase.js';

/** Bump when what the generator writes changes: older cached folders are then rebuilt. */
export const generatorVersion = 3;

/** The shape of a generated county. */
export interface CountyShape {
  cases: number;
  townships: number;
  villagesPerTownship: number;
  /** Officers per village, per township and added to the county. */
  officers: { village: number; township: number; county: number };
  /** Share of cases still running. */
  activeShare: number;
}

/** 1,000,000 cases, 15 townships of 20 villages. */
export const countyAtScale: CountyShape = { cases: 1_000_000, townships: 15, villagesPerTownship: 20, officers: { village: 2, township: 6, county: 8 }, activeShare: 0.3 };

/** A generated folder and how long it took (0 when it came from the cache). */
export interface QueuesDataFolder {
  dataDir: string;
  shape: CountyShape;
  generatedSeconds: number;
  /** Rows by table after generation. */
  rows: Record<string, number>;
}

/** How much of the county each process has (relative weights; the demo cases of each are its templates). */
const processWeights: Record<string, number> = {
  dibao: 22, 'dibao-review': 20, 'elderly-allowance': 18, linshi: 8, 'dibao-edge': 5, tekun: 4, 'tekun-review': 4,
  'home-care-subsidy': 5, 'home-adaptation': 3, 'children-support': 3, liangxiang: 4,
};
const otherWeight = 0.3;

const repoRoot = path.resolve(import.meta.dirname, '../..');

function sqlite(db: string, sql: string): string {
  const r = spawnSync('sqlite3', ['-bail', db], { input: sql, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`the queue bench needs the sqlite3 shell on PATH to generate its data: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`sqlite3 failed: ${r.stderr}`);
  return r.stdout;
}

function sqliteJson<T>(db: string, sql: string): T[] {
  const out = sqlite(db, `.mode json\n${sql}`).trim();
  return out ? (JSON.parse(out) as T[]) : [];
}

function sqliteAsync(db: string, sql: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('sqlite3', ['-bail', db], { stdio: ['pipe', 'inherit', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`sqlite3 failed (${code}): ${err}`))));
    child.stdin.end(sql);
  });
}

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** `INSERT INTO table (…every column…) SELECT …` with the given expressions, every other column copied from `t`. */
function copyInto(columns: string[], table: string, overrides: Record<string, string>, from: string): string {
  const cols = columns.map((c) => `"${c}"`).join(', ');
  const exprs = columns.map((c) => (Object.hasOwn(overrides, c) ? overrides[c] : `t."${c}"`)).join(',\n    ');
  return `INSERT INTO ${table} (${cols})\n  SELECT ${exprs}\n  ${from};\n`;
}

interface TemplateCase { id: string; workflow_key: string; village: string; township: string; applicant: string; subject: string; subjectKind: string }

/** A case row's flags as its tasks copy them: the stored JSON text, or '' when there are none (queueFilterCopies.ts). */
const caseFlagsSql = (row: string) => `CASE WHEN ${row}.flags IS NULL OR ${row}.flags IN ('', '[]', 'null') THEN '' ELSE ${row}.flags END`;

/** The generation script for a template folder's database. */
function generationSql(db: string, shape: CountyShape): string {
  const columns = (table: string) => sqliteJson<{ name: string }>(db, `PRAGMA table_info(${table});`).map((c) => c.name);
  const county = sqliteJson<{ id: string }>(db, `SELECT id FROM org_units WHERE level = 'county' LIMIT 1;`)[0]!.id;
  const templates = sqliteJson<TemplateCase>(db, `SELECT a.id, a.workflow_key, a.village, a.township, a.applicant, a.subject, coalesce(s.kind, '') AS subjectKind FROM applications a LEFT JOIN subjects s ON s.id = a.subject WHERE a.county = ${q(county)} ORDER BY a.case_no;`);
  if (templates.length === 0) throw new Error('the template folder has no demo cases');
  // 1000 slots, each naming a template case, in the processes' proportions.
  const byKey = new Map<string, TemplateCase[]>();
  for (const t of templates) byKey.set(t.workflow_key, [...(byKey.get(t.workflow_key) ?? []), t]);
  const weights = [...byKey.entries()].map(([key, cases]) => ({ cases, weight: Object.hasOwn(processWeights, key) ? processWeights[key]! : otherWeight }));
  const total = weights.reduce((s, w) => s + w.weight, 0);
  const slots: string[] = [];
  for (const w of weights) {
    const count = Math.max(1, Math.round((1000 * w.weight) / total));
    for (let i = 0; i < count; i++) slots.push(w.cases[i % w.cases.length]!.id);
  }
  const villages = shape.townships * shape.villagesPerTownship;
  const applicants = Math.ceil(shape.cases / 1.4);
  const activeTenths = Math.round(shape.activeShare * 100);
  const ts = (expr: string) => `strftime('%Y-%m-%d %H:%M:%fZ', ${expr})`;
  const userCols = columns('users');
  const rewrite = (expr: string) => `replace(replace(replace(replace(replace(${expr}, ti.id, g.id), ti.village, g.village), ti.township, g.township), ti.applicant, g.applicant), ti.subject, g.subject)`;
  const remapUnit = (expr: string) => `CASE ${expr} WHEN '' THEN '' WHEN ti.village THEN g.village WHEN ti.township THEN g.township ELSE ${expr} END`;
  const officerOf = (expr: string) => `CASE WHEN ${expr} = ti.applicant AND ti.applicant != '' THEN g.applicant WHEN (SELECT org_unit FROM users WHERE id = ${expr}) = ti.village AND ti.village != '' THEN g.village_officer WHEN (SELECT org_unit FROM users WHERE id = ${expr}) = ti.township AND ti.township != '' THEN g.township_officer ELSE ${expr} END`;

  let sql = `PRAGMA journal_mode = DELETE;\nPRAGMA synchronous = OFF;\nPRAGMA cache_size = -400000;\nPRAGMA temp_store = MEMORY;\nBEGIN;\n`;
  sql += `CREATE TEMP TABLE n(i INTEGER PRIMARY KEY);\nWITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i + 1 < ${Math.max(shape.cases, applicants)}) INSERT INTO n SELECT i FROM s;\n`;
  // Townships and villages.
  sql += `CREATE TEMP TABLE gt AS SELECT i AS t, 'gt' || printf('%013d', i) AS id, '320685' || printf('%03d', 300 + i) AS code, '生成' || (i + 1) || '镇' AS name FROM n WHERE i < ${shape.townships};\n`;
  sql += `CREATE TEMP TABLE gv AS SELECT n.i AS v, 'gv' || printf('%013d', n.i) AS id, gt.id AS township, gt.code || printf('%03d', 200 + n.i % ${shape.villagesPerTownship}) AS code, gt.name || (n.i % ${shape.villagesPerTownship} + 1) || '村' AS name FROM n JOIN gt ON gt.t = n.i / ${shape.villagesPerTownship} WHERE n.i < ${villages};\n`;
  const unitCols = columns('org_units');
  const unitFrom = (src: string) => `FROM ${src} JOIN org_units t ON t.level = `;
  sql += copyInto(unitCols, 'org_units', { id: 'g.id', code: 'g.code', name: 'g.name', parent: q(county), county: q(county), township: "''", created: ts("'2019-01-01'"), updated: ts("'2019-01-01'") }, `${unitFrom('gt g')}'township' AND t.id = (SELECT id FROM org_units WHERE level = 'township' ORDER BY code LIMIT 1)`);
  sql += copyInto(unitCols, 'org_units', { id: 'g.id', code: 'g.code', name: 'g.name', parent: 'g.township', county: q(county), township: 'g.township', created: ts("'2019-01-01'"), updated: ts("'2019-01-01'") }, `${unitFrom('gv g')}'village' AND t.id = (SELECT id FROM org_units WHERE level = 'village' ORDER BY code LIMIT 1)`);
  // Officers: k per unit, the demo officers' duties and password.
  const officerInsert = (src: string, demoEmail: string, emailExpr: string, idExpr: string, per: number) => copyInto(userCols, 'users', {
    id: idExpr, email: emailExpr, name: `'干部' || g.k`, tokenKey: 'lower(hex(randomblob(25)))', org_unit: 'g.unit', created: ts("'2019-01-01'"), updated: ts("'2019-01-01'"),
  }, `FROM (SELECT u.id AS unit, u.n AS un, n.i AS k FROM ${src} u JOIN n ON n.i < ${per}) g JOIN users t ON t.email = ${q(demoEmail)}`);
  sql += officerInsert(`(SELECT id, v AS n FROM gv)`, 'village-a1@demo.tongban', `'village-' || g.un || '-' || g.k || '@bench.tongban'`, `'gu' || printf('%08d', g.un) || 'v' || printf('%04d', g.k)`, shape.officers.village);
  sql += officerInsert(`(SELECT id, t AS n FROM gt)`, 'township-a@demo.tongban', `'township-' || g.un || '-' || g.k || '@bench.tongban'`, `'gu' || printf('%08d', g.un) || 't' || printf('%04d', g.k)`, shape.officers.township);
  sql += officerInsert(`(SELECT ${q(county)} AS id, 0 AS n)`, 'county@demo.tongban', `'county-' || g.k || '@bench.tongban'`, `'gu' || printf('%08d', g.un) || 'c' || printf('%04d', g.k)`, shape.officers.county);
  // Applicants, each at home in a village, each with a person subject.
  sql += `CREATE TEMP TABLE ga AS SELECT n.i AS a, 'ga' || printf('%013d', n.i) AS id, 'gs' || printf('%013d', n.i) AS subject, gv.id AS village, gv.township AS township FROM n JOIN gv ON gv.v = (n.i * 7) % ${villages} WHERE n.i < ${applicants};\n`;
  sql += copyInto(userCols, 'users', { id: 'g.id', email: `'applicant-' || g.a || '@bench.tongban'`, name: `'居民' || g.a`, tokenKey: 'lower(hex(randomblob(25)))', org_unit: 'g.village', created: ts("'2019-01-01'"), updated: ts("'2019-01-01'") }, `FROM ga g JOIN users t ON t.email = 'applicant-a1@demo.tongban'`);
  sql += copyInto(columns('subjects'), 'subjects', { id: 'g.subject', kind: "'person'", key: 'lower(hex(randomblob(32)))', name: `'居*' || (g.a % 100)`, org_kind: "''", village: 'g.village', township: 'g.township', county: q(county), facts: "'{}'", fact_history: "'[]'", created: ts("'2019-01-01'"), updated: ts("'2019-01-01'") }, `FROM ga g JOIN subjects t ON t.id = (SELECT id FROM subjects WHERE kind = 'person' LIMIT 1)`);
  // The cases: template, applicant, units, times.
  sql += `CREATE TEMP TABLE slot(s INTEGER PRIMARY KEY, tmpl TEXT);\nINSERT INTO slot VALUES ${slots.map((id, i) => `(${i}, ${q(id)})`).join(', ')};\n`;
  sql += `CREATE TEMP TABLE ti(id TEXT PRIMARY KEY, village TEXT, township TEXT, applicant TEXT, subject TEXT, person INTEGER);\nINSERT INTO ti VALUES ${templates.map((t) => `(${q(t.id)}, ${q(t.village)}, ${q(t.township)}, ${q(t.applicant)}, ${q(t.subject)}, ${t.subjectKind === 'person' ? 1 : 0})`).join(', ')};\n`;
  sql += `CREATE TEMP TABLE g AS SELECT n.i AS n, 'gc' || printf('%013d', n.i) AS id, slot.tmpl AS tmpl, ga.id AS applicant, ga.subject AS subject, ga.village AS village, ga.township AS township,
    'gu' || printf('%08d', (SELECT v FROM gv WHERE gv.id = ga.village)) || 'v0000' AS village_officer,
    'gu' || printf('%08d', (SELECT t FROM gt WHERE gt.id = ga.township)) || 't0000' AS township_officer,
    (n.i % 100) < ${activeTenths} AS active,
    CASE WHEN (n.i % 100) < ${activeTenths} THEN julianday('2026-11-29 08:00:00') - ((n.i * 37) % 12000) / 100.0 ELSE julianday('2019-01-01') + (n.i * 2800.0 / ${shape.cases}) END AS at
    FROM n JOIN slot ON slot.s = (n.i * 7919) % ${slots.length} JOIN ga ON ga.a = n.i % ${applicants} WHERE n.i < ${shape.cases};\n`;
  sql += `UPDATE g SET subject = (SELECT t.subject FROM ti t WHERE t.id = g.tmpl) WHERE (SELECT person FROM ti t WHERE t.id = g.tmpl) = 0;\n`;
  const ended = (active: string, ended: string) => `CASE WHEN g.active THEN ${active} ELSE ${ended} END`;
  sql += copyInto(columns('applications'), 'applications', {
    id: 'g.id', case_no: `substr(t.case_no, 1, instr(t.case_no, '-')) || strftime('%Y', g.at) || '-G' || printf('%07d', g.n)`,
    applicant: `CASE WHEN t.applicant = '' THEN '' ELSE g.applicant END`, filed_by: `CASE t.filed_by WHEN t.applicant THEN g.applicant WHEN '' THEN '' ELSE t.filed_by END`,
    village: remapUnit('t.village'), township: remapUnit('t.township'), subject: `CASE WHEN t.subject = '' THEN '' ELSE g.subject END`,
    snapshot: rewrite('t.snapshot'), data: rewrite('t.data'), flags: rewrite('t.flags'), assigned_units: rewrite('t.assigned_units'), assigned_users: rewrite('t.assigned_users'),
    status: ended('t.status', "'done'"), outcome: ended('t.outcome', `CASE WHEN g.n % 20 < 15 THEN 'approved' WHEN g.n % 20 < 18 THEN 'rejected' ELSE 'withdrawn' END`),
    step: ended('t.step', "'end'"), step_name: ended('t.step_name', "'办结'"),
    due_at: ts(`g.at + 30 + (g.n % 31)`), created: ts('g.at'), updated: ts(`g.at + ${ended('0.1', '40')}`), parent: "''", follows: "''", parent_wait: "''", bulk_run: "''",
  }, 'FROM g JOIN applications t ON t.id = g.tmpl JOIN ti ON ti.id = g.tmpl');
  // The approved cases noted by the cases' trigger, linked for the dashboard's approved subjects as the dashboard would.
  sql += linkStatements.map((s) => `${s};\n`).join('');
  sql += copyInto(columns('tasks'), 'tasks', {
    id: `'gk' || printf('%08d', g.n) || printf('%05d', t.rowid)`, application: 'g.id',
    assignee_unit: remapUnit('t.assignee_unit'), assignee_user: officerOf('t.assignee_user'),
    village: remapUnit('t.village'), township: remapUnit('t.township'),
    status: ended('t.status', `CASE t.status WHEN 'open' THEN 'done' ELSE t.status END`),
    closed_at: `CASE WHEN t.status = 'open' AND g.active THEN '' ELSE ${ts('g.at + 20')} END`,
    due_at: `CASE WHEN t.due_at = '' THEN '' ELSE ${ts('g.at + 3 + (g.n % 17) + (t.rowid % 5)')} END`,
    opened_at: ts('g.at'), created: ts('g.at'), updated: ts('g.at + 0.1'),
    // Its copies of its own case's number, flags and title, as every writer sets them (migrations 1764201701, 1764202201 refuse others).
    case_serial: `(SELECT CAST(substr(a.case_no, length(rtrim(a.case_no, replace(a.case_no, '-', ''))) + 1) AS INTEGER) FROM applications a WHERE a.id = g.id)`,
    case_flags: `(SELECT ${caseFlagsSql('a')} FROM applications a WHERE a.id = g.id)`,
    case_flagged: `(SELECT ${caseFlagsSql('a')} != '' FROM applications a WHERE a.id = g.id)`,
    case_no: '(SELECT a.case_no FROM applications a WHERE a.id = g.id)',
    case_title: '(SELECT a.title FROM applications a WHERE a.id = g.id)',
  }, 'FROM g JOIN tasks t ON t.application = g.tmpl JOIN ti ON ti.id = g.tmpl');
  sql += copyInto(columns('events'), 'events', {
    id: `'ge' || printf('%08d', g.n) || printf('%05d', t.rowid)`, application: 'g.id', actor_id: officerOf('t.actor_id'),
    data_patch: rewrite('t.data_patch'), data_masked: rewrite('t.data_masked'), replay: rewrite('t.replay'),
    at: `strftime('%Y-%m-%dT%H:%M:%fZ', g.at + t.seq / 100.0)`, created: ts('g.at + t.seq / 100.0'), updated: ts('g.at + t.seq / 100.0'),
    // Its copies of its own case's number and title, as every writer sets them (migration 1764202301).
    case_no: '(SELECT a.case_no FROM applications a WHERE a.id = g.id)',
    case_title: '(SELECT a.title FROM applications a WHERE a.id = g.id)',
  }, 'FROM g JOIN events t ON t.application = g.tmpl JOIN ti ON ti.id = g.tmpl');
  sql += copyInto(columns('documents'), 'documents', {
    id: `'gd' || printf('%08d', g.n) || printf('%05d', t.rowid)`, application: 'g.id', number: `CASE WHEN t.number = '' THEN '' ELSE t.number || '-G' || g.n END`,
    created: ts('g.at + 1'), updated: ts('g.at + 1'),
  }, 'FROM g JOIN documents t ON t.application = g.tmpl');
  // The cases noted by the cases' and events' triggers, their acts kept per actor for the filtered 已办, as the server links them.
  sql += actedCasesLink().map((s) => `${s};\n`).join('');
  // 抄送: about 1 % of the cases copied to an officer of the next township (case_readers, as verb.cc writes them).
  sql += copyInto(columns('case_readers'), 'case_readers', {
    id: `'gr' || printf('%013d', g.n)`, application: 'g.id', reason: "'cc'", created: ts('g.at + 2'),
    user: `'gu' || printf('%08d', ((SELECT t FROM gt WHERE gt.id = g.township) + 1) % ${shape.townships}) || 't0000'`,
  }, `FROM g WHERE g.n % 97 = 0 AND g.township != ''`);
  sql += `COMMIT;\nPRAGMA journal_mode = WAL;\nPRAGMA analysis_limit = 1000;\nPRAGMA optimize;\n`;
  return sql;
}

const tables = ['applications', 'tasks', 'events', 'documents', 'case_readers', 'users', 'subjects', 'org_units'];

/** The cached folder for `shape`, generated first when there is none. */
export async function queuesDataFolder(shape: CountyShape = countyAtScale, log: (line: string) => void = () => {}): Promise<QueuesDataFolder> {
  const root = path.join(repoRoot, '.tmp', 'bench-queues');
  const key = `v${generatorVersion}-${shape.cases}-${shape.townships}x${shape.villagesPerTownship}`;
  const dataDir = path.join(root, key);
  const db = path.join(dataDir, 'data.db');
  const done = path.join(dataDir, 'generated.json');
  const rowsNow = () => Object.fromEntries(tables.map((t) => [t, Number(sqlite(db, `SELECT count(*) FROM ${t};`).trim())]));
  if (existsSync(done)) return { dataDir, shape, generatedSeconds: 0, rows: rowsNow() };

  const building = `${dataDir}.building`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  const t0 = performance.now();
  log(`generating ${shape.cases.toLocaleString('en-US')} cases into ${path.relative(repoRoot, dataDir)} …`);
  const booted = await bootTongban({ port: await freePort(), dataDir: building, env: { TONGBAN_MAIL_SINK: 'memory', TONGBAN_NO_BACKGROUND: '1' }, demoCases: true });
  await booted.server.stop();
  const tBoot = performance.now();
  const buildingDb = path.join(building, 'data.db');
  const sql = generationSql(buildingDb, shape);
  writeFileSync(path.join(building, 'generate.sql'), sql);
  await sqliteAsync(buildingDb, sql);
  const seconds = (performance.now() - t0) / 1000;
  rmSync(dataDir, { recursive: true, force: true });
  renameSync(building, dataDir);
  const rows = rowsNow();
  writeFileSync(done, JSON.stringify({ generatorVersion, shape, seconds, templateSeconds: (tBoot - t0) / 1000, rows }, null, 2));
  log(`generated in ${seconds.toFixed(1)} s (template ${((tBoot - t0) / 1000).toFixed(1)} s): ${JSON.stringify(rows)}`);
  return { dataDir, shape, generatedSeconds: seconds, rows };
}
