import { beforeEach, describe, expect, it } from 'vitest';
import { scheduleMatches, type Effect, type JsonValue } from '../../engine/index.js';
import { allowanceTier } from '../../workflows/elderly-allowance/allowanceTier.js';
import { actors, CaseDriver, shippedDefinition } from '../support/caseDriver.js';

/** 张德顺, born 1944-03-05 (81 until 2026-03-05), applied for by his son 张明. */
const application = {
  applicant: { name: '张明', idNumber: '320621198001150015', phone: '13912345678' },
  elder: { name: '张德顺', idNumber: '320621194403050019', relation: '子女' },
} as Record<string, JsonValue>;
const verified = { hukouLocal: true, livingStatus: '健在', method: '户籍信息比对' };

const definition = shippedDefinition('elderly-allowance');
const parameters = definition.parameters ?? {};
const documents = (effects: Effect[]) => effects.filter((e): e is Extract<Effect, { type: 'renderDocument' }> => e.type === 'renderDocument').map((e) => ({ template: e.template, issuer: e.issuer }));
const facts = (effects: Effect[]) => Object.fromEntries(effects.filter((e): e is Extract<Effect, { type: 'setSubjectFact' }> => e.type === 'setSubjectFact').map((e) => [e.fact, e.value]));

/** The case opened with the application (a resident's opening data), now at the township's 核实. */
function applied(data: Record<string, JsonValue> = application): CaseDriver {
  const c = new CaseDriver(definition);
  c.ok(actors.township, 'save', { data });
  return c;
}

