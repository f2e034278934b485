/**
 * Where an org-unit field gets its choices: the units of a kind beside the administrative chain
 * (the 业务主管单位 of the applicant's county …). The host app supplies it, since only it knows the
 * server and who is signed in; the server checks the choice again when the case is routed to it.
 */

/** A unit a form field may name. */
export interface OrgUnitChoice {
  /** The unit's id, stored in the form data. */
  id: string;
  name: string;
}

/** Supplies the units of a kind the signed-in user may name. */
export interface OrgUnitSource {
  unitsOfKind(kind: string): Promise<OrgUnitChoice[]>;
}

/** No units (the default until the host sets a source). */
export const noOrgUnits: OrgUnitSource = { unitsOfKind: () => Promise.resolve([]) };

let current: OrgUnitSource = noOrgUnits;

/** The source org-unit fields use. */
export function orgUnitSource(): OrgUnitSource {
  return current;
}

/** Sets the source org-unit fields use. */
export function setOrgUnitSource(source: OrgUnitSource): void {
  current = source;
}

/** The unit kind a field offers (`"x-org-unit": { "kind": "supervisory_unit" }`), if any. */
export function orgUnitKindOf(schema: { [key: string]: unknown } | undefined): string | undefined {
  const spec = schema?.['x-org-unit'];
  return spec !== null && typeof spec === 'object' && typeof (spec as { kind?: unknown }).kind === 'string' ? (spec as { kind: string }).kind : undefined;
}
