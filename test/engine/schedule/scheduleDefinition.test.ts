import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { checkDefinition, periodOf, scheduleMatches, scheduleOpeningData, validateDefinition, type ScheduleDefinition, type WorkflowDefinition } from '../../../engine/index.js';

const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../engine/definition/workflow.schema.json'), 'utf8'));
const schemaValidate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

const annual: ScheduleDefinition = {
  name: '年度检查',
  every: 'year',
  startOn: '01-01',
  subjects: { kind: 'organisation', orgKinds: ['社会团体'], where: { all: [{ subjectFact: 'status', equals: '正常' }, { not: { subjectFact: 'revoked', exists: true } }] } },
  data: { '/report/year': { period: 'year' }, '/org/name': { subject: 'name' } },
  starter: 'organisation',
};

/** A 年检 process: the organisation reports (due 3月31日 to its 业务主管单位), the county reviews (due 5月31日). */
function annualInspection(schedules: Record<string, unknown> = { annual }, extra: Partial<WorkflowDefinition> = {}): WorkflowDefinition {
  return {
    key: 'annual-inspection', version: 1, name: '年检', initial: 'report',
    subject: { kind: 'organisation' },
    starters: [{ kind: 'organisation' }],
    steps: {
      report: { type: 'task', name: '报送年度报告', assignee: { level: 'applicant' }, form: { sections: { report: 'write', org: 'write' } }, deadline: { date: '03-31' }, actions: { submit: { kind: 'submit', label: '报送', target: 'review' } } },
      review: { type: 'task', name: '登记管理机关审查', assignee: { level: 'county' }, deadline: { date: '05-31' }, actions: { pass: { kind: 'approve', label: '合格', target: 'done' } } },
      done: { type: 'final', name: '结束', outcome: 'approved' },
    },
    schedules: schedules as WorkflowDefinition['schedules'],
    ...extra,
  };
}

const form = { fields: ['/report', '/report/year', '/org', '/org/name', '/review', '/review/year'], sensitive: [] };

describe('schedules in validateDefinition, the schema and checkDefinition', () => {
  it('all three accept a yearly 年检 over registered 社会团体', () => {
    const d = annualInspection();
    expect(validateDefinition(d)).toEqual([]);
    expect(schemaValidate(d)).toBe(true);
    expect(checkDefinition(d, undefined, form)).toEqual([]);
  });

  it('a start day may be a parameter', () => {
    const d = annualInspection({ annual: { ...annual, startOn: { param: 'annualStart' } } }, { parameters: { annualStart: '01-15' } });
    expect(checkDefinition(d, undefined, form)).toEqual([]);
    const missing = annualInspection({ annual: { ...annual, startOn: { param: 'annualStart' } } });
    expect(checkDefinition(missing, undefined, form).map((p) => p.path)).toEqual(['/schedules/annual/startOn']);
  });

  const shapeRefusals: [string, unknown, string][] = [
    ['an unknown period', { ...annual, every: 'week' }, '/schedules/annual/every'],
    ['a start day written as a date with a year', { ...annual, startOn: '2026-03-31' }, '/schedules/annual/startOn'],
    ['an unknown subject kind', { ...annual, subjects: { kind: 'household' } }, '/schedules/annual/subjects/kind'],
    ['a where that reads case data a schedule does not have', { ...annual, subjects: { kind: 'organisation', where: { path: '/x', equals: 1 } } }, '/schedules/annual/subjects/where'],
    ['an unknown starter', { ...annual, starter: 'system' }, '/schedules/annual/starter'],
    ['a data source of no known kind', { ...annual, data: { '/report/year': { today: true } } }, '/schedules/annual/data/~1report~1year'],
    ['an unknown property', { ...annual, every: 'year', cron: '0 0 1 1 *' }, '/schedules/annual/cron'],
  ];
  for (const [what, schedule, at] of shapeRefusals) {
    it(`validateDefinition and the schema refuse ${what}, at ${at}`, () => {
      const d = annualInspection({ annual: schedule });
      expect(validateDefinition(d).map((p) => p.path)).toContain(at);
      expect(schemaValidate(d)).toBe(false);
    });
  }

  it('validateDefinition refuses a fact named after an Object.prototype member', () => {
    const d = annualInspection({ annual: { ...annual, data: { '/org/name': { fact: 'constructor' } } } });
    expect(validateDefinition(d).map((p) => p.path)).toEqual(['/schedules/annual/data/~1org~1name/fact']);
  });

  const checkRefusals: [string, WorkflowDefinition, string][] = [
    ['02-29, which most years lack', annualInspection({ annual: { ...annual, startOn: '02-29' } }), '/schedules/annual/startOn'],
    ['a month beyond the period (07 of a half-year)', annualInspection({ annual: { ...annual, every: 'halfYear', startOn: '07-01' } }), '/schedules/annual/startOn'],
    ['persons for a process about organisations', annualInspection({ annual: { ...annual, subjects: { kind: 'person' }, data: {} } }), '/schedules/annual/subjects/kind'],
    ['the organisation as applicant of a schedule over persons', annualInspection({ annual: { ...annual, subjects: { kind: 'person' }, data: {} } }, { subject: { kind: 'person' } }), '/schedules/annual/starter'],
    ['an officer-owned case whose first step is the applicant’s (no one could act)', annualInspection({ annual: { ...annual, starter: 'officer' } }), '/schedules/annual/starter'],
    ['opening data in a section the first step may not write', annualInspection({ annual: { ...annual, data: { '/review/year': { period: 'year' } } } }), '/schedules/annual/data/~1review~1year'],
    ['an organisation kind that does not exist (a typo matches no one)', annualInspection({ annual: { ...annual, subjects: { kind: 'organisation', orgKinds: ['社会团休'] } } }), '/schedules/annual/subjects/orgKinds/0'],
    ['opening data outside the form', annualInspection({ annual: { ...annual, data: { '/report/when': { period: 'key' } } } }), '/schedules/annual/data/~1report~1when'],
  ];
  for (const [what, d, at] of checkRefusals) {
    it(`checkDefinition refuses ${what}, at ${at}`, () => {
      expect(validateDefinition(d)).toEqual([]);
      expect(checkDefinition(d, undefined, form).map((p) => p.path)).toContain(at);
    });
  }

  it('a scheduled case has a subject, so its process may read subject facts without declaring one', () => {
    const d = annualInspection({ annual: { ...annual, data: {} } }, { subject: undefined, starters: [{ kind: 'resident' }] });
    d.steps.review = { ...d.steps.review!, type: 'task', actions: { pass: { kind: 'approve', label: '合格', target: [{ when: { subjectFact: 'status', equals: '正常' }, target: 'done' }, { target: 'done' }] } } } as never;
    expect(checkDefinition(d)).toEqual([]);
  });

  it('checkDefinition refuses a first step routed by a form unit the schedule does not supply', () => {
    const d = annualInspection();
    d.initial = 'supervisor';
    d.steps = { supervisor: { type: 'task', name: '业务主管单位审查', assignee: { unitFrom: { path: '/org/supervisor', kind: 'supervisory_unit' } }, actions: { ok: { kind: 'approve', label: '同意', target: 'done' } } }, ...d.steps };
    expect(checkDefinition(d).map((p) => p.path)).toContain('/schedules/annual/data');
  });
});

