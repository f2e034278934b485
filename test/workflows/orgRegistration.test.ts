import { describe, expect, it } from 'vitest';
import type { Actor, Effect, JsonValue } from '../../engine/index.js';
import { actors, CaseDriver, shippedDefinition } from '../support/caseDriver.js';

/** The county's units beside the chain: the 登记管理机关 and two 业务主管单位. */
const directory = {
  units: [
    { id: 'reg', kind: 'registration_authority', name: '海安市民政局社会组织管理科' },
    { id: 'edu', kind: 'supervisory_unit', name: '海安市教育体育局' },
    { id: 'sci', kind: 'supervisory_unit', name: '海安市科学技术局' },
  ],
  members: {},
  seed: 'command-1',
};

const officerOf = (unit: string, id: string): Actor => ({ id, kind: 'officer', roles: [], orgUnit: { id: unit, level: 'department' as never, path: ['c1', unit] } });
const registration = officerOf('reg', 'u-registration');
const education = officerOf('edu', 'u-education');
const science = officerOf('sci', 'u-science');
const organisation = actors.applicant;

/** A 社会团体 of the 教育类, which needs its 业务主管单位's consent first. */
const society = {
  organisation: {
    orgType: '社会团体', name: '海安市青少年科技教育促进会', creditCode: '51320685MJ5804K01A', category: '教育类', supervisorUnit: 'edu',
    legalRepresentative: '周文博', registeredCapital: 50000, address: '海安市长江中路88号', purpose: '普及青少年科学技术知识，组织科技教育活动。',
  },
  members: { individual: 68, unit: 5 },
};

/** A 民办非企业单位 of the 城乡社区服务类: 直接登记, no 业务主管单位. */
const communityCentre = {
  organisation: {
    orgType: '民办非企业单位', name: '海安市城南社区养老服务中心', creditCode: '52320685MJ5805T12A', category: '城乡社区服务类',
    legalRepresentative: '顾丽华', registeredCapital: 100000, address: '海安市城南街道南苑路16号', purpose: '为社区老年人提供日间照料与助餐服务。',
  },
  members: {},
};

const with_ = (base: { organisation: Record<string, JsonValue>; members?: Record<string, JsonValue> }, change: Record<string, JsonValue>) => ({ ...base, organisation: { ...base.organisation, ...change } });

function newCase(start = '2026-06-01T09:00:00+08:00'): CaseDriver {
  const c = new CaseDriver(shippedDefinition('org-registration'), new Date(start));
  c.directory = directory;
  return c;
}

const documents = (effects: Effect[]) => effects.filter((e): e is Extract<Effect, { type: 'renderDocument' }> => e.type === 'renderDocument').map((e) => e.template);
const facts = (effects: Effect[]) => Object.fromEntries(effects.filter((e): e is Extract<Effect, { type: 'setSubjectFact' }> => e.type === 'setSubjectFact').map((e) => [e.fact, e.today ? 'today' : e.value]));
const decision = { registration: { certificateNo: '海民社登字第0201号', validUntil: '2031-06-30' } };

