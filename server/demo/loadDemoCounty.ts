/**
 * Loads the demo county idempotently: org units by code, accounts by email. A second run finds
 * everything in place and changes nothing.
 */
import { isUscc } from '../../forms/core/index.js';
import type { RestClient, RestRecord } from '../start/restClient.js';
import { demoAccounts, demoOrgUnits, demoPassword } from './demoCounty.js';
import { demoOrganisationAccounts, demoOrganisations } from './demoOrganisations.js';

/** What the loader did. */
export interface DemoLoadReport {
  created: number;
  orgUnitIds: Record<string, string>;
  userIds: Record<string, string>;
}

/** Creates the missing org units and accounts; `client` must be signed in as a superuser. */
export async function loadDemoCounty(client: RestClient): Promise<DemoLoadReport> {
  const orgUnitIds: Record<string, string> = {};
  const userIds: Record<string, string> = {};
  let created = 0;
  for (const unit of demoOrgUnits) {
    let record: RestRecord | undefined = await client.findFirst('org_units', `code = "${unit.code}"`);
    if (!record) {
      const parent = unit.parent ? orgUnitIds[unit.parent] : undefined;
      const parentUnit = demoOrgUnits.find((u) => u.key === unit.parent);
      const county = unit.level === 'county' ? undefined : unit.level === 'township' || unit.level === 'department' ? parent : orgUnitIds[parentUnit?.parent ?? ''];
      const township = unit.level === 'village' ? parent : undefined;
      record = await client.create('org_units', { code: unit.code, name: unit.name, level: unit.level, parent, county, township, ...(unit.kind ? { kind: unit.kind } : {}) });
      if (unit.level === 'county' || unit.level === 'township') {
        // A county is its own county; a township its own township (rules compare against these).
        record = await client.update('org_units', record.id, unit.level === 'county' ? { county: record.id } : { township: record.id });
      }
      created++;
    }
    orgUnitIds[unit.key] = record.id;
  }
  for (const account of demoAccounts) {
    const { record, isNew } = await ensureDemoUser(client, account.email, {
      name: account.name,
      role: account.role,
      org_unit: account.orgUnit ? orgUnitIds[account.orgUnit] : undefined,
      duties: account.duties,
      ...(account.affiliation ? { affiliation: account.affiliation } : {}),
    });
    if (isNew) created++;
    userIds[account.email] = record.id;
  }
  // Organisations (subjects keyed by their 统一社会信用代码) and the accounts that act for them.
  const organisationIds: Record<string, string> = {};
  for (const org of demoOrganisations) {
    let record = await client.findFirst('subjects', `kind = "organisation" && key = "${org.creditCode}"`);
    if (!record) {
      if (!isUscc(org.creditCode)) throw new Error(`demo organisation ${org.key}: ${org.creditCode} is not a valid 统一社会信用代码 (GB 32100)`);
      const facts = org.supervisor ? { ...org.facts, supervisorUnit: orgUnitIds[org.supervisor] } : org.facts;
      record = await client.create('subjects', { kind: 'organisation', key: org.creditCode, name: org.name, org_kind: org.orgKind, county: orgUnitIds[org.county], facts });
      created++;
    }
    organisationIds[org.key] = record.id;
  }
  for (const account of demoOrganisationAccounts) {
    const { record, isNew } = await ensureDemoUser(client, account.email, { name: account.name, role: 'applicant', organisation: organisationIds[account.organisation], duties: [] });
    if (isNew) created++;
    userIds[account.email] = record.id;
  }
  return { created, orgUnitIds, userIds };
}

/** Finds a demo account by email, or creates it (verified, with the demo password) with `fields`. */
async function ensureDemoUser(client: RestClient, email: string, fields: Record<string, unknown>): Promise<{ record: RestRecord; isNew: boolean }> {
  const found = await client.findFirst('users', `email = "${email}"`);
  if (found) return { record: found, isNew: false };
  const record = await client.create('users', { email, emailVisibility: false, verified: true, password: demoPassword, passwordConfirm: demoPassword, ...fields });
  return { record, isNew: true };
}
