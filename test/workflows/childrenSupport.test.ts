import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Effect } from '../../engine/index.js';
import { actors, CaseDriver, shippedDefinition } from '../support/caseDriver.js';

/** A grandmother applying for her granddaughter (born 2015-09-08), whose father is in prison and mother unreachable. */
const application = {
  applicant: { name: '陈桂兰', idNumber: '320621196204150024', phone: '13912345679' },
  household: { members: [{ name: '陈桂兰', idNumber: '320621196204150024', relation: '本人' }, { name: '吴小雨', idNumber: '320621201509080024', relation: '孙子女' }] },
  child: { name: '吴小雨', idNumber: '320621201509080024', category: '事实无人抚养儿童', fatherSituation: '服刑在押', motherSituation: '失联', guardianRelation: '祖父母', applicantRole: '监护人申请' },
};

const documents = (effects: Effect[]) => effects.filter((e): e is Extract<Effect, { type: 'renderDocument' }> => e.type === 'renderDocument').map((e) => ({ template: e.template, issuer: e.issuer, item: e.decision?.item, outcome: e.decision?.outcome, amount: e.decision?.amount }));

/** Submits, accepts and verifies (into the county's 确认). */
function toCountyConfirm(c: CaseDriver, data: Record<string, unknown> = application): void {
  c.ok(actors.applicant, 'submit', { data: data as never });
  c.ok(actors.township, 'accept', { data: { acceptance: { complete: true } } });
  c.ok(actors.township, 'approve', { data: { verification: { dataMatched: true, opinion: '经与公安、司法行政部门信息比对，父亲服刑在押，母亲失联满6个月，情况属实' } } });
  expect(c.snapshot.step).toBe('countyConfirm');
}

