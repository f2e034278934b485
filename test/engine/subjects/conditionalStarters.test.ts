import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { compileWorkflow, createWorkingCalendar, decide, startCase, starterFor, validateDefinition, type Actor, type WorkflowDefinition } from '../../../engine/index.js';
import { durationDue } from '../../../engine/calendar/durationDue.js';

const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../engine/definition/workflow.schema.json'), 'utf8'));
const schemaValidate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

/** A filing only organisations with a fact may start; its submit is guarded, with the reason given. */
const filing: WorkflowDefinition = {
  key: 'filing-test',
  version: 1,
  name: '备案测试',
  initial: 'apply',
  starters: [{ kind: 'organisation', where: { all: [{ subjectFact: 'charity.publicFundraising', equals: true }, { not: { subjectFact: 'status', equals: '撤销' } }] }, refusal: '只有具有公开募捐资格的慈善组织可以备案。' }],
  subject: { kind: 'organisation', creditCode: '/org/creditCode' },
  steps: {
    apply: {
      type: 'task',
      name: '提交',
      assignee: { level: 'applicant' },
      deadline: { before: 0, of: '/campaign/startDate' },
      actions: { submit: { kind: 'submit', label: '提交备案', guard: { daysUntil: '/campaign/startDate', gte: 10 }, guardMessage: '须在募捐开始之日十日前备案。', target: 'done' } },
    },
    done: { type: 'final', name: '已备案', outcome: 'approved' },
  },
};
const organisation: Actor = { id: 'u-org', kind: 'applicant', roles: [], organisation: 'org-1', orgUnit: { id: 'c1', level: 'county', path: ['c1'] } };

describe('an organisation starter with a condition on its facts', () => {
  it('lets an organisation whose facts match start, and refuses the others with the definition’s reason', () => {
    expect(validateDefinition(filing)).toEqual([]);
    expect(schemaValidate(filing)).toBe(true);
    expect(starterFor(filing, organisation, { as: 'organisation' }, { charity: { publicFundraising: true }, status: '正常' }).ok).toBe(true);
    expect(starterFor(filing, organisation, { as: 'organisation' }, { charity: { publicFundraising: true }, status: '撤销' })).toEqual({ ok: false, message: '只有具有公开募捐资格的慈善组织可以备案。' });
    expect(starterFor(filing, organisation, { as: 'organisation' }, {})).toEqual({ ok: false, message: '只有具有公开募捐资格的慈善组织可以备案。' });
    // The host that passes no facts cannot make a conditional starter match.
    expect(starterFor(filing, organisation, { as: 'organisation' }).ok).toBe(false);
    const plain = { ...filing, starters: [{ kind: 'organisation' as const, where: { subjectFact: 'registered', equals: true } }] };
    expect(starterFor(plain, organisation, { as: 'organisation' }, {})).toEqual({ ok: false, message: '本组织不符合办理此事项的条件。' });
  });

  it('refuses a condition that reads more than subject facts, a reason without a condition, and a condition on other starters', () => {
    const bad = (starter: unknown) => validateDefinition({ ...filing, starters: [starter] } as unknown as WorkflowDefinition).map((p) => p.path);
    expect(bad({ kind: 'organisation', where: { path: '/org/name', exists: true } })).toContain('/starters/0/where');
    expect(bad({ kind: 'organisation', where: { all: [{ subjectFact: 'a' }] } })).toContain('/starters/0/where/all/0');
    expect(bad({ kind: 'organisation', refusal: '不行' })).toContain('/starters/0/refusal');
    expect(bad({ kind: 'organisation', where: { subjectFact: 'a', exists: true }, refusal: '' })).toContain('/starters/0/refusal');
    expect(bad({ kind: 'resident', where: { subjectFact: 'a', exists: true } })).toContain('/starters/0/where');
  });
});

describe('a guard’s own reason', () => {
  const wf = compileWorkflow(filing);
  const calendar = createWorkingCalendar();
  const data = { campaign: { startDate: '2026-10-01' } };

  it('is the message a command meets when the guard does not hold', () => {
    const started = startCase(wf, { applicant: organisation.id, org: { county: 'c1' } }, new Date('2026-09-22T09:00:00+08:00'), { calendar, data });
    const refused = decide(wf, started.snapshot, organisation, { action: 'submit', version: 1, commandId: 'c1' }, new Date('2026-09-22T09:00:00+08:00'), { calendar, data });
    expect(refused).toMatchObject({ ok: false, rejection: { code: 'not_allowed', message: '须在募捐开始之日十日前备案。' } });
    expect(decide(wf, started.snapshot, organisation, { action: 'submit', version: 1, commandId: 'c1' }, new Date('2026-09-21T09:00:00+08:00'), { calendar, data }).ok).toBe(true);
  });

  it('is refused without a guard or when empty', () => {
    const withMessage = (action: Record<string, unknown>) => ({ ...filing, steps: { ...filing.steps, apply: { ...filing.steps.apply, actions: { submit: action } } } }) as unknown as WorkflowDefinition;
    expect(validateDefinition(withMessage({ kind: 'submit', label: '提交', guardMessage: '理由', target: 'done' })).map((p) => p.path)).toContain('/steps/apply/actions/submit/guardMessage');
    expect(validateDefinition(withMessage({ kind: 'submit', label: '提交', guard: { path: '/a', exists: true }, guardMessage: '', target: 'done' })).map((p) => p.path)).toContain('/steps/apply/actions/submit/guardMessage');
  });
});

describe('a deadline 0 日 before or after a form date', () => {
  const calendar = createWorkingCalendar();
  const now = new Date('2026-09-16T09:00:00+08:00');

  it('ends at 24:00 of that date; `after` moves it past days off, `before` does not', () => {
    expect(durationDue({ before: 0, of: '/d' }, {}, { d: '2027-01-01' }, now, calendar)?.toISOString()).toBe('2027-01-01T16:00:00.000Z');
    // 2026-10-03 falls in 国庆: `after` 0 moves to the first working day after it, `before` 0 stays.
    expect(durationDue({ after: 0, of: '/d' }, {}, { d: '2026-10-03' }, now, calendar)?.toISOString()).toBe('2026-10-08T16:00:00.000Z');
    expect(durationDue({ before: 0, of: '/d' }, {}, { d: '2026-10-03' }, now, calendar)?.toISOString()).toBe('2026-10-03T16:00:00.000Z');
    expect(durationDue({ before: { param: 'n' }, of: '/d' }, { n: 0 }, { d: '2027-01-01' }, now, calendar)?.toISOString()).toBe('2027-01-01T16:00:00.000Z');
  });

  it('is accepted by the checker and the schema; a negative offset and a 0-day calendar deadline are not', () => {
    expect(validateDefinition(filing)).toEqual([]);
    const withDeadline = (deadline: unknown) => ({ ...filing, steps: { ...filing.steps, apply: { ...filing.steps.apply, deadline } } }) as unknown as WorkflowDefinition;
    expect(validateDefinition(withDeadline({ before: -1, of: '/campaign/startDate' })).map((p) => p.path)).toContain('/steps/apply/deadline/before');
    expect(validateDefinition(withDeadline({ days: 0 })).map((p) => p.path)).toContain('/steps/apply/deadline/days');
    expect(schemaValidate(withDeadline({ after: 0, of: '/campaign/startDate' }))).toBe(true);
    expect(schemaValidate(withDeadline({ days: 0 }))).toBe(false);
  });
});