describe('which subjects a schedule starts cases about', () => {
  const org = (facts: Record<string, unknown>, orgKind = '社会团体') => ({ kind: 'organisation', key: '51330100MJ0000001X', name: '海城市书法协会', orgKind, facts: facts as never });

  it('a registered 社会团体 matches; a revoked one, a 基金会 or a person does not', () => {
    expect(scheduleMatches(annual, org({ status: '正常' }))).toBe(true);
    expect(scheduleMatches(annual, org({ status: '正常', revoked: '2025-01-01' }))).toBe(false);
    expect(scheduleMatches(annual, org({ status: '正常' }, '基金会'))).toBe(false);
    expect(scheduleMatches(annual, { ...org({ status: '正常' }), kind: 'person' })).toBe(false);
  });

  it('a half-yearly 复核 by category matches households whose category is listed', () => {
    const review: ScheduleDefinition = { every: 'halfYear', subjects: { kind: 'person', where: { subjectFact: 'dibao.category', in: ['全户保'] } }, starter: 'officer' };
    const household = (category: string) => ({ kind: 'person', key: 'ab12', name: '王*英', orgKind: '', facts: { dibao: { category } } });
    expect(scheduleMatches(review, household('全户保'))).toBe(true);
    expect(scheduleMatches(review, household('单人保'))).toBe(false);
  });

  it('the opening data comes from the period and the subject', () => {
    expect(scheduleOpeningData(annual, org({ status: '正常' }), periodOf('year', new Date('2027-04-01T00:00:00+08:00')))).toEqual({ '/report/year': 2027, '/org/name': '海城市书法协会' });
  });
});

describe('the schedule example of docs/definition-language.md', () => {
  it('checks clean on a 年检 process whose first step writes the report', () => {
    const docs = readFileSync(path.resolve(import.meta.dirname, '../../../docs/definition-language.md'), 'utf8');
    const section = docs.slice(docs.indexOf('## Recurring schedules'));
    const example = JSON.parse(/```json\n([\s\S]*?)```/.exec(section)![1]!) as { schedules: Record<string, unknown> };
    const d = annualInspection(example.schedules);
    expect(schemaValidate(d)).toBe(true);
    expect(checkDefinition(d, undefined, { fields: ['/report', '/report/year', '/report/organisationName', '/org'], sensitive: [] })).toEqual([]);
  });
});
