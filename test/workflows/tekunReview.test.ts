import { beforeEach, describe, expect, it } from 'vitest';
import type { Effect, JsonValue, WorkflowDefinition } from '../../engine/index.js';
import { actors, CaseDriver, shippedDefinition } from '../support/caseDriver.js';

/** The templates of the documents the last command rendered, with their issuer. */
const rendered = (effects: Effect[]) => effects.filter((e): e is Extract<Effect, { type: 'renderDocument' }> => e.type === 'renderDocument').map((e) => `${e.template}@${e.issuer ?? ''}`);
/** The subject facts the last command set. */
const factsSet = (effects: Effect[]) => Object.fromEntries(effects.filter((e): e is Extract<Effect, { type: 'setSubjectFact' }> => e.type === 'setSubjectFact').map((e) => [e.fact, e.today ? 'today' : e.value]));

const person = { name: '陈德贵', idNumber: '320621195001010019', phone: '13912340001' };
/** 陈德贵, recognised 半护理: 1,300 + 600 a month. */
const facts = { tekun: { status: '在册', careTier: '半护理', monthlyAmount: 1900, since: '2026-04-20' } };
const all = (answer: '能' | '不能') => ({ eating: answer, dressing: answer, transfer: answer, toileting: answer, walking: answer, bathing: answer });
const partly = { ...all('能'), dressing: '不能', bathing: '不能' };

