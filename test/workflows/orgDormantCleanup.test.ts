import { describe, expect, it } from 'vitest';
import { periodOf, scheduleMatches, scheduleOpeningData, withFact, type Actor, type Effect, type JsonValue, type ScheduleDefinition, type WorkflowDefinition } from '../../engine/index.js';
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
const organisation = actors.applicant;
const china = (local: string) => new Date(`${local}+08:00`);

const annualReport = shippedDefinition('org-annual-report');
const cleanup = shippedDefinition('org-dormant-cleanup');
const scheduleOf = (def: WorkflowDefinition, name: string) => def.schedules![name] as ScheduleDefinition;

/** An organisation of the register as the schedules see it, whose facts the cases change. */
interface Registered { kind: string; key: string; name: string; orgKind: string; facts: Record<string, JsonValue> }

const documents = (effects: Effect[]) => effects.filter((e): e is Extract<Effect, { type: 'renderDocument' }> => e.type === 'renderDocument').map((e) => e.template);
const facts = (effects: Effect[]) => Object.fromEntries(effects.filter((e): e is Extract<Effect, { type: 'setSubjectFact' }> => e.type === 'setSubjectFact').map((e) => [e.fact, e.today ? 'today' : e.value]));

/** Carries a command's subject facts out on the register, as the server does (a `today` fact is the command's date). */
function apply(subject: Registered, c: CaseDriver): void {
  for (const e of c.effects) if (e.type === 'setSubjectFact') subject.facts = withFact(subject.facts, e.fact, e.today ? new Date(c.now.getTime() + 8 * 3600_000).toISOString().slice(0, 10) : e.value);
}

/** Opens the case a schedule starts about `subject` at `at`. */
function scheduled(def: WorkflowDefinition, schedule: string, subject: Registered, at: Date): CaseDriver {
  const c = new CaseDriver(def, at, { data: nestedData(scheduleOpeningData(scheduleOf(def, schedule), subject, periodOf('year', at))), directory });
  c.subjectFacts = subject.facts;
  return c;
}

/** One year of 年检 on the register: the active body reports and passes, the dormant one lets every deadline pass. */
function inspectionYear(year: number, active: Registered, silent: Registered): void {
  const annual = scheduleOf(annualReport, 'annual');
  expect(scheduleMatches(annual, active) && scheduleMatches(annual, silent), `${year}`).toBe(true);
  const filed = scheduled(annualReport, 'annual', active, china(`${year}-01-01T00:00:00`));
  filed.advanceDays(60);
  filed.ok(organisation, 'submit', { data: { report: { year, summary: `${year - 1}年度组织志愿服务活动120场。`, income: 186000, expenditure: 171500, netAssets: 64200 } } });
  filed.ok(registration, 'conclude', { data: { result: { conclusion: '合格' } } });
  apply(active, filed);

  const lapsed = scheduled(annualReport, 'annual', silent, china(`${year}-01-01T00:00:00`));
  lapsed.now = china(`${year}-04-01T00:05:00`);
  lapsed.ok(actors.system, 'deadline.overdue', { timerKey: 'overdue:report#1' });
  lapsed.ok(registration, 'urge');
  lapsed.now = china(`${year}-06-01T00:05:00`);
  lapsed.ok(actors.system, 'deadline.overdue', { timerKey: 'overdue:lateReport#1' });
  apply(silent, lapsed);
}

function register(): { active: Registered; silent: Registered } {
  return {
    active: { kind: 'organisation', key: '51320685MJ5803Q69E', name: '海安市青年志愿者协会', orgKind: '社会团体', facts: { status: '正常' } },
    silent: { kind: 'organisation', key: '51320685MJ5812G89K', name: '海安市集邮协会', orgKind: '社会团体', facts: { status: '正常' } },
  };
}

/** A cleanup case about a dormant body, opened by the schedule on 7月1日 2028. */
function dormantCase(): { c: CaseDriver; silent: Registered } {
  const { silent } = register();
  silent.facts = { status: '正常', annualReport: { missedYears: 2, lastMissedYear: 2028, dormant: true } };
  return { c: scheduled(cleanup, 'dormant', silent, china('2028-07-01T00:00:00')), silent };
}

