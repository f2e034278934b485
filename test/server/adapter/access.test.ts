import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../engine/index.js';
import { actorAmongParties, actorOnCase } from '../../../server/adapter/access.js';
import type { PbRecord } from '../../../server/adapter/pocketbase.js';

const villageOfficer: Actor = { id: 'officer1', kind: 'officer', roles: [], orgUnit: { id: 'village1', level: 'village', path: ['county1', 'township1', 'village1'] } };

/** A case record as actorOnCase reads it. */
const caseRecord = (fields: Record<string, string>) => ({ getString: (field: string) => fields[field] ?? '' }) as unknown as PbRecord;

describe('the actor as they act on a case', () => {
  it('lets the village officer who filed for a resident with an account act for them', () => {
    expect(actorAmongParties(villageOfficer, { applicant: 'resident1', starter: 'proxy', filedBy: 'officer1' })).toEqual({ ...villageOfficer, filedFor: 'resident1' });
  });

  it('leaves every other actor as they are: another officer, a case filed for a resident without an account, a case the officer started as an officer', () => {
    expect(actorAmongParties(villageOfficer, { applicant: 'resident1', starter: 'proxy', filedBy: 'officer2' })).toBe(villageOfficer);
    expect(actorAmongParties(villageOfficer, { applicant: '', starter: 'proxy', filedBy: 'officer1' })).toBe(villageOfficer);
    expect(actorAmongParties(villageOfficer, { applicant: 'resident1', starter: 'officer', filedBy: 'officer1' })).toBe(villageOfficer);
  });

  it('is the same whether read from the case record or from the parties the opening route knows before writing it', () => {
    const record = caseRecord({ applicant: 'resident1', starter: 'proxy', filed_by: 'officer1' });
    expect(actorOnCase(villageOfficer, record)).toEqual(actorAmongParties(villageOfficer, { applicant: 'resident1', starter: 'proxy', filedBy: 'officer1' }));
  });
});
