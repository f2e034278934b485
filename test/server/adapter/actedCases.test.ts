import { describe, expect, it } from 'vitest';
import { linkStatements } from '../../../server/adapter/actedCases.js';
import { keptAndCounted as runChecks, migrationStatements, randomOf, sqliteShell as shell } from '../../support/migrationScript.js';

/**
 * The acts kept per actor and case for 已办 with a filter (server/adapter/actedCases.ts, migration
 * 1764202101): the migration's statements and the linking statements run in the sqlite3 shell on
 * small tables of cases and events, through random writes of every kind the triggers note (events
 * written, given another actor, case or moment, deleted; cases opened, moved to another step, due
 * date, township or village, flagged, deleted, written after their events), with the noted cases
 * linked at random moments, whole or a few cases to a transaction as the server links them. After
 * every linking the kept rows are compared, all of them, with the acts counted from the events and
 * their cases themselves.
 */

const statements = () => migrationStatements('1764202101_tongban_acted_cases.js');
const sql = (lines: readonly string[]) => lines.map((s) => `${s};`).join('\n');

/** Linking until nothing is noted: the server's loop, unrolled (a pass with nothing noted changes nothing). */
const linkInBatchesOfThree = Array.from({ length: 40 }, () => sql(linkStatements(3))).join('\n');

/** The kept rows, and the same rows counted from the events and their cases, each as one line. */
const kept = `SELECT group_concat(r, ';') FROM (SELECT actor_id || ',' || application || ',' || events || ',' || last_at || ',' || workflow_key || ',' || step || ','
  || township || ',' || village || ',' || due_at || ',' || COALESCE(flags, 'NULL') AS r FROM acted_cases ORDER BY actor_id, application)`;
const counted = `SELECT group_concat(r, ';') FROM (SELECT e.actor_id || ',' || e.application || ',' || count(*) || ',' || max(e.created) || ',' || c.workflow_key || ',' || c.step || ','
  || c.township || ',' || c.village || ',' || c.due_at || ',' || COALESCE(c.flags, 'NULL') AS r
  FROM events e JOIN applications c ON c.id = e.application WHERE e.actor_id != '' GROUP BY e.actor_id, e.application ORDER BY e.actor_id, e.application)`;
const check = (label: string) => `SELECT 'check|${label}|' || COALESCE((${kept}), '') || '|' || COALESCE((${counted}), '');`;

/** A script of `writes` random writes (`before` cases with events written before the migration), linked and checked every few writes. */
function script(seed: number, before: number, writes: number): string {
  const random = randomOf(seed);
  const lines = [
    `CREATE TABLE applications (id TEXT PRIMARY KEY, workflow_key TEXT NOT NULL DEFAULT '', step TEXT NOT NULL DEFAULT '', township TEXT NOT NULL DEFAULT '',
       village TEXT NOT NULL DEFAULT '', due_at TEXT NOT NULL DEFAULT '', flags JSON DEFAULT NULL, title TEXT NOT NULL DEFAULT '', updated TEXT NOT NULL DEFAULT '');`,
    `CREATE TABLE events (id TEXT PRIMARY KEY, application TEXT NOT NULL DEFAULT '', actor_id TEXT NOT NULL DEFAULT '', created TEXT NOT NULL DEFAULT '', seq NUMERIC DEFAULT 0 NOT NULL);`,
    'CREATE UNIQUE INDEX idx_events_application_seq ON events (application, seq);',
  ];
  let cases = 0;
  let events = 0;
  const caseId = (n: number) => `'c${String(n).padStart(3, '0')}'`;
  // Now and then a case that is not (yet) written: an event before its case, or of a case deleted.
  const anyCase = () => caseId(1 + random(cases + 2));
  const moment = () => `'2024-0${1 + random(9)}-${String(1 + random(28)).padStart(2, '0')} 0${random(10)}:00:00.000Z'`;
  const actor = () => (random(8) === 0 ? "''" : `'u${random(4)}'`);
  const flags = () => ['NULL', "'[]'", `'["relativeFiling"]'`, `'["relativeFiling","late"]'`][random(4)];
  const insertCase = (id = caseId(++cases)) =>
    `INSERT OR IGNORE INTO applications (id, workflow_key, step, township, village, due_at, flags) VALUES (${id}, 'w${random(2)}', 's${random(3)}', 't${random(2)}', 'v${random(3)}', ${random(3) === 0 ? "''" : moment()}, ${flags()});`;
  const insertEvent = () => `INSERT INTO events (id, application, actor_id, created, seq) VALUES ('e${++events}', ${anyCase()}, ${actor()}, ${moment()}, ${events});`;
  const anyEvent = () => `'e${1 + random(events + 1)}'`;
  for (let i = 0; i < before; i++) lines.push(insertCase(), insertEvent(), insertEvent());
  lines.push(sql(statements().up));
  lines.push(check('after the migration'));
  const writesOfEveryKind = [
    // Acts and openings the most (the tables grow), deletions the least.
    ...Array.from({ length: 4 }, () => () => `${insertCase()} ${insertEvent()}`),
    ...Array.from({ length: 6 }, () => insertEvent),
    () => insertCase(anyCase()),
    () => `UPDATE applications SET step = 's${random(3)}', updated = ${moment()} WHERE id = ${anyCase()};`,
    () => `UPDATE applications SET due_at = ${random(3) === 0 ? "''" : moment()} WHERE id = ${anyCase()};`,
    () => `UPDATE applications SET township = 't${random(2)}', village = 'v${random(3)}' WHERE id = ${anyCase()};`,
    () => `UPDATE applications SET workflow_key = 'w${random(2)}' WHERE id = ${anyCase()};`,
    () => `UPDATE applications SET flags = ${flags()} WHERE id = ${anyCase()};`,
    // A write that moves no filter column notes nothing and changes no kept row.
    () => `UPDATE applications SET title = 'x${random(9)}', updated = ${moment()} WHERE id = ${anyCase()};`,
    () => `DELETE FROM applications WHERE id = ${anyCase()};`,
    () => `UPDATE events SET actor_id = ${actor()} WHERE id = ${anyEvent()};`,
    () => `UPDATE events SET application = ${anyCase()} WHERE id = ${anyEvent()};`,
    () => `UPDATE events SET created = ${moment()} WHERE id = ${anyEvent()};`,
    () => `DELETE FROM events WHERE id = ${anyEvent()};`,
  ];
  for (let w = 0; w < writes; w++) {
    lines.push(writesOfEveryKind[random(writesOfEveryKind.length)]!());
    if (w % 6 !== 5) continue;
    lines.push(random(2) === 0 ? sql(linkStatements()) : linkInBatchesOfThree);
    lines.push(check(`after ${w + 1} writes`));
  }
  return lines.join('\n');
}

