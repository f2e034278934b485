/** Where a case and an actor sit in the org tree. */
import type { OrgLevel } from '../definition/types.js';

/** The org units of a case's applicant, resolved once when the case starts. */
export interface OrgPath {
  village?: string;
  township?: string;
  county?: string;
}

/** An org unit as the engine sees it. */
export interface OrgUnitRef {
  id: string;
  level: OrgLevel;
  /** Ids of this unit and all its ancestors, top first (county, township, village). */
  path: string[];
}

