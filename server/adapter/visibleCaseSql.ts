/**
 * The record API's rule for reading a case (the `listRule` of `applications`, and through
 * `application.` of its tasks, events and documents) as an SQL condition on a case row, for the
 * few routes that count with SQL instead of through the record API. It says exactly what the rule
 * says — admin; the applicant or an account of the applicant organisation; an officer of a unit of
 * the case's chain or of a unit it was assigned; a drawn pool member; a reader (抄送, 加签) — and
 * test/integration/server/adapter/queueCounts.test.ts compares counts made with it to the record
 * API's own. Every column of the case it tests is in the index idx_applications_case_access
 * (migration 1764201101), so a count can decide the rule from that index without the case's row:
 * a column added here belongs in that index too.
 */
import type { PbRecord } from './pocketbase.js';

/** A condition on the case row aliased `alias`, with its named parameters. */
export interface CaseCondition {
  where: string;
  params: Record<string, string>;
}

/**
 * `id` is in the relation list `column` (a JSON array; an empty or malformed value is no ids). The empty
 * list, most cases' value, is answered without json_each (the same answer: no element matches).
 */
const listHas = (column: string, id: string) => `(${column} != '[]' AND EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid(${column}) THEN ${column} ELSE '[]' END) WHERE value = ${id}))`;

/**
 * The cases `auth` may read, as a condition on the case row `alias` (parameters `vis_*`); `undefined`
 * for an administrator, who reads every case.
 */
export function visibleCaseSql(auth: PbRecord, alias: string): CaseCondition | undefined {
  const role = auth.getString('role');
  if (role === 'admin') return undefined;
  const unit = auth.getString('org_unit');
  const organisation = auth.getString('organisation');
  const a = alias;
  // An officer's own units first: most cases an officer reads are of their chain (the test stops at the first match).
  const clauses = role === 'officer' && unit !== ''
    ? [`${a}.county = {:vis_unit}`, `${a}.township = {:vis_unit}`, `${a}.village = {:vis_unit}`, listHas(`${a}.assigned_units`, '{:vis_unit}')]
    : [];
  clauses.push(
    `${a}.applicant = {:vis_me}`,
    `(${a}.applicant_org != '' AND ${a}.applicant_org = {:vis_org})`,
    listHas(`${a}.assigned_users`, '{:vis_me}'),
    `EXISTS (SELECT 1 FROM case_readers vis_r WHERE vis_r.application = ${a}.id AND vis_r.user = {:vis_me})`,
  );
  return { where: `(${clauses.join(' OR ')})`, params: { vis_me: auth.id, vis_org: organisation, vis_unit: unit } };
}
