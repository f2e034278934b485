/**
 * `POST /api/tongban/admin/workflows/{key}/{version}/migration-dry-run`: the dry run of migrating
 * every running case of one version to another (administrators), one line per case — where its
 * step would go, or why it cannot move — and the counts. Nothing is written; each case is then
 * migrated by its own audited command (caseMigration.ts).
 */
import { invalidData } from './httpError.js';
import { planMigration, readStepMap, targetVersion } from './migrationPlanning.js';
import { caseOrg } from './divisionVersions.js';
import { now } from './clock.js';
import { parseBody } from './parseBody.js';
import type { PbApp } from './pocketbase.js';
import type { RouteAnswer } from './routeAnswer.js';

/** Most running cases one dry run reports on. */
export const maxDryRunCases = 2000;

/** One case in the dry run. */
export interface CaseDryRun {
  id: string;
  caseNo: string;
  step: string;
  ok: boolean;
  to: string | null;
  by: 'same' | 'stepMap' | 'cannot';
  problems: { path: string; message: string }[];
  /** Fields with values the target form refuses or no longer has. */
  dataIssues: number;
}

/** Plans the migration of every running case of `key` version `version` to `toVersion`. */
export function versionMigrationDryRun(app: PbApp, key: string, version: string, rawBody: unknown): RouteAnswer {
  const body = parseBody<{ toVersion: number; stepMap?: Record<string, unknown> }>(rawBody, { toVersion: { type: 'integer', required: true }, stepMap: { type: 'object' } });
  const stepMap = readStepMap(body.stepMap);
  const fromVersion = Number(version);
  // The version's national record and the divisions' overlays over it: their cases each move to their division's record of the target.
  const sources = Number.isInteger(fromVersion) ? app.findRecordsByFilter('workflow_definitions', 'key = {:key} && version = {:version}', '', 1000, 0, { key, version: fromVersion }) : [];
  if (sources.length === 0) throw invalidData(`流程“${key}”没有第 ${version} 版。`, [{ path: '/version', message: `流程“${key}”没有第 ${version} 版。` }]);
  const national = targetVersion(app, key, body.toVersion, {});
  const at = now(app);
  const records = app.findRecordsByFilter('applications', `(${sources.map((_, i) => `workflow = {:wf${i}}`).join(' || ')}) && status = "active"`, 'created', maxDryRunCases + 1, 0, Object.fromEntries(sources.map((s, i) => [`wf${i}`, s.id])));
  const cases: CaseDryRun[] = records.slice(0, maxDryRunCases).map((record) => {
    const to = record.getString('county') ? targetVersion(app, key, body.toVersion, caseOrg(record)) : national;
    const planned = planMigration(app, record, to, { stepMap, actor: '', reason: '', at });
    const plan = planned.migration.plan;
    return { id: record.id, caseNo: record.getString('case_no'), step: plan.step.from, ok: plan.ok, to: plan.step.to, by: plan.step.by, problems: plan.problems, dataIssues: planned.dataCheck.invalid.length + planned.dataCheck.dropped.length };
  });
  const movable = cases.filter((c) => c.ok).length;
  return { status: 200, body: { from: { key, version: fromVersion }, to: { key, version: body.toVersion }, total: cases.length, movable, cannot: cases.length - movable, truncated: records.length > maxDryRunCases, cases } };
}