describe('成立登记 of a social organisation', () => {
  it('goes to the 业务主管单位 the applicant names, and only its officers may review', () => {
    const c = newCase();
    c.ok(organisation, 'submit', { data: society });
    expect(c.snapshot.step).toBe('preReview');
    expect(c.offers(science)).toEqual([]);
    expect(c.offers(registration)).toEqual([]);
    expect(c.offers(education)).toEqual(['consent', 'refuse']);
  });

  it('skips the 前置审查 for the four 直接登记 categories (a parameter list)', () => {
    const c = newCase();
    c.ok(organisation, 'submit', { data: communityCentre });
    expect(c.snapshot.step).toBe('accept');
    expect(c.offers(registration)).toEqual(['accept', 'requestCorrection']);
    const tech = newCase();
    tech.ok(organisation, 'submit', { data: with_(society, { category: '科技类', supervisorUnit: null }) });
    expect(tech.snapshot.step).toBe('accept');
  });

  it('refuses to take an application short of members, capital or a lawful name', () => {
    const few = newCase();
    expect(few.send(organisation, 'submit', { data: { ...society, members: { individual: 49, unit: 29 } } }).ok).toBe(false);
    expect(few.send(organisation, 'submit', { data: { ...society, members: { individual: 0, unit: 30 } } }).ok).toBe(true);
    const poor = newCase();
    expect(poor.send(organisation, 'submit', { data: with_(society, { registeredCapital: 29999 }) }).ok).toBe(false);
    for (const name of ['青少年科技教育促进会', '海安市中华科技教育促进会', '海安市青少年科技教育中心']) {
      expect(newCase().send(organisation, 'submit', { data: with_(society, { name }) }).ok, name).toBe(false);
    }
    // A 民办非企业单位 has no members to count.
    expect(newCase().send(organisation, 'submit', { data: communityCentre }).ok).toBe(true);
  });

  it('ends when the 业务主管单位 does not consent, with its reasons and the appeal rights', () => {
    const c = newCase();
    c.ok(organisation, 'submit', { data: society });
    c.ok(education, 'refuse', { data: { review: { opinion: '业务范围与本单位职能不符' } }, comment: '不同意' });
    expect(c.snapshot).toMatchObject({ status: 'done', outcome: 'rejected', step: 'notConsented' });
    expect(documents(c.effects)).toEqual(['org-registration/notConsented']);
    expect(facts(c.effects)).toEqual({});
  });

  it('registers after consent within 60 日 of complete materials: the subject becomes 正常 with its certificate', () => {
    const c = newCase();
    c.ok(organisation, 'submit', { data: society });
    c.advanceDays(2);
    c.ok(education, 'consent', { data: { review: { opinion: '同意成立' } } });
    expect(c.snapshot.clock.startedAt).toBeUndefined();
    c.ok(registration, 'accept');
    expect(documents(c.effects)).toEqual(['org-registration/accepted']);
    // Accepted 2026-06-03: the 60th day, 08-02, is a Sunday, so 24:00 of Monday 08-03.
    expect(c.snapshot.clock).toMatchObject({ limitDays: 60, dueAt: '2026-08-03T16:00:00.000Z' });
    expect(c.send(registration, 'register').ok).toBe(false); // no certificate number yet
    c.advanceDays(20);
    c.ok(registration, 'register', { data: decision });
    expect(c.snapshot).toMatchObject({ status: 'done', outcome: 'approved', step: 'registered' });
    expect(documents(c.effects)).toEqual(['org-registration/approved', 'org-registration/certificate']);
    expect(facts(c.effects)).toEqual({
      status: '正常', registered: true, registeredOn: 'today', certificateNo: '海民社登字第0201号', certificateValidFrom: 'today', certificateValidUntil: '2031-06-30',
      orgType: '社会团体', name: '海安市青少年科技教育促进会', category: '教育类', supervisorUnit: 'edu', legalRepresentative: '周文博', registeredCapital: 50000, address: '海安市长江中路88号',
    });
  });

  it('pauses the 60 日 while the organisation 补正s, and resumes at the decision', () => {
    const c = newCase();
    c.ok(organisation, 'submit', { data: communityCentre });
    c.advanceDays(2);
    c.ok(registration, 'accept');
    c.advanceDays(7);
    c.ok(registration, 'requestCorrection', { returnTo: 'apply', data: { registration: { missing: ['验资报告', '场所使用证明'] } }, comment: '材料不全' });
    expect(documents(c.effects)).toEqual(['org-registration/correction']);
    expect(c.snapshot.step).toBe('apply');
    expect(c.snapshot.clock.pausedAt).toBeDefined();
    c.advanceDays(7);
    c.ok(organisation, 'submit');
    expect(c.snapshot.step).toBe('decide');
    // 7 calendar days of 补正: the last day moves from 08-02 to 08-09, a Sunday, so 24:00 of 08-10.
    expect(c.snapshot.clock).toMatchObject({ pausedDays: 7, dueAt: '2026-08-10T16:00:00.000Z' });
  });

  it('refuses registration with reasons and the appeal rights, and leaves the subject as it was', () => {
    const c = newCase();
    c.ok(organisation, 'submit', { data: communityCentre });
    c.ok(registration, 'accept');
    c.ok(registration, 'refuse', { data: { registration: { reasons: '拟任法定代表人不具备完全民事行为能力' } }, comment: '不予登记' });
    expect(c.snapshot).toMatchObject({ status: 'done', outcome: 'rejected', step: 'refused' });
    expect(documents(c.effects)).toEqual(['org-registration/refused']);
    expect(facts(c.effects)).toEqual({});
  });

  it('lets the organisation withdraw before it submits, and no one else act for it', () => {
    const c = newCase();
    expect(c.offers(registration)).toEqual([]);
    c.ok(organisation, 'withdraw');
    expect(c.snapshot.outcome).toBe('withdrawn');
  });
});
