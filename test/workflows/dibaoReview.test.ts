import { beforeEach, describe, expect, it } from 'vitest';
import { periodByKey, scheduleMatches, scheduleOpeningData, type Effect, type JsonValue, type WorkflowDefinition } from '../../engine/index.js';
import { actors, CaseDriver, shippedDefinition } from '../support/caseDriver.js';

/** The templates of the documents the last command rendered, with their issuer. */
const rendered = (effects: Effect[]) => effects.filter((e): e is Extract<Effect, { type: 'renderDocument' }> => e.type === 'renderDocument').map((e) => `${e.template}@${e.issuer ?? ''}`);
/** The subject facts the last command set. */
const factsSet = (effects: Effect[]) => Object.fromEntries(effects.filter((e): e is Extract<Effect, { type: 'setSubjectFact' }> => e.type === 'setSubjectFact').map((e) => [e.fact, e.today ? 'today' : e.value]));

/** A 全户保 household of two receiving 1,100 元 a month (标准 1,000 × 2 − income 900). */
const household: Record<string, JsonValue> = {
  applicant: { name: '王秀英', idNumber: '32062119650412002X', phone: '13912345678' },
  household: { members: [{ name: '王秀英', idNumber: '32062119650412002X', relation: '本人' }, { name: '李建国', idNumber: '320621196308150010', relation: '配偶' }] },
  income: { wages: 700, transfer: 200 },
};
const facts = { dibao: { status: '在保', category: '全户保', monthlyAmount: 1100, members: 2, since: '2025-04-01' } };
const review = (extra: Record<string, JsonValue> = {}) => ({ review: { method: '入户调查', investigators: ['赵村干', '钱社工'], stopGround: '无', nextCycle: '年度', ...extra } });

