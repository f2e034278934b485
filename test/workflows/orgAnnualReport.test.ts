import { describe, expect, it } from 'vitest';
import { periodOf, scheduleMatches, scheduleOpeningData, type Actor, type Effect, type JsonValue, type ScheduleDefinition } from '../../engine/index.js';
import { actors, CaseDriver, shippedDefinition } from '../support/caseDriver.js';
import { nestedData } from '../support/scheduledData.js';

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

const definition = shippedDefinition('org-annual-report');
const annual = definition.schedules!.annual as ScheduleDefinition;
const china = (local: string) => new Date(`${local}+08:00`);

const weiqi = { kind: 'organisation', key: '51320685MJ5810E67H', name: '海安市围棋协会', orgKind: '社会团体', facts: { status: '正常', supervisorUnit: 'edu' } as Record<string, JsonValue> };
const volunteers = { kind: 'organisation', key: '51320685MJ5803Q69E', name: '海安市青年志愿者协会', orgKind: '社会团体', facts: { status: '正常' } as Record<string, JsonValue> };
const report = { summary: '2026年度组织围棋比赛6场、培训班12期，按章程召开理事会两次。', income: 86000, expenditure: 79000, netAssets: 41000, members: 320, audited: true };

/** The case the yearly schedule opens about `subject` on 1月1日 of `year`. */
function scheduledCase(subject: typeof weiqi, year = 2027): CaseDriver {
  const c = new CaseDriver(definition, china(`${year}-01-01T00:00:00`));
  c.directory = directory;
  c.subjectFacts = subject.facts;
  c.data = nestedData(scheduleOpeningData(annual, subject, periodOf('year', c.now)));
  return c;
}

const documents = (effects: Effect[]) => effects.filter((e): e is Extract<Effect, { type: 'renderDocument' }> => e.type === 'renderDocument').map((e) => e.template);
const facts = (effects: Effect[]) => Object.fromEntries(effects.filter((e): e is Extract<Effect, { type: 'setSubjectFact' }> => e.type === 'setSubjectFact').map((e) => [e.fact, e.today ? 'today' : e.value]));
const timers = (effects: Effect[]) => effects.filter((e): e is Extract<Effect, { type: 'scheduleTimer' }> => e.type === 'scheduleTimer').map((e) => [e.key, e.dueAt]);

