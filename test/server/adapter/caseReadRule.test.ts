import { describe, expect, it } from 'vitest';
import { readsCase, storedIds, type CaseAccessColumns, type CaseReader } from '../../../server/adapter/caseReadRule.js';

const kase: CaseAccessColumns = { county: 'cty', township: 'tsp', village: 'vlg', applicant: 'u-app', applicant_org: '', assigned_units: ['dpf'], assigned_users: ['u-expert'] };
const officer = (orgUnit: string, id = 'u-off'): CaseReader => ({ id, role: 'officer', orgUnit, organisation: '' });
const nobodyReads = new Set<string>();

describe('readsCase, the case read rule in memory', () => {
  it('lets the administrator read every case', () => {
    expect(readsCase({ id: 'u-adm', role: 'admin', orgUnit: '', organisation: '' }, kase, nobodyReads)).toBe(true);
  });

  it('lets the applicant read their case, and an account of the applicant organisation read its', () => {
    expect(readsCase({ id: 'u-app', role: 'applicant', orgUnit: '', organisation: '' }, kase, nobodyReads)).toBe(true);
    expect(readsCase({ id: 'u-org', role: 'applicant', orgUnit: '', organisation: 'org1' }, { ...kase, applicant: '', applicant_org: 'org1' }, nobodyReads)).toBe(true);
    expect(readsCase({ id: 'u-other', role: 'applicant', orgUnit: '', organisation: '' }, kase, nobodyReads)).toBe(false);
  });

  it('does not let an account without an organisation read the cases without one', () => {
    expect(readsCase({ id: 'u-other', role: 'applicant', orgUnit: '', organisation: '' }, { ...kase, applicant: '', applicant_org: '' }, nobodyReads)).toBe(false);
  });

  it('lets an officer of the case’s county, township or village, or of a unit it was assigned, read it, and no other officer', () => {
    for (const unit of ['cty', 'tsp', 'vlg', 'dpf']) expect(readsCase(officer(unit), kase, nobodyReads), unit).toBe(true);
    expect(readsCase(officer('tsp-other'), kase, nobodyReads)).toBe(false);
    expect(readsCase(officer(''), { ...kase, county: '', township: '', village: '' }, nobodyReads)).toBe(false);
  });

  it('reads the units only for officers: an applicant whose organisation shares an id with a unit reads nothing by it', () => {
    expect(readsCase({ id: 'u-x', role: 'applicant', orgUnit: 'tsp', organisation: '' }, kase, nobodyReads)).toBe(false);
  });

  it('lets a drawn pool member and a 抄送 or 加签 reader read the case', () => {
    expect(readsCase(officer('elsewhere', 'u-expert'), kase, nobodyReads)).toBe(true);
    expect(readsCase(officer('elsewhere', 'u-copied'), kase, new Set(['u-copied']))).toBe(true);
  });
});

describe('storedIds', () => {
  it('reads a relation list as stored, and anything malformed as no ids', () => {
    expect(storedIds('["a","b"]')).toEqual(['a', 'b']);
    expect(storedIds('[]')).toEqual([]);
    expect(storedIds('')).toEqual([]);
    expect(storedIds('not json')).toEqual([]);
    expect(storedIds('{"a":1}')).toEqual([]);
  });
});