describe('僵尸型清理: two simulated years without a report lead to 责令整改 and then 撤销登记', () => {
  it('over two years, only the body that filed no report in either is selected, and it is revoked after notice and 公告', () => {
    const { active, silent } = register();
    const dormant = scheduleOf(cleanup, 'dormant');
    inspectionYear(2027, active, silent);
    expect(silent.facts).toMatchObject({ status: '正常', annualReport: { missedYears: 1, dormant: false, results: { y2027: '未报' } } });
    expect(active.facts).toMatchObject({ annualReport: { lastResult: '合格', missedYears: 0, results: { y2027: '合格' } } });
    // 7月1日 2027: one missed year is not yet two — nobody is selected.
    expect([active, silent].filter((s) => scheduleMatches(dormant, s))).toEqual([]);

    inspectionYear(2028, active, silent);
    expect(silent.facts).toMatchObject({ annualReport: { missedYears: 2, dormant: true, lastMissedYear: 2028, results: { y2027: '未报', y2028: '未报' } } });
    expect([active, silent].filter((s) => scheduleMatches(dormant, s))).toEqual([silent]);

    // 7月1日 2028: the schedule opens the cleanup; the 登记管理机关 orders 整改 within 30 日.
    const c = scheduled(cleanup, 'dormant', silent, china('2028-07-01T00:00:00'));
    apply(silent, c);
    // Opened: the body is marked as in a cleanup, so a later run does not open a second one meanwhile.
    expect(silent.facts).toMatchObject({ status: '正常', annualReport: { cleanupPending: true } });
    expect(scheduleMatches(dormant, silent)).toBe(false);
    expect(c.data).toMatchObject({ organisation: { name: '海安市集邮协会', creditCode: '51320685MJ5812G89K', missedYears: 2, lastMissedYear: 2028 } });
    expect(c.offers(organisation)).toEqual([]);
    c.advanceDays(2);
    c.ok(registration, 'issue', { data: { order: { problems: '连续两年（2027、2028年度）未按规定报送年度工作报告、接受年度检查。', requirements: '补报所欠年度工作报告。' } } });
    apply(silent, c);
    expect(silent.facts).toMatchObject({ status: '责令整改', rectificationOrderedOn: '2028-07-03' });
    expect(documents(c.effects)).toEqual(['org-dormant-cleanup/order']);
    // Ordered Monday 2028-07-03: the 30th day is 08-02, reminded 7 days before.
    expect(c.effects.filter((e) => e.type === 'scheduleTimer').map((e) => [(e as { key: string }).key, (e as { dueAt: string }).dueAt])).toEqual([
      ['remind:rectify#1:1', '2028-07-26T16:00:00.000Z'],
      ['overdue:rectify#1', '2028-08-02T16:00:00.000Z'],
    ]);
    // No rectification by then: the 登记管理机关 gives notice of the intended revocation.
    c.now = china('2028-08-03T00:05:00');
    c.ok(actors.system, 'deadline.overdue', { timerKey: 'overdue:rectify#1' });
    expect(c.snapshot.step).toBe('priorNotice');
    c.ok(registration, 'notify');
    expect(documents(c.effects)).toEqual(['org-dormant-cleanup/priorNotice']);
    // No statement within 5 日 either.
    c.now = china('2028-08-10T00:05:00');
    c.ok(actors.system, 'deadline.overdue', { timerKey: 'overdue:statement#1' });
    expect(c.snapshot.step).toBe('revoke');
    expect(c.send(registration, 'revoke').ok).toBe(false); // the facts and reasons must be written
    c.ok(registration, 'revoke', { data: { decision: { reasons: '责令整改期满未改正，经事先告知，未提出陈述、申辩。' } } });
    apply(silent, c);
    expect(c.snapshot).toMatchObject({ status: 'done', outcome: 'approved', step: 'revoked' });
    expect(documents(c.effects)).toEqual(['org-dormant-cleanup/revoked', 'org-dormant-cleanup/announcement']);
    expect(silent.facts).toMatchObject({ status: '撤销', registered: false, revokedOn: '2028-08-10', certificateWithdrawn: true });
    // A revoked body gets no more 年检 and no second cleanup.
    expect(scheduleMatches(scheduleOf(annualReport, 'annual'), silent)).toBe(false);
    expect(scheduleMatches(dormant, silent)).toBe(false);
  });

  it('ends the cleanup when the body rectifies in time: status 正常 again, no longer dormant', () => {
    const { c, silent } = dormantCase();
    c.ok(registration, 'issue', { data: { order: { problems: '连续两年未按规定接受年度检查。' } } });
    apply(silent, c);
    expect(c.offers(organisation)).toContain('save');
    expect(c.send(organisation, 'submit', { data: { rectification: { reportsFiled: false, report: '已召开理事会，正在补报年度工作报告。' } } }).ok).toBe(false);
    c.ok(organisation, 'submit', { data: { rectification: { reportsFiled: true, report: '已补报2027、2028年度工作报告，召开会员大会完成换届。' } } });
    c.ok(registration, 'accept');
    apply(silent, c);
    expect(c.snapshot).toMatchObject({ status: 'done', outcome: 'terminated', step: 'rectified' });
    expect(documents(c.effects)).toEqual(['org-dormant-cleanup/rectified']);
    expect(silent.facts).toMatchObject({ status: '正常', annualReport: { dormant: false, missedYears: 0, cleanupPending: false } });
  });

  it('hears the body’s statement after a failed rectification, and may spare it', () => {
    const { c, silent } = dormantCase();
    c.ok(registration, 'issue', { data: { order: { problems: '连续两年未按规定接受年度检查。' } } });
    c.ok(organisation, 'submit', { data: { rectification: { reportsFiled: true, report: '已补报年度工作报告。' } } });
    c.ok(registration, 'reject', { comment: '补报的报告缺少财务数据，整改不到位。' });
    expect(c.snapshot.step).toBe('priorNotice');
    c.ok(registration, 'notify');
    expect(c.send(organisation, 'submit').ok).toBe(false); // a statement needs its text
    c.ok(organisation, 'submit', { data: { statement: { text: '财务数据已由会计师事务所审计，现补交审计报告。' } } });
    c.ok(registration, 'spare', { comment: '采纳申辩意见。' });
    apply(silent, c);
    expect(c.snapshot).toMatchObject({ status: 'done', step: 'rectified' });
    expect(silent.facts).toMatchObject({ status: '正常', annualReport: { dormant: false } });
  });

  it('lets the 登记管理机关 dismiss a selection that proves wrong, and the body is no longer dormant', () => {
    const { c, silent } = dormantCase();
    c.ok(registration, 'dismiss', { comment: '该组织已于纸质渠道报送年度工作报告，系统数据未同步。' });
    apply(silent, c);
    expect(c.snapshot).toMatchObject({ status: 'done', outcome: 'terminated', step: 'dismissed' });
    expect(facts(c.effects)).toEqual({ 'annualReport.dormant': false, 'annualReport.cleanupPending': false });
    expect(silent.facts.status).toBe('正常');
  });
});