describe('the acts kept per actor and case', () => {
  it.each([1, 2, 3, 4, 5, 6])('equal the acts counted from the events and their cases after every linking, through random writes (seed %i)', (seed) => {
    const checks = runChecks(script(seed, seed % 2 === 0 ? 12 : 0, 300));
    expect(checks).toHaveLength(51);
    // The tables are not empty: the checks compare many rows.
    expect(checks.filter((c) => c.counted.split(';').length > 10).length).toBeGreaterThan(30);
    for (const c of checks) expect(c.kept, c.label).toBe(c.counted);
  });

  it('leaves nothing noted once linked, and writes nothing when nothing was noted or a write moved no filter column', () => {
    const output = shell(`${script(7, 10, 30)}
${sql(linkStatements())}
SELECT 'noted|' || COUNT(*) FROM acted_cases_changed;
SELECT 'changes|' || total_changes();
${sql(linkStatements())}
UPDATE applications SET title = 'unfiltered', updated = '2025-01-01 00:00:00.000Z';
SELECT 'noted after a title|' || COUNT(*) FROM acted_cases_changed;
SELECT 'changes|' || (total_changes() - (SELECT COUNT(*) FROM applications));`);
    expect(output).toContain('noted|0');
    expect(output).toContain('noted after a title|0');
    const [before, after] = [...output.matchAll(/changes\|(\d+)/g)].map((m) => m[1]);
    expect(after).toBe(before);
  });

  it('notes the case of a new act and of a moved step, and takes no more cases to a transaction than asked', () => {
    const output = shell(`${script(8, 10, 0)}
INSERT INTO events (id, application, actor_id, created, seq) VALUES ('new', 'c001', 'u1', '2025-01-01 00:00:00.000Z', 1000);
UPDATE applications SET step = 'another' WHERE id IN ('c002', 'c003', 'c004');
SELECT 'noted|' || group_concat(application, ',') FROM (SELECT application FROM acted_cases_changed ORDER BY application);
${sql(linkStatements(3))}
SELECT 'left|' || group_concat(application, ',') FROM acted_cases_changed;`);
    expect(output).toContain('noted|c001,c002,c003,c004');
    expect(output).toContain('left|c004');
  });

  it('is undone by its down migration, which leaves no trigger or table behind', () => {
    const output = shell(`${script(9, 10, 10)}\n${sql(statements().down)}\nSELECT 'left|' || COUNT(*) FROM sqlite_master WHERE name LIKE '%acted_cases%';`);
    expect(output).toContain('left|0');
  });
});
