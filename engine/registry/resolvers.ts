/**
 * Named assignee resolvers: who acts on a step when the plain level is not enough. A definition
 * names one in `assignee.resolver`; it answers the level and the unit (or, for the applicant
 * level, the applicant's user id) from the case's org path and the parameters.
 */
import type { AssigneeLevel, JsonValue } from '../definition/types.js';
import type { OrgPath } from '../model/index.js';

/** What a resolver sees. */
export interface ResolverInput {
  org: OrgPath;
  applicant: string;
  parameters: Record<string, JsonValue>;
}

/** A named resolver: the acting level and unit, or undefined when it cannot resolve. */
export type AssigneeResolver = (input: ResolverInput) => { level: AssigneeLevel; unit: string } | undefined;

/** Every resolver a definition may name. */
export type ResolverRegistry = Record<string, AssigneeResolver>;

const at = (level: AssigneeLevel): AssigneeResolver => ({ org, applicant }) => {
  const unit = level === 'applicant' ? applicant : org[level];
  return unit ? { level, unit } : undefined;
};

/** The built-in resolvers. */
export const builtInResolvers: ResolverRegistry = {
  /** The authority that confirms (审核确认): the county, or the township where the county delegated it (第2条). */
  confirmingAuthority: (input) => at(input.parameters.confirmLevel === 'township' ? 'township' : 'county')(input),
  /** The township of the applicant's village, falling back to the county where a village reports to it directly. */
  townshipOrCounty: (input) => at('township')(input) ?? at('county')(input),
};