describe('the 低保 复核 (动态管理) workflow', () => {
  let c: CaseDriver;
  beforeEach(() => {
    c = new CaseDriver(shippedDefinition('dibao-review'), new Date('2026-12-01T09:00:00+08:00'));
    c.subjectFacts = facts;
  });

  it('starts with the township’s 复核 visit, which no applicant or village may act on', () => {
    expect(c.snapshot.step).toBe('review');
    expect(c.offers(actors.township)).toEqual(['save', 'submit']);
    expect(c.offers(actors.applicant)).toEqual([]);
    expect(c.send(actors.village, 'submit').ok).toBe(false);
  });

  it('maintains an unchanged household: the amount stays, the notice says so, the facts record the review and its next cycle', () => {
    c.ok(actors.township, 'submit', { data: { ...household, ...review({ nextCycle: '半年度' }) } });
    expect(c.data.previous).toEqual({ monthlyAmount: 1100, category: '全户保', members: 2, since: '2025-04-01' });
    expect(c.data.proposal).toMatchObject({ change: '维持', monthlyAmount: 1100, previousAmount: 1100, gradual: false });
    expect(c.snapshot.step).toBe('confirm');
    expect(c.offers(actors.county)).toEqual(['maintain', 'returnToTownship']);
    c.ok(actors.county, 'maintain');
    expect(c.snapshot).toMatchObject({ status: 'done', step: 'maintained', outcome: 'approved' });
    expect(rendered(c.effects)).toEqual(['dibao-review/maintain@county']);
    expect(factsSet(c.effects)).toEqual({ 'dibao.reviewedOn': 'today', 'dibao.reviewCycle': '半年度', 'dibao.relativeFiling': null });
  });

  it('增发 when income fell and 减发 when it rose, each with its notice and the new amount on the household', () => {
    c.ok(actors.township, 'submit', { data: { ...household, income: { transfer: 200 }, ...review({ reasons: ['配偶失业'] }) } });
    expect(c.data.proposal).toMatchObject({ change: '增发', monthlyAmount: 1800, difference: 700 });
    expect(c.offers(actors.county)).toEqual(['adjust', 'returnToTownship']);
    c.ok(actors.county, 'adjust');
    expect(c.snapshot).toMatchObject({ step: 'adjusted', outcome: 'approved' });
    expect(rendered(c.effects)).toEqual(['dibao-review/adjust@county']);
    expect(factsSet(c.effects)).toMatchObject({ 'dibao.monthlyAmount': 1800, 'dibao.members': 2, 'dibao.changedOn': 'today', 'dibao.reviewCycle': '年度' });

    const less = new CaseDriver(shippedDefinition('dibao-review'));
    less.subjectFacts = facts;
    less.ok(actors.township, 'submit', { data: { ...household, income: { wages: 1300, transfer: 200 }, ...review({ reasons: ['配偶务工收入增加'] }) } });
    expect(less.data.proposal).toMatchObject({ change: '减发', monthlyAmount: 500, difference: -600 });
    less.ok(actors.county, 'adjust');
    expect(factsSet(less.effects)).toMatchObject({ 'dibao.monthlyAmount': 500 });
  });

  it('stops only after a 停发 公示 without objection, issues the 停发通知书 with reasons and appeal rights, and ends the household’s 低保 when decided', () => {
    c.ok(actors.township, 'submit', { data: { ...household, ...review({ stopGround: '家庭财产超过规定标准', reasons: ['新增机动车一辆'] }) } });
    expect(c.data.proposal).toMatchObject({ change: '停发', monthlyAmount: 0, gradual: false });
    expect(c.snapshot.step).toBe('publicNotice');
    expect(rendered(c.effects)).toEqual(['dibao-review/notice@township']);
    expect(c.send(actors.county, 'stop').ok).toBe(false);
    c.advanceDays(7);
    c.fireTimer();
    expect(c.snapshot.step).toBe('confirm');
    expect(c.offers(actors.county)).toEqual(['stop', 'returnToTownship']);
    c.ok(actors.county, 'stop');
    expect(rendered(c.effects)).toEqual(['dibao-review/stop@county']);
    expect(factsSet(c.effects)).toMatchObject({ 'dibao.status': '停保', 'dibao.monthlyAmount': 0, 'dibao.stoppedOn': 'today' });
    expect(c.snapshot.step).toBe('deliverStop');
    expect(c.snapshot.tasks[0]).toMatchObject({ level: 'township' });
    c.ok(actors.township, 'delivered', { data: { delivery: { deliveredOn: '2026-12-14', method: '直接送达' } } });
    expect(c.snapshot).toMatchObject({ status: 'done', step: 'stopped', outcome: 'terminated' });
  });

  it('an objection during the 公示 goes to the township, which re-reviews or dismisses it with reasons', () => {
    c.ok(actors.township, 'submit', { data: { ...household, ...review({ stopGround: '迁出本县（市、区）' }) } });
    expect(c.send(actors.township, 'object').ok).toBe(false);
    c.ok(actors.township, 'object', { comment: '邻居反映户主仍在本村居住' });
    expect(c.snapshot.step).toBe('objectionReview');
    c.ok(actors.township, 'reinvestigate', { comment: '重新入户核实' });
    expect(c.snapshot.step).toBe('review');
    c.ok(actors.township, 'submit', { data: review({ stopGround: '无', reasons: ['经核实户主仍在本村居住'] }) });
    expect(c.data.proposal).toMatchObject({ change: '维持' });
    expect(c.snapshot.step).toBe('confirm');

    const d = new CaseDriver(shippedDefinition('dibao-review'));
    d.subjectFacts = facts;
    d.ok(actors.township, 'submit', { data: { ...household, ...review({ stopGround: '保障对象死亡' }) } });
    d.ok(actors.township, 'object', { comment: '亲属对停发有异议' });
    d.ok(actors.township, 'dismiss', { comment: '经核实，保障对象已于2026年11月死亡' });
    expect(d.snapshot.step).toBe('confirm');
    d.ok(actors.county, 'stop');
  });

  it('gives a household whose income rose above the line through work a 渐退期 of gradualMonths: payment goes on, then stops', () => {
    c.ok(actors.township, 'submit', { data: { ...household, income: { wages: 2600, transfer: 200 }, ...review({ employmentIncome: true, reasons: ['户主之子稳定就业'] }) } });
    expect(c.data.proposal).toMatchObject({ change: '停发', gradual: true, gradualMonths: 3 });
    c.advanceDays(7);
    c.fireTimer();
    expect(c.offers(actors.county)).toEqual(['gradualStop', 'returnToTownship']);
    c.ok(actors.county, 'gradualStop');
    expect(rendered(c.effects)).toEqual(['dibao-review/gradual@county']);
    expect(factsSet(c.effects)).toMatchObject({ 'dibao.status': '渐退', 'dibao.gradualFrom': 'today', 'dibao.gradualMonths': 3 });
    c.ok(actors.township, 'delivered');
    expect(c.snapshot).toMatchObject({ status: 'active', step: 'gradualPeriod' });
    // The wait is three months from delivery, by the calendar.
    const timer = c.effects.find((e) => e.type === 'scheduleTimer') as { dueAt: string } | undefined;
    expect(timer?.dueAt).toBe('2027-03-08T16:00:00.000Z');
    c.now = new Date('2027-03-09T09:00:00+08:00');
    c.fireTimer();
    expect(c.snapshot).toMatchObject({ status: 'done', step: 'gradualEnded', outcome: 'terminated' });
    expect(factsSet(c.effects)).toEqual({ 'dibao.status': '停保', 'dibao.monthlyAmount': 0, 'dibao.stoppedOn': 'today' });
  });

  it('a rise above the line not from work, or without a 渐退期 configured, stops without one', () => {
    c.ok(actors.township, 'submit', { data: { ...household, income: { wages: 2600 }, ...review() } });
    expect(c.data.proposal).toMatchObject({ change: '停发', gradual: false });
    const def = shippedDefinition('dibao-review') as WorkflowDefinition & { parameters: Record<string, JsonValue> };
    const d = new CaseDriver({ ...def, parameters: { ...def.parameters, gradualMonths: 0 } });
    d.subjectFacts = facts;
    d.ok(actors.township, 'submit', { data: { ...household, income: { wages: 2600 }, ...review({ employmentIncome: true }) } });
    expect(d.data.proposal).toMatchObject({ change: '停发', gradual: false });
  });

  it('sends a 近亲属备案 household to the county’s check even where the township confirms, and again at its next review', () => {
    const def = shippedDefinition('dibao-review') as WorkflowDefinition & { parameters: Record<string, JsonValue> };
    const delegated = { ...def, parameters: { ...def.parameters, confirmLevel: 'township' } };
    const d = new CaseDriver(delegated);
    d.subjectFacts = facts;
    d.ok(actors.township, 'submit', { data: { ...household, ...review({ relativeFiling: true }) } });
    expect(d.snapshot.step).toBe('countyCheck');
    expect(d.send(actors.township, 'agree').ok).toBe(false);
    d.ok(actors.county, 'returnToTownship', { comment: '请补充邻里访问情况' });
    expect(d.snapshot.step).toBe('review');
    d.ok(actors.township, 'submit');
    d.ok(actors.county, 'agree', { data: { countyCheck: { visited: true, investigators: ['孙科员', '李科员'], opinion: '情况属实' } } });
    expect(d.snapshot.step).toBe('confirm');
    expect(d.send(actors.county, 'maintain').ok).toBe(false);
    d.ok(actors.township, 'maintain');
    expect(rendered(d.effects)).toEqual(['dibao-review/maintain@township']);
    expect(factsSet(d.effects)).toMatchObject({ 'dibao.relativeFiling': true });

    // The next review of the household: the fact alone sends it to the county.
    const next = new CaseDriver(delegated);
    next.subjectFacts = { dibao: { ...facts.dibao, relativeFiling: true } };
    next.ok(actors.township, 'submit', { data: { ...household, ...review() } });
    expect(next.snapshot.step).toBe('countyCheck');
    // And a household the 近亲属 register names (the engine raises the flag) goes there too.
    const registered = new CaseDriver(delegated);
    registered.subjectFacts = facts;
    registered.recused = ['u-other-officer'];
    registered.ok(actors.township, 'submit', { data: { ...household, ...review() } });
    expect(registered.snapshot.step).toBe('countyCheck');
  });

  it('the county sends a proposal back with reasons; the new review routes afresh, so a stop it now proposes still goes through the 公示', () => {
    c.ok(actors.township, 'submit', { data: { ...household, ...review() } });
    expect(c.send(actors.county, 'returnToTownship').ok).toBe(false);
    c.ok(actors.county, 'returnToTownship', { comment: '收入核对不完整' });
    expect(c.snapshot.step).toBe('review');
    c.ok(actors.township, 'submit', { data: { income: { wages: 500, transfer: 200 } } });
    expect(c.data.proposal).toMatchObject({ change: '增发', monthlyAmount: 1300 });
    expect(c.snapshot.step).toBe('confirm');
    c.ok(actors.county, 'returnToTownship', { comment: '核实是否仍在本村居住' });
    c.ok(actors.township, 'submit', { data: review({ stopGround: '迁出本县（市、区）' }) });
    expect(c.snapshot.step).toBe('publicNotice');
  });

  it('reminds the township 3 working days before its 15 working days end and escalates the visit to the county when they pass', () => {
    const timers = c.effects.filter((e) => e.type === 'scheduleTimer').map((e) => (e as { key: string; dueAt: string }).key);
    expect(timers).toEqual(['remind:review#1:1', 'overdue:review#1']);
    expect(c.snapshot.tasks[0]).toMatchObject({ level: 'township', dueAt: '2026-12-22T16:00:00.000Z' });
    c.now = new Date('2026-12-18T00:00:00+08:00');
    expect(c.send(actors.system, 'deadline.remind', { timerKey: 'remind:review#1:1' }).ok).toBe(true);
    c.now = new Date('2026-12-23T09:00:00+08:00');
    const overdue = c.send(actors.system, 'deadline.overdue', { timerKey: 'overdue:review#1' });
    expect(overdue).toMatchObject({ ok: true, event: { note: '逾期升级：乡镇（街道） → 县级' } });
    expect(c.snapshot.tasks[0]).toMatchObject({ level: 'county' });
    expect(c.send(actors.township, 'submit').ok).toBe(false);
    c.ok(actors.county, 'submit', { data: { ...household, ...review() } });
    expect(c.snapshot.step).toBe('confirm');
  });
});

