/**
 * The record API's rule for reading a case (the `listRule` of `applications`, and through
 * `application.` of its tasks) decided in memory for one reader and one case, for the queue's live
 * signal (queueSignals.ts), which must reach exactly the people the rule lets read the task. It says
 * what visibleCaseSql.ts says in SQL, clause for clause — admin; the applicant or an account of the
 * applicant organisation; an officer of a unit of the case's chain or of a unit it was assigned; a
 * drawn pool member; a reader (抄送, 加签) — and nothing of access.ts's wider `canSeeCase` (the
 * officer who filed a case acts on it, but the rule does not show it to them).
 */

/** Who reads: an account as the rule sees it (`@request.auth.*`). */
export interface CaseReader {
  id: string;
  role: string;
  /** The officer's unit; '' for none. */
  orgUnit: string;
  /** The organisation an account acts for; '' for none. */
  organisation: string;
}

/** The columns of a case the rule tests (idx_applications_case_access holds the same). */
export interface CaseAccessColumns {
  county: string;
  township: string;
  village: string;
  applicant: string;
  applicant_org: string;
  /** Ids of the units the case was assigned. */
  assigned_units: readonly string[];
  /** Ids of the pool members drawn for it. */
  assigned_users: readonly string[];
}

/** Whether `reader` may read the case `kase`, whose 抄送 and 加签 readers are `readers` (user ids). */
export function readsCase(reader: CaseReader, kase: CaseAccessColumns, readers: ReadonlySet<string>): boolean {
  if (reader.role === 'admin') return true;
  if (reader.id !== '' && kase.applicant === reader.id) return true;
  if (kase.applicant_org !== '' && kase.applicant_org === reader.organisation) return true;
  if (reader.role === 'officer' && reader.orgUnit !== '') {
    const unit = reader.orgUnit;
    if (kase.county === unit || kase.township === unit || kase.village === unit || kase.assigned_units.includes(unit)) return true;
  }
  if (reader.id === '') return false;
  return kase.assigned_users.includes(reader.id) || readers.has(reader.id);
}

/** A relation list as stored (a JSON array of ids); anything else is no ids, as the rule's SQL reads it. */
export function storedIds(value: string): string[] {
  if (value === '' || value === '[]') return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
