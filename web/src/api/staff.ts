/**
 * The studio's people and units: accounts (the record API, administrators only), the org tree,
 * the 近亲属 register, and their spreadsheet imports (docs/api.md, "People and units").
 */
import type { RecordModel } from 'pocketbase';
import type { CreatedStaff, RecordedRelative, RegisteredRelative, RelativeImportRow, RowImportAnswer, RowImportRequest, StaffImportRow } from '../../../engine/index.js';
import { pb } from './client.js';

/** A unit of the org tree. */
export interface OrgUnit {
  id: string;
  code: string;
  name: string;
  level: 'county' | 'township' | 'village' | 'department';
  kind: string;
  parent: string;
  county: string;
  township: string;
}

/** An account as the studio lists it. */
export interface StaffMember {
  id: string;
  email: string;
  name: string;
  role: 'applicant' | 'officer' | 'admin';
  orgUnit: string;
  duties: string[];
  phone: string;
  disabled: boolean;
}

function unitOf(r: RecordModel): OrgUnit {
  return { id: r.id, code: r.code as string, name: r.name as string, level: r.level as OrgUnit['level'], kind: (r.kind as string) ?? '', parent: (r.parent as string) ?? '', county: (r.county as string) ?? '', township: (r.township as string) ?? '' };
}

function memberOf(r: RecordModel): StaffMember {
  return { id: r.id, email: r.email as string, name: (r.name as string) ?? '', role: r.role as StaffMember['role'], orgUnit: (r.org_unit as string) ?? '', duties: Array.isArray(r.duties) ? (r.duties as string[]) : [], phone: (r.phone as string) ?? '', disabled: r.disabled === true };
}

/** Every unit of the tree, by code. */
export async function listOrgUnits(): Promise<OrgUnit[]> {
  return (await pb.collection('org_units').getFullList({ sort: 'code', batch: 500 })).map(unitOf);
}

/** Adds a unit under `parent` (its county and township follow from the parent). */
export async function createOrgUnit(unit: Pick<OrgUnit, 'code' | 'name' | 'level' | 'kind'>, parent: OrgUnit | undefined): Promise<OrgUnit> {
  const county = parent ? (parent.level === 'county' ? parent.id : parent.county) : '';
  const township = parent?.level === 'township' ? parent.id : parent?.township ?? '';
  return unitOf(await pb.collection('org_units').create({ ...unit, parent: parent?.id ?? '', county, township: unit.level === 'village' ? township : '' }));
}

/** Renames a unit (its code and place in the tree stay). */
export async function renameOrgUnit(id: string, name: string): Promise<OrgUnit> {
  return unitOf(await pb.collection('org_units').update(id, { name }));
}

/** A page of staff accounts (officers and administrators), by name, optionally searched by name and within a unit. */
export async function listStaff(options: { search?: string; unit?: string; page?: number; perPage?: number } = {}): Promise<{ items: StaffMember[]; page: number; totalPages: number }> {
  const filters = ['role != "applicant"'];
  // By name: PocketBase lets no one but superusers filter on the email.
  if (options.search) filters.push(pb.filter('name ~ {:q}', { q: options.search }));
  if (options.unit) filters.push(pb.filter('org_unit = {:unit}', { unit: options.unit }));
  const list = await pb.collection('users').getList(options.page ?? 1, options.perPage ?? 50, { filter: filters.join(' && '), sort: 'name,email' });
  return { items: list.items.map(memberOf), page: list.page, totalPages: list.totalPages };
}

/** Creates one account with a password the administrator gives. */
export async function createStaff(member: Omit<StaffMember, 'id' | 'disabled'>, password: string): Promise<StaffMember> {
  return memberOf(await pb.collection('users').create({ email: member.email, emailVisibility: false, verified: true, password, passwordConfirm: password, name: member.name, role: member.role, org_unit: member.orgUnit, duties: member.duties, phone: member.phone }));
}

/** Changes an account's name, role, unit, duties, phone or `disabled`. */
export async function updateStaff(id: string, change: Partial<Pick<StaffMember, 'name' | 'role' | 'orgUnit' | 'duties' | 'phone' | 'disabled'>>): Promise<StaffMember> {
  const { orgUnit, ...rest } = change;
  return memberOf(await pb.collection('users').update(id, orgUnit === undefined ? rest : { ...rest, org_unit: orgUnit }));
}

/** Imports staff from a sheet's rows (see docs/api.md). */
export function importStaff(request: RowImportRequest<StaffImportRow>): Promise<RowImportAnswer<CreatedStaff>> {
  return pb.send('/api/tongban/admin/users/import', { method: 'POST', body: request });
}

/** The 近亲属 register (names only). */
export async function listRelatives(): Promise<RegisteredRelative[]> {
  return ((await pb.send('/api/tongban/admin/staff-relatives', {})) as { relatives: RegisteredRelative[] }).relatives;
}

/** Imports 近亲属 declarations from a sheet's rows. */
export function importRelatives(request: RowImportRequest<RelativeImportRow>): Promise<RowImportAnswer<RecordedRelative>> {
  return pb.send('/api/tongban/admin/staff-relatives/import', { method: 'POST', body: request });
}