describe('the 复核 schedules: yearly or half-yearly by category', () => {
  const def = shippedDefinition('dibao-review');
  const yearly = def.schedules!.yearly!;
  const halfYearly = def.schedules!.halfYearly!;
  const subject = (dibao: Record<string, JsonValue>) => ({ kind: 'person', key: 'k', name: '王*英', orgKind: '', facts: { dibao } });

  it('a stable household is reviewed yearly, one the last review put on a half-yearly cycle every half year, a stopped one never', () => {
    const stable = subject({ status: '在保', monthlyAmount: 1100 });
    const varying = subject({ status: '在保', reviewCycle: '半年度' });
    const stopped = subject({ status: '停保' });
    const phasingOut = subject({ status: '渐退' });
    expect([stable, varying, stopped, phasingOut].map((s) => scheduleMatches(yearly, s, def.parameters))).toEqual([true, false, false, false]);
    expect([stable, varying, stopped, phasingOut].map((s) => scheduleMatches(halfYearly, s, def.parameters))).toEqual([false, true, false, false]);
  });

  it('opens each case with the period and the household’s standing from its facts', () => {
    const data = scheduleOpeningData(yearly, subject({ status: '在保', category: '全户保', monthlyAmount: 1100, members: 2, since: '2025-04-01' }), periodByKey('year', '2026')!);
    expect(data).toEqual({ '/review/period': '2026', '/previous/monthlyAmount': 1100, '/previous/category': '全户保', '/previous/members': 2, '/previous/since': '2025-04-01' });
  });
});