describe('the 儿童基本生活保障 workflow (孤儿, 事实无人抚养儿童, 困境儿童)', () => {
  let c: CaseDriver;
  beforeEach(() => {
    c = new CaseDriver(shippedDefinition('children-support'));
  });

  it('confirms a 事实无人抚养儿童 at the local amount, paying from the next month, with the county’s 确认通知书 and the child’s subject facts', () => {
    toCountyConfirm(c);
    expect(c.snapshot.tasks).toEqual([expect.objectContaining({ step: 'countyConfirm', level: 'county' })]);
    c.ok(actors.county, 'confirm', { data: { countyConfirm: { category: '事实无人抚养儿童', amount: 1200, payFrom: '2026-04-01' } } });
    expect(c.snapshot).toMatchObject({ status: 'done', step: 'confirmed', outcome: 'approved' });
    expect(documents(c.effects)).toEqual([{ template: 'children-support/confirm', issuer: 'county', item: 'support', outcome: 'approved', amount: 1200 }]);
    expect(c.effects.filter((e) => e.type === 'setSubjectFact')).toEqual([
      { type: 'setSubjectFact', fact: 'childrenSupport.category', value: '事实无人抚养儿童' },
      { type: 'setSubjectFact', fact: 'childrenSupport.amount', value: 1200 },
      { type: 'setSubjectFact', fact: 'childrenSupport.payFrom', value: '2026-04-01' },
    ]);
  });

  it('confirms only the amount of the confirmed category (孤儿 and 事实无人抚养 1200, 困境儿童 600 by the parameters)', () => {
    toCountyConfirm(c);
    expect(c.send(actors.county, 'confirm', { data: { countyConfirm: { category: '事实无人抚养儿童', amount: 600, payFrom: '2026-04-01' } } })).toMatchObject({ ok: false, rejection: { code: 'not_allowed' } });
    expect(c.send(actors.county, 'confirm', { data: { countyConfirm: { category: '困境儿童', amount: 1200, payFrom: '2026-04-01' } } }).ok).toBe(false);
    c.ok(actors.county, 'confirm', { data: { countyConfirm: { category: '困境儿童', amount: 600, payFrom: '2026-04-01' } } });
    expect(documents(c.effects)).toEqual([expect.objectContaining({ template: 'children-support/confirm', amount: 600 })]);
  });

  it('pays only from a month after the confirmation', () => {
    toCountyConfirm(c);
    // Confirmed on 2026-03-02: paying from 03-01 would be back pay.
    expect(c.send(actors.county, 'confirm', { data: { countyConfirm: { category: '事实无人抚养儿童', amount: 1200, payFrom: '2026-03-01' } } }).ok).toBe(false);
  });

  it('does not confirm someone who is already 18', () => {
    const adult = { ...application, child: { ...application.child, name: '周大雨', idNumber: '320621200501010035' } };
    toCountyConfirm(c, adult);
    expect(c.send(actors.county, 'confirm', { data: { countyConfirm: { category: '事实无人抚养儿童', amount: 1200, payFrom: '2026-04-01' } } }).ok).toBe(false);
  });

  it('refuses in writing with reasons and the county’s 不予确认通知书', () => {
    toCountyConfirm(c);
    expect(c.send(actors.county, 'refuse').ok).toBe(false);
    c.ok(actors.county, 'refuse', { comment: '儿童母亲已取得联系并履行抚养义务', data: { countyConfirm: { refusalReasons: ['儿童母亲已取得联系并履行抚养义务，不属于事实无人抚养儿童'] } } });
    expect(c.snapshot).toMatchObject({ status: 'done', step: 'refused', outcome: 'rejected' });
    expect(documents(c.effects)).toEqual([expect.objectContaining({ template: 'children-support/refuse', issuer: 'county' })]);
  });

  it('returns an incomplete application once with the full list (补正材料通知书) and resumes at acceptance', () => {
    c.ok(actors.applicant, 'submit', { data: application });
    expect(c.send(actors.township, 'requestCorrection').ok).toBe(false);
    c.ok(actors.township, 'requestCorrection', { comment: '缺少：服刑证明、失联报警回执', data: { acceptance: { complete: false, missingMaterials: ['儿童父亲服刑在押的证明', '儿童母亲失联的报警回执'] } } });
    expect(c.snapshot.step).toBe('apply');
    expect(documents(c.effects)).toEqual([expect.objectContaining({ template: 'children-support/correction', issuer: 'township' })]);
    c.ok(actors.applicant, 'submit');
    expect(c.snapshot.step).toBe('accept');
    c.ok(actors.township, 'accept', { data: { acceptance: { complete: true, missingMaterials: [] } } });
    expect(c.snapshot.step).toBe('verify');
    expect(documents(c.effects)).toEqual([expect.objectContaining({ template: 'children-support/accepted', issuer: 'township' })]);
  });

  it('lets the county return the case for a new 查验', () => {
    toCountyConfirm(c);
    c.ok(actors.county, 'returnToTownship', { comment: '请补充母亲失联的公安机关证明' });
    expect(c.snapshot.tasks).toEqual([expect.objectContaining({ step: 'verify', level: 'township' })]);
  });

  it('reminds the township 3 working days before its 15 working days of 查验 end, then escalates the 查验 to the county', () => {
    c.ok(actors.applicant, 'submit', { data: application });
    c.ok(actors.township, 'accept');
    // Accepted on Monday 2026-03-02: 查验 due at the end of 03-23, the reminder at the end of 03-18.
    expect(c.snapshot.tasks[0]).toMatchObject({ step: 'verify', level: 'township', dueAt: '2026-03-23T16:00:00.000Z' });
    expect(c.effects.filter((e) => e.type === 'scheduleTimer').map((e) => e.type === 'scheduleTimer' && [e.key, e.dueAt])).toEqual([
      ['remind:verify#1:1', '2026-03-18T16:00:00.000Z'],
      ['overdue:verify#1', '2026-03-23T16:00:00.000Z'],
    ]);
    c.now = new Date('2026-03-19T08:00:00+08:00');
    c.ok(actors.system, 'deadline.remind', { timerKey: 'remind:verify#1:1' });
    expect(c.effects).toEqual([{ type: 'notify', to: 'township', message: expect.stringContaining('催办') }]);
    c.now = new Date('2026-03-24T08:00:00+08:00');
    c.ok(actors.system, 'deadline.overdue', { timerKey: 'overdue:verify#1' });
    expect(c.snapshot.tasks).toEqual([expect.objectContaining({ step: 'verify', level: 'county' })]);
    expect(c.send(actors.township, 'approve').ok).toBe(false);
    c.ok(actors.county, 'approve');
    expect(c.snapshot.step).toBe('countyConfirm');
  });

  it('gives the county 15 working days to confirm, with a reminder 3 working days before', () => {
    toCountyConfirm(c);
    expect(c.snapshot.tasks[0]).toMatchObject({ step: 'countyConfirm', level: 'county', dueAt: '2026-03-23T16:00:00.000Z' });
  });

  it('has no 公示 (the children’s privacy): no timer step, no 公示 action and no 公示 list among its documents', () => {
    const definition = shippedDefinition('children-support');
    const steps = Object.values(definition.steps) as { type: string; actions?: Record<string, { kind: string }> }[];
    expect(steps.filter((s) => s.type === 'timer')).toEqual([]);
    expect(steps.flatMap((s) => Object.values(s.actions ?? {})).filter((a) => a.kind === 'object')).toEqual([]);
    const templates = readdirSync(path.resolve(import.meta.dirname, '../../templates/children-support')).filter((f) => f.endsWith('.hbs'));
    expect(templates.sort()).toEqual(['accepted.hbs', 'confirm.hbs', 'correction.hbs', 'refuse.hbs']);
    // The 一次性告知 on the service list says so before anyone applies.
    expect(definition.guide?.summary).toContain('不予公示');
  });
});
