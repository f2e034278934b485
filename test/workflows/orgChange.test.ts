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

/** A 公益慈善类 society (直接登记): its changes go straight to the 登记管理机关. */
const volunteers = {
  organisation: { orgType: '社会团体', name: '海安市青年志愿者协会', creditCode: '51320685MJ5803Q69E', category: '公益慈善类' },
  change: { legalRepresentative: '林海燕', address: '海安市长江西路66号', reason: '换届选举产生新任法定代表人；办公场所迁址。' },
};

/** A 体育类 society under the 教育体育局: its changes need the 业务主管单位's review first. */
const weiqi = {
  organisation: { orgType: '社会团体', name: '海安市围棋协会', creditCode: '51320685MJ5810E67H', category: '体育类', supervisorUnit: 'edu' },
  change: { name: '海安市棋类运动协会', purpose: '推广围棋、象棋等棋类运动，组织棋类比赛与培训。', reason: '会员大会决定扩大业务范围并相应更名。' },
};

function newCase(facts: Record<string, JsonValue> = { status: '正常' }, start = '2026-06-01T09:00:00+08:00'): CaseDriver {
  const c = new CaseDriver(shippedDefinition('org-change'), new Date(start));
  c.directory = directory;
  c.subjectFacts = facts;
  return c;
}

const documents = (effects: Effect[]) => effects.filter((e): e is Extract<Effect, { type: 'renderDocument' }> => e.type === 'renderDocument').map((e) => e.template);
const facts = (effects: Effect[]) => Object.fromEntries(effects.filter((e): e is Extract<Effect, { type: 'setSubjectFact' }> => e.type === 'setSubjectFact').map((e) => [e.fact, e.today ? 'today' : e.value]));

describe('变更登记 of a registered social organisation', () => {
  it('goes straight to the 登记管理机关 for a 直接登记 body, and to the 业务主管单位 the form names for the others', () => {
    const direct = newCase();
    direct.ok(organisation, 'submit', { data: volunteers });
    expect(direct.snapshot.step).toBe('accept');
    expect(direct.offers(registration)).toEqual(['accept', 'requestCorrection']);
    const supervised = newCase();
    supervised.ok(organisation, 'submit', { data: weiqi });
    expect(supervised.snapshot.step).toBe('preReview');
    expect(supervised.offers(science)).toEqual([]);
    expect(supervised.offers(registration)).toEqual([]);
    expect(supervised.offers(education)).toEqual(['consent', 'refuse']);
  });

  it('refuses an application that changes nothing, and one from a body no longer registered', () => {
    expect(newCase().send(organisation, 'submit', { data: { ...volunteers, change: { reason: '无' } } }).ok).toBe(false);
    for (const status of ['注销', '撤销', '筹备']) {
      expect(newCase({ status }).send(organisation, 'submit', { data: volunteers }).ok, status).toBe(false);
    }
    expect(newCase({ status: '责令整改' }).send(organisation, 'submit', { data: volunteers }).ok).toBe(true);
  });

  it('changes the record only at 准予变更登记, within 20 working days of 受理', () => {
    const c = newCase();
    c.ok(organisation, 'submit', { data: weiqi });
    c.advanceDays(3);
    c.ok(education, 'consent', { data: { review: { opinion: '同意变更。' } } });
    expect(facts(c.effects)).toEqual({});
    c.ok(registration, 'accept');
    expect(documents(c.effects)).toEqual(['org-change/accepted']);
    // Accepted Thursday 2026-06-04: the 20th working day after it is Friday 07-03 (端午 06-19 is a holiday).
    expect(c.snapshot.clock).toMatchObject({ limitWorkingDays: 20, dueAt: '2026-07-03T16:00:00.000Z' });
    expect(facts(c.effects)).toEqual({});
    c.advanceDays(10);
    c.ok(registration, 'approve');
    expect(c.snapshot).toMatchObject({ status: 'done', outcome: 'approved', step: 'changed' });
    expect(documents(c.effects)).toEqual(['org-change/approved']);
    expect(facts(c.effects)).toEqual({ name: '海安市棋类运动协会', purpose: '推广围棋、象棋等棋类运动，组织棋类比赛与培训。', lastChangedOn: 'today' });
  });

  it('pauses the clock while the organisation 补正s everything it was told at once', () => {
    const c = newCase();
    c.ok(organisation, 'submit', { data: volunteers });
    c.ok(registration, 'accept');
    c.advanceDays(2);
    c.ok(registration, 'requestCorrection', { returnTo: 'apply', data: { decision: { missing: ['会员大会决议', '新任法定代表人身份证明'] } }, comment: '材料不全' });
    expect(documents(c.effects)).toEqual(['org-change/correction']);
    expect(c.snapshot.clock.pausedAt).toBeDefined();
    c.advanceDays(5);
    c.ok(organisation, 'submit');
    expect(c.snapshot.step).toBe('decide');
    expect(c.snapshot.clock.pausedAt).toBeUndefined();
    c.ok(registration, 'approve');
    expect(facts(c.effects)).toEqual({ legalRepresentative: '林海燕', address: '海安市长江西路66号', lastChangedOn: 'today' });
  });

  it('refuses with reasons and appeal rights, or ends when the 业务主管单位 does not consent, leaving the record as it was', () => {
    const refused = newCase();
    refused.ok(organisation, 'submit', { data: volunteers });
    refused.ok(registration, 'accept');
    expect(refused.send(registration, 'refuse').ok).toBe(false); // a refusal needs its reasons
    refused.ok(registration, 'refuse', { data: { decision: { reasons: '拟任法定代表人不具备完全民事行为能力' } }, comment: '不予变更' });
    expect(refused.snapshot).toMatchObject({ status: 'done', outcome: 'rejected', step: 'refused' });
    expect(documents(refused.effects)).toEqual(['org-change/refused']);
    expect(facts(refused.effects)).toEqual({});
    const notConsented = newCase();
    notConsented.ok(organisation, 'submit', { data: weiqi });
    notConsented.ok(education, 'refuse', { data: { review: { opinion: '业务范围超出本单位主管职能' } }, comment: '不同意' });
    expect(notConsented.snapshot).toMatchObject({ status: 'done', outcome: 'rejected', step: 'notConsented' });
    expect(documents(notConsented.effects)).toEqual(['org-change/notConsented']);
  });

  it('reminds the 登记管理机关 three working days before its decision is due', () => {
    const c = newCase();
    c.ok(organisation, 'submit', { data: volunteers });
    c.ok(registration, 'accept');
    const timers = c.effects.filter((e) => e.type === 'scheduleTimer').map((e) => (e as { key: string }).key);
    expect(timers).toEqual(['remind:decide#1:1']);
  });

  it('lets the organisation withdraw before it submits', () => {
    const c = newCase();
    c.ok(organisation, 'withdraw');
    expect(c.snapshot.outcome).toBe('withdrawn');
  });
});
