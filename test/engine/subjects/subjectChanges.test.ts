import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { evaluateCondition } from '../../../engine/conditions/evaluateCondition.js';
import { checkDefinition, compileWorkflow, scheduleMatches, subjectFactsRead, validateDefinition, type WorkflowDefinition } from '../../../engine/index.js';
import { actors, CaseDriver } from '../../support/caseDriver.js';

const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../engine/definition/workflow.schema.json'), 'utf8'));
const schemaValidate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

/** A long-lived benefit: the township confirms, then it is paid every month until the person dies or moves away. */
const benefit: WorkflowDefinition = {
  key: 'benefit-test',
  version: 1,
  name: '津贴测试',
  initial: 'review',
  parameters: { minAge: 80 },
  subject: { kind: 'person', idNumber: '/person/idNumber' },
  endsWhen: [
    { when: { subjectFact: 'register.status', equals: '死亡' }, target: 'ended' },
    { when: { subjectFact: 'register.status', equals: '迁出' }, target: 'movedAway' },
  ],
  steps: {
    review: { type: 'task', name: '核实', assignee: { level: 'township' }, deadline: { workingDays: 10 }, actions: { approve: { kind: 'approve', label: '确认', target: 'paying' } } },
    paying: { type: 'timer', name: '按月发放', duration: { months: 1 }, onElapsed: 'paying' },
    ended: { type: 'final', name: '终止', outcome: 'terminated', onEnter: [{ effect: 'renderDocument', args: { template: 'benefit-test/ended', kind: 'decision', title: '终止通知书', issuer: 'township' } }] },
    movedAway: { type: 'final', name: '迁出终止', outcome: 'terminated' },
  },
};

const withEnds = (endsWhen: unknown, extra: Partial<WorkflowDefinition> = {}) => ({ ...benefit, ...extra, endsWhen }) as unknown as WorkflowDefinition;
const paths = (def: WorkflowDefinition) => checkDefinition(def).map((p) => p.path);

describe('endsWhen: a change of the subject’s facts ends a running case', () => {
  it('is a valid definition the schema and the checker accept, and its facts are read (recorded with every event)', () => {
    expect(checkDefinition(benefit)).toEqual([]);
    expect(schemaValidate(benefit)).toBe(true);
    expect(subjectFactsRead(benefit)).toEqual(['register.status']);
  });

  it('moves a case resting in a timer to the route’s final step, with its notices, cancelling the timer', () => {
    const c = new CaseDriver(benefit);
    c.ok(actors.township, 'approve');
    c.subjectFacts = { register: { status: '迁出' } };
    const d = c.send(actors.system, 'subject.changed', { comment: '户籍迁出' });
    expect(d.ok && d.event).toMatchObject({ action: 'subject.changed', kind: 'subject', from: 'paying', to: 'movedAway', comment: '户籍迁出', note: '对象情况变化，案件终止' });
    expect(c.snapshot).toMatchObject({ status: 'done', step: 'movedAway', outcome: 'terminated' });
    expect(c.effects).toContainEqual({ type: 'cancelTimer', key: 'paying#1' });
  });

  it('moves a case from a task, cancelling the task, and renders the final step’s notice', () => {
    const c = new CaseDriver(benefit);
    c.subjectFacts = { register: { status: '死亡' } };
    c.ok(actors.system, 'subject.changed');
    expect(c.snapshot).toMatchObject({ step: 'ended', tasks: [] });
    expect(c.effects).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'closeTask', outcome: 'cancelled' }), expect.objectContaining({ type: 'renderDocument', template: 'benefit-test/ended' })]));
  });

  it('leaves the case as it is (refused, nothing written) when no route holds, when no facts changed, or for a process without endsWhen', () => {
    const c = new CaseDriver(benefit);
    const before = c.snapshot;
    c.subjectFacts = { register: { status: '在册' } };
    expect(c.send(actors.system, 'subject.changed')).toEqual({ ok: false, rejection: { code: 'not_allowed', message: '对象情况的变化不结束本案件。' } });
    expect(c.snapshot).toBe(before);
    const plain = new CaseDriver({ ...benefit, endsWhen: undefined, steps: { ...benefit.steps, paying: { type: 'timer', name: '按月发放', duration: { months: 1 }, onElapsed: 'ended' } } });
    plain.subjectFacts = { register: { status: '死亡' } };
    expect(plain.send(actors.system, 'subject.changed').ok).toBe(false);
  });

  it('is the system’s command only, and refused on a case that has ended', () => {
    const c = new CaseDriver(benefit);
    c.subjectFacts = { register: { status: '死亡' } };
    expect(c.send(actors.county, 'subject.changed')).toMatchObject({ ok: false, rejection: { code: 'not_your_task' } });
    c.ok(actors.system, 'subject.changed');
    expect(c.send(actors.system, 'subject.changed').ok).toBe(false);
  });

  it('is refused by the checker where it cannot work, each at its path', () => {
    expect(paths(withEnds([{ when: { subjectFact: 'register.status', equals: '死亡' }, target: 'paying' }]))).toContain('/endsWhen/0/target');
    expect(paths(withEnds([{ when: { subjectFact: 'register.status', equals: '死亡' }, target: 'nowhere' }]))).toContain('/endsWhen/0/target');
    expect(paths(withEnds([{ target: 'ended' }]))).toEqual(['/endsWhen/0/when']);
    expect(paths(withEnds([{ when: { path: '/person/status', equals: '死亡' }, target: 'ended' }]))).toEqual(['/endsWhen/0/when']);
    expect(paths(withEnds([]))).toEqual(['/endsWhen']);
    expect(paths(withEnds([{ when: { subjectFact: 'register.status', equals: '死亡' }, target: 'ended', then: 'x' }]))).toEqual(['/endsWhen/0/then']);
    expect(paths(withEnds(benefit.endsWhen, { subject: undefined }))).toContain('/endsWhen');
    const reserved = { ...benefit, steps: { ...benefit.steps, review: { ...benefit.steps.review, actions: { 'subject.changed': { kind: 'approve', label: '确认', target: 'paying' } } } } } as WorkflowDefinition;
    expect(validateDefinition(reserved).map((p) => p.path)).toContain('/steps/review/actions/subject.changed');
  });

  it('lets a monthly timer loop on itself only because the case can still end (without endsWhen it is a cycle with no exit)', () => {
    const noEnd = { ...benefit, endsWhen: undefined } as WorkflowDefinition;
    expect(checkDefinition(noEnd).map((p) => p.path)).toContain('/steps/paying');
  });
});

