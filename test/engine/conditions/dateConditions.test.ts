import { describe, expect, it } from 'vitest';
import { evaluateCondition, type ConditionScope } from '../../../engine/conditions/evaluateCondition.js';
import type { Condition, JsonValue } from '../../../engine/definition/types.js';

/** A scope at 10:00 China time on `today`, with `data` and `parameters`. */
function scope(today: string, data: Record<string, JsonValue>, parameters: Record<string, JsonValue> = {}): ConditionScope {
  return { data, flags: [], parameters, guards: Object.create(null), now: new Date(`${today}T10:00:00+08:00`) };
}
const holds = (c: Condition, s: ConditionScope) => evaluateCondition(c, s);
const sixty: Condition = { age: { of: '/applicant/idNumber' }, gte: 60 };
const idBornOn = (yyyymmdd: string) => `410102${yyyymmdd}1234`;

describe('age in whole years (周岁) from a 身份证 number or a date field', () => {
  it('turns 60 on the 60th birthday, not the day before', () => {
    const data = { applicant: { idNumber: idBornOn('19660315') } };
    expect(holds(sixty, scope('2026-03-14', data))).toBe(false);
    expect(holds(sixty, scope('2026-03-15', data))).toBe(true);
  });

  it('reads the birthday in China time: 23:30 UTC on the 14th is already the 15th in Beijing', () => {
    const s = { ...scope('2026-03-15', { applicant: { idNumber: idBornOn('19660315') } }), now: new Date('2026-03-14T23:30:00Z') };
    expect(holds(sixty, s)).toBe(true);
  });

  it('makes someone born on 29 February a year older on 1 March of a common year, and on 29 February of a leap year', () => {
    const data = { applicant: { idNumber: idBornOn('19640229') } };
    expect(holds({ age: { of: '/applicant/idNumber' }, gte: 62 }, scope('2026-02-28', data))).toBe(false);
    expect(holds({ age: { of: '/applicant/idNumber' }, gte: 62 }, scope('2026-03-01', data))).toBe(true);
    expect(holds({ age: { of: '/applicant/idNumber' }, gte: 64 }, scope('2028-02-28', data))).toBe(false);
    expect(holds({ age: { of: '/applicant/idNumber' }, gte: 64 }, scope('2028-02-29', data))).toBe(true);
  });

  it('reads a first-generation 15-digit number as born in 19YY', () => {
    const data = { applicant: { idNumber: '410102660315123' } };
    expect(holds(sixty, scope('2026-03-15', data))).toBe(true);
    expect(holds(sixty, scope('2026-03-14', data))).toBe(false);
  });

  it('does not hold for a number without a real birth date, an unknown length, or a birth after today', () => {
    for (const idNumber of [idBornOn('19660230'), '41010219660315', idBornOn('20990101'), 12345]) {
      expect(holds({ age: { of: '/applicant/idNumber' }, gte: 0 }, scope('2026-03-15', { applicant: { idNumber } })), String(idNumber)).toBe(false);
    }
  });

  it('reads a date field and compares with a parameter', () => {
    const data = { child: { birthDate: '2008-06-01' } };
    expect(holds({ age: { of: '/child/birthDate' }, lt: { param: 'adultAge' } }, scope('2026-05-31', data, { adultAge: 18 }))).toBe(true);
    expect(holds({ age: { of: '/child/birthDate' }, lt: { param: 'adultAge' } }, scope('2026-06-01', data, { adultAge: 18 }))).toBe(false);
  });

  it('does not hold without an injected now', () => {
    const s = scope('2026-03-15', { applicant: { idNumber: idBornOn('19660315') } });
    delete s.now;
    expect(holds(sixty, s)).toBe(false);
  });
});

describe('days between dates and from today', () => {
  const campaign = { campaign: { filedOn: '2026-03-01', start: '2026-03-11' } };

  it('counts the days from the first date to the second', () => {
    expect(holds({ daysBetween: ['/campaign/filedOn', '/campaign/start'], gte: 10 }, scope('2026-01-01', campaign))).toBe(true);
    expect(holds({ daysBetween: ['/campaign/filedOn', '/campaign/start'], gte: 11 }, scope('2026-01-01', campaign))).toBe(false);
    expect(holds({ daysBetween: ['/campaign/start', '/campaign/filedOn'], lt: 0 }, scope('2026-01-01', campaign))).toBe(true);
  });

  it('counts across a leap day', () => {
    expect(holds({ daysBetween: ['/a', '/b'], lte: 1 }, scope('2028-01-01', { a: '2028-02-28', b: '2028-03-01' }))).toBe(false);
  });

  it('counts the days until a date and since a date from the injected now', () => {
    const lead: Condition = { daysUntil: '/campaign/start', gte: { param: 'filingLeadDays' } };
    expect(holds(lead, scope('2026-03-01', campaign, { filingLeadDays: 10 }))).toBe(true);
    expect(holds(lead, scope('2026-03-02', campaign, { filingLeadDays: 10 }))).toBe(false);
    expect(holds({ daysSince: '/campaign/filedOn', gt: 30 }, scope('2026-04-01', campaign))).toBe(true);
    expect(holds({ daysSince: '/campaign/filedOn', gt: 30 }, scope('2026-03-31', campaign))).toBe(false);
  });

  it('does not hold for a value that is not a date', () => {
    expect(holds({ daysUntil: '/x', gte: 0 }, scope('2026-03-01', { x: '2026-02-30' }))).toBe(false);
    expect(holds({ daysUntil: '/x', lte: 100 }, scope('2026-03-01', { x: 'soon' }))).toBe(false);
  });
});

describe('parameter lists and field-to-field comparisons', () => {
  const directRegistration = ['行业协会商会类', '科技类', '公益慈善类', '城乡社区服务类'];

  it('checks a field against a list parameter', () => {
    const c: Condition = { path: '/org/category', in: { param: 'directRegistration' } };
    expect(holds(c, scope('2026-03-01', { org: { category: '科技类' } }, { directRegistration }))).toBe(true);
    expect(holds(c, scope('2026-03-01', { org: { category: '宗教类' } }, { directRegistration }))).toBe(false);
    expect(holds(c, scope('2026-03-01', { org: { category: '科技类' } }, { directRegistration: '科技类' }))).toBe(false);
  });

  it('compares one number field with another', () => {
    const c: Condition = { path: '/income/perCapita', lt: { path: '/local/standard' } };
    expect(holds(c, scope('2026-03-01', { income: { perCapita: 700 }, local: { standard: 800 } }))).toBe(true);
    expect(holds(c, scope('2026-03-01', { income: { perCapita: 800 }, local: { standard: 800 } }))).toBe(false);
    expect(holds(c, scope('2026-03-01', { income: { perCapita: 700 } }))).toBe(false);
  });

  it('compares one date field with another as dates, and never a date with a number', () => {
    const c: Condition = { path: '/campaign/end', gte: { path: '/campaign/start' } };
    expect(holds(c, scope('2026-03-01', { campaign: { start: '2026-03-11', end: '2026-09-30' } }))).toBe(true);
    expect(holds(c, scope('2026-03-01', { campaign: { start: '2026-03-11', end: '2026-03-10' } }))).toBe(false);
    expect(holds(c, scope('2026-03-01', { campaign: { start: 5, end: '2026-03-10' } }))).toBe(false);
  });

  it('still reads a numeric parameter written as text, as before', () => {
    expect(holds({ path: '/amount', gt: { param: 'limit' } }, scope('2026-03-01', { amount: 20000 }, { limit: '10000' }))).toBe(true);
  });
});