describe('the 高龄津贴（尊老金）workflow', () => {
  let c: CaseDriver;
  beforeEach(() => {
    c = applied();
  });

  it('tiers by age on the day, with the amounts as parameters: 80+, 90+, 100+', () => {
    expect(allowanceTier('1944-03-05', '2026-03-04', parameters)).toEqual({ age: 81, tier: 1, name: '80周岁以上', monthlyAmount: 50 });
    expect(allowanceTier('1944-03-05', '2026-03-05', parameters)).toMatchObject({ age: 82 });
    expect(allowanceTier('1936-04-10', '2026-04-09', parameters)).toMatchObject({ age: 89, tier: 1 });
    expect(allowanceTier('1936-04-10', '2026-04-10', parameters)).toMatchObject({ age: 90, tier: 2, monthlyAmount: 100 });
    expect(allowanceTier('1926-01-01', '2026-01-01', parameters)).toMatchObject({ age: 100, tier: 3, monthlyAmount: 500 });
    expect(allowanceTier('1946-03-15', '2026-03-14', parameters)).toBeUndefined();
    expect(allowanceTier('1946-03-15', '2026-03-14', { ...parameters, tier1Age: 75 })).toMatchObject({ age: 79, tier: 1 });
  });

  it('starts monthly for every registered person who is 80 on the first day of the month, and for no one already handled, dead or moved away', () => {
    const monthly = definition.schedules!.monthly!;
    const person = (registerFacts: Record<string, JsonValue>, other: Record<string, JsonValue> = {}) => ({ kind: 'person', key: 'k', name: '张*顺', orgKind: '', facts: { register: registerFacts, ...other } });
    // Born 1946-03-15: 79 on 2026-03-01, 80 on 2026-04-01.
    expect(scheduleMatches(monthly, person({ birthDate: '1946-03-15' }), parameters, '2026-03-01')).toBe(false);
    expect(scheduleMatches(monthly, person({ birthDate: '1946-03-15' }), parameters, '2026-04-01')).toBe(true);
    expect(scheduleMatches(monthly, person({ birthDate: '1946-03-15' }), { ...parameters, tier1Age: 85 }, '2026-04-01')).toBe(false);
    expect(scheduleMatches(monthly, person({ birthDate: '1930-01-01', status: '死亡' }), parameters, '2026-04-01')).toBe(false);
    expect(scheduleMatches(monthly, person({ birthDate: '1930-01-01', status: '迁出' }), parameters, '2026-04-01')).toBe(false);
    expect(scheduleMatches(monthly, person({ birthDate: '1930-01-01' }, { elderlyAllowance: { status: '发放中' } }), parameters, '2026-04-01')).toBe(false);
    expect(scheduleMatches(monthly, person({ birthDate: '1930-01-01' }, { elderlyAllowance: { status: '已终止' } }), parameters, '2026-04-01')).toBe(true);
    // No birth date in the register, or no day to count on: no match.
    expect(scheduleMatches(monthly, person({}), parameters, '2026-04-01')).toBe(false);
    expect(scheduleMatches(monthly, person({ birthDate: '1930-01-01' }), parameters)).toBe(false);
  });

  it('is confirmed by the township with the tier and amount, paying from the next month, then pays month by month at the tier of each month', () => {
    expect(c.snapshot.tasks).toEqual([expect.objectContaining({ step: 'verify', level: 'township' })]);
    c.ok(actors.township, 'confirm', { data: { verification: verified } });
    expect(c.snapshot).toMatchObject({ status: 'active', step: 'paying' });
    expect(c.data.decision).toEqual({ age: 81, tier: '80周岁以上', monthlyAmount: 50, payFrom: '2026-04-01' });
    expect(documents(c.effects)).toEqual([{ template: 'elderly-allowance/confirm', issuer: 'township' }]);
    expect(facts(c.effects)).toMatchObject({ 'elderlyAllowance.status': '发放中', 'elderlyAllowance.tier': '80周岁以上', 'elderlyAllowance.monthlyAmount': 50 });
    expect(c.effects).toContainEqual(expect.objectContaining({ type: 'setSubjectFact', fact: 'elderlyAllowance.since', today: true }));
    // Nothing is paid for March; the timer runs a month.
    expect(c.data.payment).toBeUndefined();
    const timer = c.effects.find((e) => e.type === 'scheduleTimer');
    expect(timer).toMatchObject({ key: 'paying#1', dueAt: '2026-04-02T16:00:00.000Z' });
    c.now = new Date('2026-04-03T00:05:00+08:00');
    expect(c.fireTimer().ok).toBe(true);
    c.now = new Date('2026-05-04T00:05:00+08:00');
    expect(c.fireTimer().ok).toBe(true);
    expect(c.snapshot.step).toBe('paying');
    expect((c.data.payment as { months: unknown[] }).months).toEqual([
      { month: '2026-04', tier: '80周岁以上', amount: 50 },
      { month: '2026-05', tier: '80周岁以上', amount: 50 },
    ]);
  });

  it('confirms a case the schedule started from the register’s date of birth alone (no ID number entered)', () => {
    const d = new CaseDriver(definition, new Date('2026-04-02T09:00:00+08:00'));
    d.ok(actors.township, 'save', { data: { elder: { birthDate: '1946-03-15', registerName: '王*华' } } });
    d.ok(actors.township, 'confirm', { data: { verification: verified } });
    expect(d.data.decision).toEqual({ age: 80, tier: '80周岁以上', monthlyAmount: 50, payFrom: '2026-05-01' });
    const young = new CaseDriver(definition, new Date('2026-03-02T09:00:00+08:00'));
    young.ok(actors.township, 'save', { data: { elder: { birthDate: '1946-03-15' } } });
    expect(young.send(actors.township, 'confirm', { data: { verification: verified } }).ok).toBe(false);
  });

  it('pays the 90+ amount from the month the elder turns 90', () => {
    const d = applied({ ...application, elder: { name: '李桂芳', idNumber: '320621193604100014', relation: '本人' } });
    d.ok(actors.township, 'confirm', { data: { verification: verified } });
    expect(d.data.decision).toMatchObject({ age: 89, monthlyAmount: 50 });
    d.now = new Date('2026-04-03T00:05:00+08:00');
    d.fireTimer();
    d.now = new Date('2026-05-04T00:05:00+08:00');
    d.fireTimer();
    expect((d.data.payment as { months: unknown[] }).months).toEqual([
      { month: '2026-04', tier: '80周岁以上', amount: 50 },
      { month: '2026-05', tier: '90周岁以上', amount: 100 },
    ]);
    expect(facts(d.effects)).toMatchObject({ 'elderlyAllowance.tier': '90周岁以上', 'elderlyAllowance.monthlyAmount': 100 });
  });

  it('ends the running case with a 终止发放通知书 when the register records a death, and not on another change', () => {
    c.ok(actors.township, 'confirm', { data: { verification: verified } });
    c.subjectFacts = { register: { birthDate: '1944-03-05', status: '在册' } };
    expect(c.send(actors.system, 'subject.changed')).toMatchObject({ ok: false, rejection: { code: 'not_allowed' } });
    c.subjectFacts = { register: { birthDate: '1944-03-05', status: '死亡' } };
    // Only the system tells a case its subject changed.
    expect(c.send(actors.township, 'subject.changed')).toMatchObject({ ok: false, rejection: { code: 'not_your_task' } });
    const d = c.send(actors.system, 'subject.changed', { comment: '户籍登记为死亡（2026-05-03）' });
    expect(d.ok && d.event).toMatchObject({ action: 'subject.changed', kind: 'subject', from: 'paying', to: 'terminated', note: '对象情况变化，案件终止' });
    expect(c.snapshot).toMatchObject({ status: 'done', step: 'terminated', outcome: 'terminated' });
    expect(c.effects).toContainEqual({ type: 'cancelTimer', key: 'paying#1' });
    expect(documents(c.effects)).toEqual([{ template: 'elderly-allowance/terminate', issuer: 'township' }]);
    expect(facts(c.effects)).toMatchObject({ 'elderlyAllowance.status': '已终止' });
  });

  it('ends a case still being verified when the elder moves away, closing the township’s task', () => {
    c.subjectFacts = { register: { status: '迁出' } };
    c.ok(actors.system, 'subject.changed');
    expect(c.snapshot).toMatchObject({ step: 'terminated', tasks: [] });
    expect(c.effects).toContainEqual(expect.objectContaining({ type: 'closeTask', outcome: 'cancelled' }));
  });

  it('lets the township stop the allowance by hand with a reason', () => {
    c.ok(actors.township, 'confirm', { data: { verification: verified } });
    expect(c.send(actors.township, 'stop').ok).toBe(false);
    c.ok(actors.township, 'stop', { comment: '家属申请放弃', data: { termination: { reason: '本人申请放弃', date: '2026-03-20' } } });
    expect(c.snapshot).toMatchObject({ step: 'terminated', outcome: 'terminated' });
  });

  it('does not confirm someone under 80, someone not living, or someone the register records as dead', () => {
    const young = applied({ ...application, elder: { name: '王小华', idNumber: '320621194603150057', relation: '本人' } });
    expect(young.send(actors.township, 'confirm', { data: { verification: verified } })).toMatchObject({ ok: false, rejection: { code: 'not_allowed' } });
    expect(c.send(actors.township, 'confirm', { data: { verification: { ...verified, livingStatus: '死亡' } } }).ok).toBe(false);
    c.subjectFacts = { register: { status: '死亡' } };
    expect(c.send(actors.township, 'confirm', { data: { verification: verified } }).ok).toBe(false);
  });

  it('refuses in writing with reasons and appeal rights', () => {
    expect(c.send(actors.township, 'refuse').ok).toBe(false);
    c.ok(actors.township, 'refuse', { comment: '户籍不在本乡镇', data: { verification: { hukouLocal: false, refusalReasons: ['户籍不在本乡镇，应向户籍所在地申请'] } } });
    expect(c.snapshot).toMatchObject({ status: 'done', step: 'refused', outcome: 'rejected' });
    expect(documents(c.effects)).toEqual([{ template: 'elderly-allowance/refuse', issuer: 'township' }]);
  });

  it('asks once for everything missing (补正材料通知书) and resumes 核实 when the applicant resubmits', () => {
    expect(c.send(actors.township, 'requestCorrection').ok).toBe(false);
    c.ok(actors.township, 'requestCorrection', { comment: '缺少户口簿和银行账户', data: { verification: { missingMaterials: ['老年人户口簿复印件', '代领人银行账户信息'] } } });
    expect(c.snapshot.step).toBe('supplement');
    expect(documents(c.effects)).toEqual([{ template: 'elderly-allowance/correction', issuer: 'township' }]);
    c.ok(actors.applicant, 'submit', { data: { elder: { ...(application.elder as Record<string, JsonValue>), address: '海安市曲塘镇杨庄村5组12号' } } });
    expect(c.snapshot.step).toBe('verify');
  });

  it('treats an application whose corrections are not in within 30 days as withdrawn', () => {
    c.ok(actors.township, 'requestCorrection', { comment: '缺少户口簿' });
    c.now = new Date('2026-04-02T00:05:00+08:00');
    c.ok(actors.system, 'deadline.overdue', { timerKey: 'overdue:supplement#1' });
    expect(c.snapshot).toMatchObject({ status: 'done', step: 'withdrawn', outcome: 'withdrawn' });
  });

  it('reminds the township 3 working days before its 10 working days end, then escalates the 核实 to the county', () => {
    const fresh = new CaseDriver(definition);
    // Opened on Monday 2026-03-02: due at the end of 03-16, the reminder at the end of 03-11.
    expect(fresh.effects.filter((e) => e.type === 'scheduleTimer').map((e) => e.type === 'scheduleTimer' && [e.key, e.dueAt])).toEqual([
      ['remind:verify#1:1', '2026-03-11T16:00:00.000Z'],
      ['overdue:verify#1', '2026-03-16T16:00:00.000Z'],
    ]);
    fresh.now = new Date('2026-03-12T08:00:00+08:00');
    fresh.ok(actors.system, 'deadline.remind', { timerKey: 'remind:verify#1:1' });
    expect(fresh.effects).toEqual([{ type: 'notify', to: 'township', message: expect.stringContaining('催办') }]);
    fresh.now = new Date('2026-03-17T08:00:00+08:00');
    fresh.ok(actors.system, 'deadline.overdue', { timerKey: 'overdue:verify#1' });
    expect(fresh.snapshot.tasks).toEqual([expect.objectContaining({ step: 'verify', level: 'county' })]);
    fresh.ok(actors.county, 'confirm', { data: { ...application, verification: verified } });
    expect(fresh.snapshot.step).toBe('paying');
  });
});
