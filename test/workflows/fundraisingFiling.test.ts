import { describe, expect, it } from 'vitest';
import { durationDue } from '../../engine/calendar/durationDue.js';
import { compileWorkflow, createWorkingCalendar, startCase, starterFor, type Actor, type Effect, type JsonValue } from '../../engine/index.js';
import { actors, CaseDriver, processModules, shippedDefinition } from '../support/caseDriver.js';
import { disclosuresDue } from '../../workflows/fundraising-filing/disclosureSchedule.js';

/** The county's units beside the chain: the 登记管理机关 and a 业务主管单位. */
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

/** A 12-month campaign starting 2026-10-01, filed on 2026-09-15 (16 days before). */
const plan = (campaign: Record<string, JsonValue> = {}, filing: Record<string, JsonValue> = { kind: '首次备案' }): Record<string, JsonValue> => ({
  organisation: { name: '海安市青年志愿者协会', creditCode: '51320685MJ5803Q69E', contact: '陈晓雯', phone: '0513-88881234' },
  filing,
  campaign: {
    title: '“暖冬助学”困难学生资助募捐', purpose: '资助家庭经济困难的中小学生。', emergency: false, startDate: '2026-10-01', endDate: '2027-09-30',
    area: '海安市行政区域内', method: '设置募捐箱', personInCharge: '陈晓雯', bankAccount: '3206 2100 0012 3456 789', target: 300000,
    beneficiaries: '困难学生约300名', use: '发放助学物资', cost: '不超过募得款物的5%', leftover: '用于目的相近的助学项目', ...campaign,
  },
});

function newCase(start = '2026-09-15T09:00:00+08:00', facts: Record<string, JsonValue> = { charity: { publicFundraising: true } }): CaseDriver {
  const c = new CaseDriver(shippedDefinition('fundraising-filing'), new Date(start));
  c.directory = directory;
  c.subjectFacts = facts;
  return c;
}
const documents = (effects: Effect[]) => effects.filter((e): e is Extract<Effect, { type: 'renderDocument' }> => e.type === 'renderDocument').map((e) => e.template);
const children = (effects: Effect[]) => effects.filter((e): e is Extract<Effect, { type: 'startChildCase' }> => e.type === 'startChildCase');
const accepted = { review: { recordNo: '海民募备〔2026〕7号' } };