describe('年检 / 年度工作报告, started every year by its schedule', () => {
  it('selects every registered 社会团体 and 民办非企业单位 (正常 or 责令整改), and opens its case with the year and the organisation', () => {
    const org = (orgKind: string, status: string) => ({ ...volunteers, orgKind, facts: { status } });
    expect(scheduleMatches(annual, org('社会团体', '正常'))).toBe(true);
    expect(scheduleMatches(annual, org('民办非企业单位', '责令整改'))).toBe(true);
    for (const status of ['筹备', '注销', '撤销']) expect(scheduleMatches(annual, org('社会团体', status)), status).toBe(false);
    expect(scheduleMatches(annual, org('基金会', '正常'))).toBe(false);
    expect(scheduleOpeningData(annual, weiqi, periodOf('year', china('2027-01-01T00:00:00')))).toEqual({
      '/report/year': 2027, '/organisation/name': '海安市围棋协会', '/organisation/creditCode': '51320685MJ5810E67H', '/organisation/orgType': '社会团体', '/organisation/supervisorUnit': 'edu',
    });
  });

  it('is due 3月31日, reminded 15 and 3 days before; the 业务主管单位 初审s, the 登记管理机关 concludes 合格 and the result is recorded on the organisation', () => {
    const c = scheduledCase(weiqi);
    expect(c.snapshot.step).toBe('report');
    expect(timers(c.effects)).toEqual([
      ['remind:report#1:1', '2027-03-16T16:00:00.000Z'],
      ['remind:report#1:2', '2027-03-28T16:00:00.000Z'],
      ['overdue:report#1', '2027-03-31T16:00:00.000Z'],
    ]);
    expect(c.send(organisation, 'submit').ok).toBe(false); // nothing reported yet
    c.advanceDays(40);
    c.ok(organisation, 'submit', { data: { report: { year: 2027, ...report } } });
    expect(c.snapshot.step).toBe('supervisorReview');
    expect(c.offers(registration)).toEqual([]);
    c.ok(education, 'pass', { data: { review: { opinion: '初审同意。' } } });
    expect(c.snapshot.step).toBe('authorityReview');
    c.ok(registration, 'conclude', { data: { result: { conclusion: '合格' } } });
    expect(c.snapshot).toMatchObject({ status: 'done', outcome: 'approved', step: 'inspected' });
    expect(documents(c.effects)).toEqual(['org-annual-report/result']);
    expect(facts(c.effects)).toEqual({
      'annualReport.lastYear': 2027, 'annualReport.lastResult': '合格', 'annualReport.results.y2027': '合格', 'annualReport.missedYears': 0, 'annualReport.dormant': false,
    });
  });

  it('goes straight to the 登记管理机关 for a body without 业务主管单位; 基本合格 and 不合格 need the problems written', () => {
    const c = scheduledCase(volunteers);
    c.ok(organisation, 'submit', { data: { report: { year: 2027, ...report } } });
    expect(c.snapshot.step).toBe('authorityReview');
    expect(c.send(registration, 'conclude', { data: { result: { conclusion: '基本合格' } } }).ok).toBe(false);
    c.ok(registration, 'conclude', { data: { result: { conclusion: '基本合格', reasons: '未按规定召开理事会。' } } });
    expect(c.snapshot).toMatchObject({ outcome: 'approved', step: 'inspected' });
    expect(facts(c.effects)).toMatchObject({ 'annualReport.lastResult': '基本合格' });
    const failing = scheduledCase(volunteers);
    failing.ok(organisation, 'submit', { data: { report: { year: 2027, ...report } } });
    failing.ok(registration, 'conclude', { data: { result: { conclusion: '不合格', reasons: '财务收支未纳入法定账簿。' } } });
    expect(failing.snapshot).toMatchObject({ status: 'done', outcome: 'rejected', step: 'unqualified' });
    expect(facts(failing.effects)).toMatchObject({ 'annualReport.lastResult': '不合格', 'annualReport.results.y2027': '不合格' });
  });

  it('returns an incomplete report for 补正 due 5月31日, listing everything at once', () => {
    const c = scheduledCase(weiqi);
    c.advanceDays(30);
    c.ok(organisation, 'submit', { data: { report: { year: 2027, ...report } } });
    c.ok(education, 'requestCorrection', { returnTo: 'lateReport', data: { review: { opinion: '未附审计报告。' } }, comment: '退回补正' });
    expect(c.snapshot.step).toBe('lateReport');
    expect(documents(c.effects)).toEqual(['org-annual-report/correction']);
    expect(timers(c.effects)).toContainEqual(['overdue:lateReport#1', '2027-05-31T16:00:00.000Z']);
    c.ok(organisation, 'submit');
    expect(c.snapshot.step).toBe('supervisorReview');
  });

  it('escalates a missed 3月31日 to the 登记管理机关, which sends a 催报通知书; a report filed by 5月31日 is still inspected', () => {
    const c = scheduledCase(weiqi);
    c.now = china('2027-04-01T00:05:00');
    const overdue = c.send(actors.system, 'deadline.overdue', { timerKey: 'overdue:report#1' });
    expect(overdue.ok).toBe(true);
    expect(c.snapshot.step).toBe('urge');
    expect(c.offers(registration)).toEqual(['urge']);
    c.ok(registration, 'urge');
    expect(documents(c.effects)).toEqual(['org-annual-report/urge']);
    expect(c.snapshot.step).toBe('lateReport');
    c.ok(organisation, 'submit', { data: { report: { year: 2027, ...report } } });
    expect(c.snapshot.step).toBe('supervisorReview');
  });

  it('lets the 登记管理机关 take over when the 业务主管单位 has not 初审ed by 5月31日', () => {
    const c = scheduledCase(weiqi);
    c.ok(organisation, 'submit', { data: { report: { year: 2027, ...report } } });
    c.now = china('2027-06-01T00:05:00');
    expect(c.send(actors.system, 'deadline.overdue', { timerKey: 'overdue:supervisorReview#1' }).ok).toBe(true);
    expect(c.snapshot.step).toBe('authorityReview');
  });

  it('counts the years without a report: one, then two in a row make the organisation dormant', () => {
    const lapse = (subject: typeof weiqi, year: number) => {
      const c = scheduledCase(subject, year);
      c.now = china(`${year}-04-01T00:05:00`);
      c.ok(actors.system, 'deadline.overdue', { timerKey: 'overdue:report#1' });
      c.now = china(`${year}-04-09T00:05:00`);
      c.ok(actors.system, 'deadline.overdue', { timerKey: 'overdue:urge#1' }); // the 催报 was not even sent in time
      expect(c.snapshot.step).toBe('lateReport');
      c.now = china(`${year}-06-01T00:05:00`);
      c.ok(actors.system, 'deadline.overdue', { timerKey: 'overdue:lateReport#1' });
      expect(c.snapshot).toMatchObject({ status: 'done', outcome: 'terminated', step: 'notFiled' });
      return facts(c.effects);
    };
    expect(lapse(volunteers, 2027)).toEqual({ 'annualReport.missedYears': 1, 'annualReport.lastMissedYear': 2027, 'annualReport.results.y2027': '未报', 'annualReport.dormant': false });
    const once = { ...volunteers, facts: { status: '正常', annualReport: { missedYears: 1 } } };
    expect(lapse(once, 2028)).toEqual({ 'annualReport.missedYears': 2, 'annualReport.lastMissedYear': 2028, 'annualReport.results.y2028': '未报', 'annualReport.dormant': true });
  });
});