describe('the age of a subject fact', () => {
  const scope = (facts: Record<string, unknown>, now?: string) => ({ data: {}, flags: [], parameters: { minAge: 80 }, guards: {}, subjectFacts: facts as never, ...(now ? { now: new Date(`${now}T10:00:00+08:00`) } : {}) });
  const eighty = { age: { fact: 'register.birthDate' }, gte: { param: 'minAge' } } as const;

  it('counts whole years from a birth date or 身份证 number the subject’s facts hold, on the day of the command', () => {
    expect(evaluateCondition(eighty, scope({ register: { birthDate: '1946-03-15' } }, '2026-03-14'))).toBe(false);
    expect(evaluateCondition(eighty, scope({ register: { birthDate: '1946-03-15' } }, '2026-03-15'))).toBe(true);
    expect(evaluateCondition(eighty, scope({ register: { birthDate: '320621194603150057' } }, '2026-03-15'))).toBe(true);
    // No such fact, not a date, or no day to count on: it does not hold.
    expect(evaluateCondition(eighty, scope({}, '2026-03-15'))).toBe(false);
    expect(evaluateCondition(eighty, scope({ register: { birthDate: '十五' } }, '2026-03-15'))).toBe(false);
    expect(evaluateCondition(eighty, scope({ register: { birthDate: '1946-03-15' } }))).toBe(false);
  });

  it('selects a schedule’s subjects by their age on the first day of the period', () => {
    const def = {
      ...benefit,
      starters: [{ kind: 'officer', level: 'township' }],
      schedules: { monthly: { every: 'month', subjects: { kind: 'person', where: { all: [eighty, { not: { subjectFact: 'register.status', in: ['死亡', '迁出'] } }] } }, starter: 'officer' } },
    } as WorkflowDefinition;
    expect(checkDefinition(def)).toEqual([]);
    expect(schemaValidate(def)).toBe(true);
    const monthly = def.schedules!.monthly!;
    const person = (register: Record<string, unknown>) => ({ kind: 'person', key: 'k', name: '', orgKind: '', facts: { register } as never });
    expect(scheduleMatches(monthly, person({ birthDate: '1946-03-15' }), def.parameters, '2026-03-01')).toBe(false);
    expect(scheduleMatches(monthly, person({ birthDate: '1946-03-15' }), def.parameters, '2026-04-01')).toBe(true);
    expect(scheduleMatches(monthly, person({ birthDate: '1946-03-15', status: '死亡' }), def.parameters, '2026-04-01')).toBe(false);
  });

  it('routes a case by the age its subject’s facts give, the facts read and recorded like any other', () => {
    const def: WorkflowDefinition = { ...benefit, endsWhen: undefined, steps: { review: { type: 'task', name: '核实', assignee: { level: 'township' }, actions: { approve: { kind: 'approve', label: '确认', guard: eighty, target: 'ended' } } }, ended: benefit.steps.ended! } };
    expect(subjectFactsRead(def)).toEqual(['register.birthDate']);
    const c = new CaseDriver(compileWorkflow(def));
    c.subjectFacts = { register: { birthDate: '1950-01-01' } };
    expect(c.send(actors.township, 'approve').ok).toBe(false);
    c.subjectFacts = { register: { birthDate: '1940-01-01' } };
    expect(c.send(actors.township, 'approve').ok).toBe(true);
  });

  it('is refused where it is malformed: both or neither of `of` and `fact`, or a malformed fact name', () => {
    const guarded = (age: unknown) => ({ ...benefit, steps: { ...benefit.steps, review: { ...benefit.steps.review, actions: { approve: { kind: 'approve', label: '确认', target: 'paying', guard: { age, gte: 80 } } } } } }) as unknown as WorkflowDefinition;
    expect(validateDefinition(guarded({ of: '/person/birthDate', fact: 'register.birthDate' })).map((p) => p.path)).toEqual(['/steps/review/actions/approve/guard/age']);
    expect(validateDefinition(guarded({})).map((p) => p.path)).toEqual(['/steps/review/actions/approve/guard/age']);
    expect(validateDefinition(guarded({ fact: 'register..birthDate' })).map((p) => p.path)).toEqual(['/steps/review/actions/approve/guard/age/fact']);
    expect(schemaValidate(guarded({ fact: 'register..birthDate' }))).toBe(false);
  });
});