describe('公开募捐方案备案', () => {
  it('is open only to a 慈善组织 with 公募资格; others are refused at the start with the reason', () => {
    const def = shippedDefinition('fundraising-filing');
    const orgActor: Actor = { ...actors.applicant, organisation: 'org-1' };
    expect(starterFor(def, orgActor, { as: 'organisation' }, { charity: { publicFundraising: true } }).ok).toBe(true);
    for (const facts of [{}, { charity: { publicFundraising: false } }, undefined] as (Record<string, JsonValue> | undefined)[]) {
      expect(starterFor(def, orgActor, { as: 'organisation' }, facts)).toEqual({ ok: false, message: expect.stringContaining('只有取得公开募捐资格的慈善组织') });
    }
    expect(starterFor(def, actors.applicant, { as: 'resident' }).ok).toBe(false);
  });

  it('takes a plan filed at least 10 日 before the campaign starts, and refuses one filed 9 日 before, saying why', () => {
    expect(newCase('2026-09-21T09:00:00+08:00').send(organisation, 'submit', { data: plan() }).ok).toBe(true);
    const late = newCase('2026-09-22T09:00:00+08:00').send(organisation, 'submit', { data: plan() });
    expect(late.ok).toBe(false);
    if (!late.ok) expect(late.rejection.message).toContain('首次备案须在募捐活动开始之日十日前提出');
  });

  it('lets an emergency campaign file up to 10 日 after it started, not 11', () => {
    const emergency = { emergency: true, startDate: '2026-09-05', endDate: '2027-03-04' };
    expect(newCase('2026-09-15T09:00:00+08:00').send(organisation, 'submit', { data: plan(emergency) }).ok).toBe(true);
    expect(newCase('2026-09-16T09:00:00+08:00').send(organisation, 'submit', { data: plan(emergency) }).ok).toBe(false);
    // Not an emergency: the same dates are too late.
    expect(newCase('2026-09-15T09:00:00+08:00').send(organisation, 'submit', { data: plan({ ...emergency, emergency: false }) }).ok).toBe(false);
  });

  it('refuses a campaign longer than 3 years (1 year in an emergency) or ending before it starts', () => {
    expect(newCase().send(organisation, 'submit', { data: plan({ endDate: '2029-10-01' }) }).ok).toBe(true);
    expect(newCase().send(organisation, 'submit', { data: plan({ endDate: '2029-10-02' }) }).ok).toBe(false);
    expect(newCase().send(organisation, 'submit', { data: plan({ endDate: '2026-09-30' }) }).ok).toBe(false);
    expect(newCase('2026-09-15T09:00:00+08:00').send(organisation, 'submit', { data: plan({ emergency: true, startDate: '2026-09-10', endDate: '2027-09-11' }) }).ok).toBe(false);
  });

  it('asks the 业务主管单位 for consent where the organisation has one; its refusal ends the filing with a notice', () => {
    const supervised = { charity: { publicFundraising: true }, supervisorUnit: 'edu' };
    const missing = newCase(undefined, supervised);
    expect(missing.send(organisation, 'submit', { data: plan() }).ok).toBe(false);
    const c = newCase(undefined, supervised);
    const data = plan();
    c.ok(organisation, 'submit', { data: { ...data, organisation: { ...(data.organisation as Record<string, JsonValue>), supervisorUnit: 'edu' } } });
    expect(c.snapshot.step).toBe('consent');
    expect(c.offers(registration)).toEqual([]);
    expect(c.offers(education)).toEqual(['consent', 'refuse']);
    c.ok(education, 'refuse', { comment: '不同意', data: { consent: { opinion: '本单位正在整改期间，暂不同意开展公开募捐。' } } });
    expect(c.snapshot).toMatchObject({ status: 'done', outcome: 'rejected', step: 'notConsented' });
    expect(documents(c.effects)).toEqual(['fundraising-filing/notConsented']);

    const yes = newCase(undefined, supervised);
    yes.ok(organisation, 'submit', { data: { ...data, organisation: { ...(data.organisation as Record<string, JsonValue>), supervisorUnit: 'edu' } } });
    yes.ok(education, 'consent', { data: { consent: { opinion: '同意。' } } });
    expect(yes.snapshot.step).toBe('review');
  });

  it('goes straight to the 登记管理机关 without one, which accepts and publishes within 10 日 with a 备案回执, and starts one disclosure task per 3 months and the final one', () => {
    const c = newCase();
    c.ok(organisation, 'submit', { data: plan() });
    expect(c.snapshot.step).toBe('review');
    expect(c.data.obligations).toEqual({
      items: [
        { kind: '定期公开', periodEnd: '2027-01-01', dueDate: '2027-01-01' },
        { kind: '定期公开', periodEnd: '2027-04-01', dueDate: '2027-04-01' },
        { kind: '定期公开', periodEnd: '2027-07-01', dueDate: '2027-07-01' },
        { kind: '结束后全面公开', periodEnd: '2027-09-30', dueDate: '2027-12-30' },
      ],
    });
    // 10 日 from 2026-09-15: the 25th is 中秋节, so 24:00 of Monday the 28th (China time).
    expect(c.snapshot.tasks[0]).toMatchObject({ step: 'review', dueAt: '2026-09-28T16:00:00.000Z' });
    expect(c.send(registration, 'accept').ok).toBe(false);
    c.ok(registration, 'accept', { data: accepted });
    expect(c.snapshot.step).toBe('disclosures');
    expect(c.snapshot.milestones).toHaveProperty('published');
    expect(documents(c.effects)).toEqual(['fundraising-filing/receipt']);
    expect(c.effects).toContainEqual({ type: 'setSubjectFact', fact: 'charity.lastFilingRecordNo', value: '海民募备〔2026〕7号' });
    const started = children(c.effects);
    // The child's data by pointer: the item's kind and dates, the organisation and the record.
    expect(started.map((s) => ({ kind: s.data['/report/kind'], periodEnd: s.data['/report/periodEnd'], dueDate: s.data['/report/dueDate'] }))).toEqual((c.data.obligations as { items: JsonValue[] }).items);
    expect(started[0]!.data).toMatchObject({ '/report/creditCode': '51320685MJ5803Q69E', '/report/recordNo': '海民募备〔2026〕7号', '/report/campaignStart': '2026-10-01' });
    started.forEach((s, i) => {
      expect(c.snapshot.status).toBe('active');
      c.ok(actors.system, 'child.settled', { child: { case: `child-${i}`, wait: s.wait!, outcome: 'approved' } });
    });
    expect(c.snapshot).toMatchObject({ status: 'done', outcome: 'approved', step: 'completed' });
  });

  it('owes a campaign of 6 months or less only the final disclosure', () => {
    expect(disclosuresDue('2026-10-01', '2027-04-01', {})).toEqual([{ kind: '结束后全面公开', periodEnd: '2027-04-01', dueDate: '2027-07-01' }]);
    expect(disclosuresDue('2026-10-01', '2027-04-02', {}).map((d) => d.periodEnd)).toEqual(['2027-01-01', '2027-04-01', '2027-04-02']);
    expect(disclosuresDue('2026-08-31', '2026-11-30', {})).toEqual([{ kind: '结束后全面公开', periodEnd: '2026-11-30', dueDate: '2027-02-28' }]);
  });

  it('asks once for everything missing; the organisation completes within 5 日 and the filing goes back to the 登记管理机关', () => {
    const c = newCase();
    c.ok(organisation, 'submit', { data: plan() });
    c.ok(registration, 'requestCompletion', { returnTo: 'supplement', comment: '材料不齐', data: { review: { missing: ['募捐负责人的身份证明', '募捐箱设置地点清单'] } } });
    expect(c.snapshot.step).toBe('supplement');
    expect(documents(c.effects)).toEqual(['fundraising-filing/completion']);
    // 5 日 from 2026-09-15: the 20th, a Sunday worked in exchange for 国庆 (调休), so 24:00 of that day.
    expect(c.snapshot.tasks[0]).toMatchObject({ step: 'supplement', dueAt: '2026-09-20T16:00:00.000Z' });
    c.advanceDays(3);
    c.ok(organisation, 'submit', { data: plan({ partners: '海安市各中小学校' }) });
    expect(c.snapshot.step).toBe('review');
  });

  it('lets the organisation withdraw instead, and refuses the filing when 5 日 pass with neither', () => {
    const w = newCase();
    w.ok(organisation, 'submit', { data: plan() });
    w.ok(registration, 'requestCompletion', { returnTo: 'supplement', comment: '材料不齐', data: { review: { missing: ['募捐箱设置地点清单'] } } });
    w.ok(organisation, 'withdraw');
    expect(w.snapshot).toMatchObject({ status: 'done', outcome: 'withdrawn' });

    const c = newCase();
    c.ok(organisation, 'submit', { data: plan() });
    c.ok(registration, 'requestCompletion', { returnTo: 'supplement', comment: '材料不齐', data: { review: { missing: ['募捐箱设置地点清单'] } } });
    expect(c.effects.filter((e) => e.type === 'scheduleTimer').map((e) => (e as { key: string }).key)).toEqual(['remind:supplement#1:1', 'overdue:supplement#1']);
    c.advanceDays(7);
    c.ok(actors.system, 'deadline.overdue', { timerKey: 'overdue:supplement#1' });
    expect(c.snapshot).toMatchObject({ status: 'done', outcome: 'rejected', step: 'lapsed' });
    expect(documents(c.effects)).toEqual(['fundraising-filing/lapsed']);
  });

  it('refuses a plan with reasons and appeal rights', () => {
    const c = newCase();
    c.ok(organisation, 'submit', { data: plan() });
    expect(c.send(registration, 'refuse').ok).toBe(false);
    c.ok(registration, 'refuse', { comment: '不予备案', data: { review: { reasons: '受益人与章程规定的业务范围不符。' } } });
    expect(c.snapshot).toMatchObject({ status: 'done', outcome: 'rejected', step: 'refused' });
    expect(documents(c.effects)).toEqual(['fundraising-filing/refused']);
  });

  it('files a change within 10 日 of it, naming the original record; it starts no new disclosures', () => {
    const change = (changedOn: string) => plan({ endDate: '2027-12-31' }, { kind: '变更备案', originalRecordNo: '海民募备〔2026〕7号', changedOn, changes: '募捐期限延长至2027年12月31日' });
    expect(newCase('2026-11-20T09:00:00+08:00').send(organisation, 'submit', { data: change('2026-11-09') }).ok).toBe(false);
    expect(newCase('2026-11-20T09:00:00+08:00').send(organisation, 'submit', { data: plan({}, { kind: '变更备案', changedOn: '2026-11-15' }) }).ok).toBe(false);
    const c = newCase('2026-11-20T09:00:00+08:00');
    c.ok(organisation, 'submit', { data: change('2026-11-10') });
    c.ok(registration, 'accept', { data: { review: { recordNo: '海民募备〔2026〕7号-1' } } });
    expect(c.snapshot).toMatchObject({ status: 'done', outcome: 'approved', step: 'changed' });
    expect(documents(c.effects)).toEqual(['fundraising-filing/receipt']);
    expect(children(c.effects)).toEqual([]);
  });
});

