import { describe, expect, it } from 'vitest';
import type { Actor, Effect, JsonValue } from '../../engine/index.js';
import { actors, CaseDriver, shippedDefinition } from '../support/caseDriver.js';

const directory = {
  units: [
    { id: 'reg', kind: 'registration_authority', name: '海安市民政局社会组织管理科' },
    { id: 'edu', kind: 'supervisory_unit', name: '海安市教育体育局' },
  ],
  members: {},
  seed: 'command-1',
};

const officerOf = (unit: string, id: string): Actor => ({ id, kind: 'officer', roles: [], orgUnit: { id: unit, level: 'department' as never, path: ['c1', unit] } });
const registration = officerOf('reg', 'u-registration');
const education = officerOf('edu', 'u-education');
const organisation = actors.applicant;

const volunteers = {
  organisation: { orgType: '社会团体', name: '海安市青年志愿者协会', creditCode: '51320685MJ5803Q69E', category: '公益慈善类', legalRepresentative: '陈晓雯' },
  dissolution: { reason: '自行解散', resolutionDate: '2026-04-18' },
};
const weiqi = {
  organisation: { orgType: '社会团体', name: '海安市围棋协会', creditCode: '51320685MJ5810E67H', category: '体育类', supervisorUnit: 'edu', legalRepresentative: '孙弈' },
  dissolution: { reason: '分立、合并', resolutionDate: '2026-04-18' },
};
const liquidation = {
  leader: '陈晓雯', members: ['王建国', '李秀英'], startedOn: '2026-04-20', completedOn: '2026-05-25', remainingAssets: 12800,
  assetsDisposal: '剩余财产捐赠海安市慈善总会，用于青年志愿服务事业。', debtsSettled: true, report: '清算组清理债权债务完毕，无未了结诉讼，剩余财产已按章程处置。', completed: true,
};

function newCase(facts: Record<string, JsonValue> = { status: '正常' }): CaseDriver {
  const c = new CaseDriver(shippedDefinition('org-deregistration'), new Date('2026-06-01T09:00:00+08:00'));
  c.directory = directory;
  c.subjectFacts = facts;
  return c;
}

const documents = (effects: Effect[]) => effects.filter((e): e is Extract<Effect, { type: 'renderDocument' }> => e.type === 'renderDocument').map((e) => e.template);
const facts = (effects: Effect[]) => Object.fromEntries(effects.filter((e): e is Extract<Effect, { type: 'setSubjectFact' }> => e.type === 'setSubjectFact').map((e) => [e.fact, e.today ? 'today' : e.value]));

describe('注销登记 of a social organisation', () => {
  it('requires the 清算 completed — report, debts settled, assets disposed of — before it may apply', () => {
    const c = newCase();
    c.ok(organisation, 'submit', { data: volunteers });
    expect(c.snapshot.step).toBe('liquidation');
    expect(c.send(organisation, 'submit', { data: { liquidation: { ...liquidation, completed: false } } }).ok).toBe(false);
    expect(c.send(organisation, 'submit', { data: { liquidation: { ...liquidation, debtsSettled: false } } }).ok).toBe(false);
    const { report: _report, ...withoutReport } = liquidation;
    expect(c.send(organisation, 'submit', { data: { liquidation: withoutReport } }).ok).toBe(false);
    c.ok(organisation, 'submit', { data: { liquidation } });
    expect(c.snapshot.step).toBe('accept');
  });

  it('may not be started by a body already 注销 or 撤销', () => {
    for (const status of ['注销', '撤销']) expect(newCase({ status }).send(organisation, 'submit', { data: volunteers }).ok, status).toBe(false);
  });

  it('deregisters at the decision only: status 注销, certificate withdrawn, with the decision and the 注销证明', () => {
    const c = newCase();
    c.ok(organisation, 'submit', { data: weiqi });
    c.ok(organisation, 'submit', { data: { liquidation } });
    expect(c.snapshot.step).toBe('preReview');
    expect(c.offers(registration)).toEqual([]);
    c.ok(education, 'consent', { data: { review: { opinion: '清算在本单位指导下完成，同意注销。' } } });
    c.ok(registration, 'accept');
    expect(documents(c.effects)).toEqual(['org-deregistration/accepted']);
    expect(facts(c.effects)).toEqual({});
    c.advanceDays(7);
    c.ok(registration, 'approve');
    expect(c.snapshot).toMatchObject({ status: 'done', outcome: 'approved', step: 'deregistered' });
    expect(documents(c.effects)).toEqual(['org-deregistration/approved', 'org-deregistration/certificate']);
    expect(facts(c.effects)).toEqual({ status: '注销', registered: false, deregisteredOn: 'today', certificateWithdrawn: true, liquidationCompletedOn: '2026-05-25' });
  });

  it('sends the 清算 back for 补正 with the clock paused, and refuses with reasons and appeal rights', () => {
    const c = newCase();
    c.ok(organisation, 'submit', { data: volunteers });
    c.ok(organisation, 'submit', { data: { liquidation } });
    c.ok(registration, 'accept');
    c.ok(registration, 'requestCorrection', { returnTo: 'liquidation', data: { decision: { missing: ['清算报告未经清算组全体成员签字'] } }, comment: '材料不全' });
    expect(c.snapshot.step).toBe('liquidation');
    expect(c.snapshot.clock.pausedAt).toBeDefined();
    expect(documents(c.effects)).toEqual(['org-deregistration/correction']);
    c.ok(organisation, 'submit');
    expect(c.snapshot.step).toBe('decide');
    c.ok(registration, 'refuse', { data: { decision: { reasons: '清算报告未列明对外债务的清偿情况' } }, comment: '不予注销' });
    expect(c.snapshot).toMatchObject({ status: 'done', outcome: 'rejected', step: 'refused' });
    expect(documents(c.effects)).toEqual(['org-deregistration/refused']);
    expect(facts(c.effects)).toEqual({});
  });

  it('ends without change when the 业务主管单位 does not consent, and the organisation may withdraw during its 清算', () => {
    const c = newCase();
    c.ok(organisation, 'submit', { data: weiqi });
    c.ok(organisation, 'submit', { data: { liquidation } });
    c.ok(education, 'refuse', { data: { review: { opinion: '剩余财产处置不符合章程' } }, comment: '不同意' });
    expect(c.snapshot).toMatchObject({ status: 'done', outcome: 'rejected', step: 'notConsented' });
    expect(documents(c.effects)).toEqual(['org-deregistration/notConsented']);
    const withdrawn = newCase();
    withdrawn.ok(organisation, 'submit', { data: volunteers });
    withdrawn.ok(organisation, 'withdraw');
    expect(withdrawn.snapshot.outcome).toBe('withdrawn');
  });
});
