import { describe, expect, it } from 'vitest';
import { linkStatements } from '../../../server/adapter/approvedSubjects.js';
import { keptAndCounted as runChecks, migrationStatements as statementsOf, randomOf, sqliteShell } from '../../support/migrationScript.js';

/**
 * The approved subjects kept for the dashboard (server/adapter/approvedSubjects.ts, migration
 * 1764201901): the migration's statements and the linking statements run in the sqlite3 shell on a
 * small table of cases, through random writes of every kind the cases' triggers note (approvals in
 * and out of order, refusals, approvals undone, moves between townships and counties, a subject or
 * process changed, approved cases inserted and deleted), with the noted cases linked at random moments
 * and before every count, as the dashboard links them. After every few writes the kept count of
 * several periods and scopes is compared with the distinct count of the cases themselves.
 */

/** The migration's up and down statements, as the migration runs them. */
const migrationStatements = () => statementsOf('1764201901_tongban_dashboard_approved_subjects.js');

const scopes = ['all', 'county', 'township'] as const;

const link = linkStatements.map((s) => `${s};`).join('\n');

/** A script of `writes` random writes on cases (`approvedBefore` of them approved before the migration), with checks every five writes. */
function script(seed: number, approvedBefore: number, writes: number): string {
  const random = randomOf(seed);
  const lines = [
    `CREATE TABLE applications (id TEXT PRIMARY KEY, outcome TEXT NOT NULL DEFAULT '', subject TEXT NOT NULL DEFAULT '', workflow_key TEXT NOT NULL DEFAULT '',
       county TEXT NOT NULL DEFAULT '', township TEXT NOT NULL DEFAULT '', updated TEXT NOT NULL DEFAULT '');`,
    `CREATE TABLE workflow_definitions (key TEXT); INSERT INTO workflow_definitions VALUES ('w1'), ('w2'), ('w1');`,
  ];
  const moment = () => `2024-0${1 + random(3)}-${String(1 + random(28)).padStart(2, '0')} 0${random(3)}:00:00.000Z`;
  let cases = 0;
  const caseId = (n: number) => `'c${String(n).padStart(4, '0')}'`;
  const anyCase = () => caseId(1 + random(cases));
  // One subject in six is none: such a case counts alone.
  const insertCase = () => {
    cases++;
    const subject = random(6) === 0 ? '' : `s${random(8)}`;
    return `INSERT INTO applications (id, subject, workflow_key, county, township, updated) VALUES (${caseId(cases)}, '${subject}', 'w${1 + random(2)}', 'k${random(2)}', 't${random(3)}', '${moment()}');`;
  };
  for (let i = 0; i < approvedBefore; i++) {
    lines.push(insertCase());
    if (random(3) > 0) lines.push(`UPDATE applications SET outcome = 'approved' WHERE id = ${caseId(cases)};`);
  }
  lines.push(...migrationStatements().up.map((s) => `${s};`));
  const writesOfEveryKind = [
    () => `${insertCase()} UPDATE applications SET outcome = 'approved' WHERE id = ${caseId(cases)};`,
    () => `UPDATE applications SET updated = '${moment()}', outcome = 'approved' WHERE id = ${anyCase()} AND outcome != 'approved';`,
    () => `UPDATE applications SET outcome = 'rejected' WHERE id = ${anyCase()};`,
    () => `UPDATE applications SET outcome = '', updated = '${moment()}' WHERE id = ${anyCase()};`,
    () => `UPDATE applications SET township = 't${random(3)}' WHERE id = ${anyCase()};`,
    () => `UPDATE applications SET county = 'k${random(2)}' WHERE id = ${anyCase()};`,
    () => `UPDATE applications SET subject = 's${random(8)}' WHERE id = ${anyCase()};`,
    () => `UPDATE applications SET workflow_key = 'w${1 + random(2)}' WHERE id = ${anyCase()};`,
    () => `DELETE FROM applications WHERE id = ${anyCase()};`,
    () => {
      cases++;
      return `INSERT INTO applications (id, outcome, subject, workflow_key, county, township, updated) VALUES (${caseId(cases)}, 'approved', 's${random(8)}', 'w${1 + random(2)}', 'k${random(2)}', 't${random(3)}', '${moment()}');`;
    },
    () => link,
  ];
  for (let w = 0; w < writes; w++) {
    lines.push(cases === 0 ? writesOfEveryKind[0]!() : writesOfEveryKind[random(writesOfEveryKind.length)]!());
    if (w % 5 !== 4) continue;
    lines.push(link);
    for (let c = 0; c < 4; c++) {
      const [from, to] = [moment(), moment()].sort();
      const scope = scopes[random(3)]!;
      const unit = scope === 'all' ? '' : scope === 'county' ? `k${random(2)}` : `t${random(3)}`;
      const where = scope === 'all' ? '1 = 1' : `a.${scope} = '${unit}'`;
      // The dashboard's query (dashboardFigures.ts, approvedSubjects) and the distinct count it replaced.
      const kept = `SELECT a.workflow_key AS w, COUNT(*) AS n FROM dashboard_approved a INDEXED BY idx_dashboard_approved_${scope}
        WHERE ${where} AND a.workflow_key IN (SELECT key FROM workflow_definitions) AND a.at >= '${from}' AND a.at < '${to}' AND a.prev_${scope} < '${from}'
        GROUP BY a.workflow_key ORDER BY a.workflow_key`;
      const counted = `SELECT a.workflow_key AS w, COUNT(DISTINCT NULLIF(a.subject, '')) + SUM(a.subject = '') AS n FROM applications a
        WHERE a.outcome = 'approved' AND ${where} AND a.updated >= '${from}' AND a.updated < '${to}' GROUP BY a.workflow_key ORDER BY a.workflow_key`;
      const figures = (q: string) => `COALESCE((SELECT group_concat(w || ':' || n, ' ') FROM (${q})), '')`;
      lines.push(`SELECT 'check|${scope} ${unit} ${from}..${to} after ${w + 1} writes|' || ${figures(kept)} || '|' || ${figures(counted)};`);
    }
  }
  return lines.join('\n');
}

describe('the approved subjects kept for the dashboard', () => {
  it.each([1, 2, 3, 4, 5, 6])('counts each subject once per period through random writes (seed %i)', (seed) => {
    const checks = runChecks(script(seed, seed % 2 === 0 ? 40 : 0, 250));
    expect(checks).toHaveLength(200);
    // The periods are not all empty: many find approvals.
    expect(checks.filter((c) => c.counted !== '').length).toBeGreaterThan(40);
    for (const c of checks) expect(c.kept, c.label).toBe(c.counted);
  });

  it('leaves nothing noted once linked, and writes nothing when nothing was noted', () => {
    const output = sqliteShell(`${script(7, 20, 20)}\n${link}\nSELECT 'noted|' || COUNT(*) FROM dashboard_approved_changed;\nSELECT 'changes|' || total_changes();\n${link}\nSELECT 'changes|' || total_changes();`);
    expect(output).toContain('noted|0');
    const [before, after] = [...output.matchAll(/changes\|(\d+)/g)].map((m) => m[1]);
    expect(after).toBe(before);
  });

  it('is undone by its down migration, which leaves no trigger or table behind', () => {
    const { down } = migrationStatements();
    const output = sqliteShell(`${script(8, 10, 10)}\n${down.map((s) => `${s};`).join('\n')}\nSELECT 'left|' || COUNT(*) FROM sqlite_master WHERE name LIKE '%dashboard_approved%';`);
    expect(output).toContain('left|0');
  });
});