describe('公开募捐信息公开 (each disclosure a task of the organisation)', () => {
  const wf = compileWorkflow(shippedDefinition('fundraising-disclosure'), { process: processModules.get('fundraising-disclosure') });
  const calendar = createWorkingCalendar();
  const data = { report: { organisationName: '海安市青年志愿者协会', creditCode: '51320685MJ5803Q69E', campaignTitle: '暖冬助学', recordNo: '海民募备〔2026〕7号', kind: '定期公开', periodEnd: '2027-01-01', dueDate: '2027-01-01' } } as Record<string, JsonValue>;

  it('is due at the end of its due date, with reminders 10 and 3 日 before (and no route when it passes: it shows as overdue)', () => {
    const started = startCase(wf, { applicant: actors.applicant.id, org: { county: 'c1' } }, new Date('2026-09-16T09:00:00+08:00'), { calendar, data });
    expect(started.snapshot.tasks[0]).toMatchObject({ step: 'report', dueAt: '2027-01-01T16:00:00.000Z' });
    expect(started.effects.filter((e) => e.type === 'scheduleTimer').map((e) => (e as { key: string }).key)).toEqual(['remind:report#1:1', 'remind:report#1:2']);
    expect(durationDue({ before: 0, of: '/d' }, {}, { d: '2027-01-01' }, new Date('2026-09-16T09:00:00+08:00'), calendar)?.toISOString()).toBe('2027-01-01T16:00:00.000Z');
  });

  it('is published by the organisation with the amounts, the account of their use and the day it was published', () => {
    const c = new CaseDriver(wf, new Date('2026-12-20T09:00:00+08:00'));
    c.data = data;
    expect(c.send(organisation, 'submit', { data: { report: { ...(data.report as Record<string, JsonValue>), raised: 126000 } } }).ok).toBe(false);
    c.ok(organisation, 'submit', { data: { report: { ...(data.report as Record<string, JsonValue>), raised: 126000, spent: 80000, summary: '截至2027年1月1日募得善款12.6万元，已发放8万元。', publishedOn: '2026-12-28' } } });
    expect(c.snapshot).toMatchObject({ status: 'done', outcome: 'approved' });
  });
});