describe('the 特困 re-assessment and termination workflow', () => {
  let c: CaseDriver;
  beforeEach(() => {
    c = new CaseDriver(shippedDefinition('tekun-review'), new Date('2026-05-06T09:00:00+08:00'));
    c.subjectFacts = facts;
  });

  it('starts at the township, which has 10 working days from the change to re-assess, reminded 2 before and escalated to the county when missed', () => {
    expect(c.snapshot.step).toBe('reassess');
    expect(c.offers(actors.township)).toEqual(['save', 'complete']);
    // 05-06 + 10 working days (Saturday 05-09 is a 调休 working day): the end of Tuesday 05-19
    expect(c.snapshot.tasks[0]).toMatchObject({ level: 'township', dueAt: '2026-05-19T16:00:00.000Z' });
    c.now = new Date('2026-05-20T09:00:00+08:00');
    expect(c.send(actors.system, 'deadline.overdue', { timerKey: 'overdue:reassess#1' })).toMatchObject({ ok: true, event: { note: '逾期升级：乡镇（街道） → 县级' } });
    expect(c.snapshot.tasks[0]).toMatchObject({ level: 'county' });
  });

  it('changes the care tier when the new assessment gives another: the amount follows, the notice says from when, the facts change', () => {
    c.ok(actors.township, 'complete', { data: { applicant: person, change: { kind: '生活自理能力变化', reportedOn: '2026-05-06', description: '中风卧床' }, assessment: all('不能') } });
    expect(c.data.previous).toEqual({ careTier: '半护理', monthlyAmount: 1900, since: '2026-04-20' });
    expect(c.data.assessment).toMatchObject({ unableCount: 6, careTier: '全护理', monthlyAmount: 2500 });
    expect(c.snapshot.step).toBe('confirmTier');
    expect(c.offers(actors.county)).toEqual(['changeTier', 'returnToTownship']);
    c.ok(actors.county, 'changeTier');
    expect(c.snapshot).toMatchObject({ status: 'done', step: 'tierChanged', outcome: 'approved' });
    expect(rendered(c.effects)).toEqual(['tekun-review/tierChange@county']);
    expect(factsSet(c.effects)).toEqual({ 'tekun.careTier': '全护理', 'tekun.monthlyAmount': 2500, 'tekun.reassessedOn': 'today' });
  });

  it('keeps the tier when the assessment gives the same one, with its result notice', () => {
    c.ok(actors.township, 'complete', { data: { applicant: person, change: { kind: '生活自理能力变化', reportedOn: '2026-05-06' }, assessment: partly } });
    expect(c.offers(actors.county)).toEqual(['keepTier', 'returnToTownship']);
    c.ok(actors.county, 'returnToTownship', { comment: '请补充评估日期', returnTo: 'reassess' });
    c.ok(actors.township, 'complete', { data: { assessment: { ...partly, date: '2026-05-08' } } });
    c.ok(actors.county, 'keepTier');
    expect(c.snapshot.step).toBe('tierKept');
    expect(rendered(c.effects)).toEqual(['tekun-review/tierKept@county']);
    expect(factsSet(c.effects)).toEqual({ 'tekun.reassessedOn': 'today' });
  });

  it('terminates on a listed ground only after a 7-day 公示: the county decides, the person’s 特困 ends from next month, the township delivers', () => {
    expect(c.send(actors.township, 'proposeTermination', { data: { applicant: person, change: { kind: '经济状况变化', reportedOn: '2026-05-06' } } }).ok).toBe(false);
    c.ok(actors.township, 'proposeTermination', { data: { applicant: person, change: { kind: '经济状况变化', reportedOn: '2026-05-06' }, termination: { grounds: ['具备或者恢复劳动能力'], reasons: ['已在镇工业园区就业'] } } });
    expect(c.snapshot.step).toBe('terminationNotice');
    expect(rendered(c.effects)).toEqual(['tekun-review/notice@township']);
    c.advanceDays(7);
    c.fireTimer();
    expect(c.snapshot.step).toBe('confirmTermination');
    c.ok(actors.county, 'terminate');
    expect(rendered(c.effects)).toEqual(['tekun-review/terminate@county']);
    expect(factsSet(c.effects)).toEqual({ 'tekun.status': '终止', 'tekun.monthlyAmount': 0, 'tekun.terminatedOn': 'today' });
    c.ok(actors.township, 'delivered', { data: { delivery: { deliveredOn: '2026-05-15', method: '直接送达' } } });
    expect(c.snapshot).toMatchObject({ status: 'done', step: 'terminated', outcome: 'terminated' });
  });

  it('an objection to the termination is checked by the township: founded, the case goes back; unfounded, on to the county, which may keep the support', () => {
    c.ok(actors.township, 'proposeTermination', { data: { applicant: person, change: { kind: '法定义务人情况变化', reportedOn: '2026-05-06' }, termination: { grounds: ['法定义务人具有了履行义务能力或者新增具有履行义务能力的法定义务人'] } } });
    c.ok(actors.township, 'object', { comment: '其子仍无固定收入' });
    c.ok(actors.township, 'reinvestigate', { comment: '重新核查其子收入' });
    expect(c.snapshot.step).toBe('reassess');
    c.ok(actors.township, 'proposeTermination');
    c.ok(actors.township, 'object', { comment: '再次反映' });
    c.ok(actors.township, 'dismiss', { comment: '经核实其子已有稳定收入' });
    expect(c.snapshot.step).toBe('confirmTermination');
    c.ok(actors.county, 'continueSupport', { comment: '其子收入不足以履行赡养义务' });
    expect(c.snapshot).toMatchObject({ status: 'done', step: 'continued', outcome: 'rejected' });
  });

  it('lets the township decide where the county delegates it (confirmLevel = township)', () => {
    const def = shippedDefinition('tekun-review') as WorkflowDefinition & { parameters: Record<string, JsonValue> };
    const d = new CaseDriver({ ...def, parameters: { ...def.parameters, confirmLevel: 'township' } });
    d.subjectFacts = facts;
    d.ok(actors.township, 'complete', { data: { applicant: person, change: { kind: '生活自理能力变化', reportedOn: '2026-05-06' }, assessment: all('能') } });
    expect(d.send(actors.county, 'changeTier').ok).toBe(false);
    d.ok(actors.township, 'changeTier');
    expect(rendered(d.effects)).toEqual(['tekun-review/tierChange@township']);
    expect(factsSet(d.effects)).toMatchObject({ 'tekun.careTier': '全自理', 'tekun.monthlyAmount': 1500 });
  });
});
