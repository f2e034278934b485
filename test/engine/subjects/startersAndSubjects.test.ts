import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { checkDefinition, compileWorkflow, createWorkingCalendar, decide, startCase, starterFor, subjectFactsRead, validateDefinition, type Actor, type WorkflowDefinition } from '../../../engine/index.js';
import { actors, processModules, shippedDefinition } from '../../support/caseDriver.js';

const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../engine/definition/workflow.schema.json'), 'utf8'));
const schemaValidate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

/** A 两项补贴-like process: the township approves; a 低保 household is routed to the fast lane. */
const subsidy: WorkflowDefinition = {
  key: 'subsidy-test',
  version: 1,
  name: '补贴测试',
  initial: 'apply',
  starters: [{ kind: 'resident' }, { kind: 'proxy' }, { kind: 'officer', level: 'township', role: 'dibao_officer' }],
  subject: { kind: 'person', idNumber: '/applicant/idNumber', name: '/applicant/name' },
  steps: {
    apply: { type: 'task', name: '申请', assignee: { level: 'applicant' }, actions: { submit: { kind: 'submit', label: '提交', target: [{ when: { subjectFact: 'dibao.since', exists: true }, target: 'granted' }, { target: 'review' }] } } },
    review: {
      type: 'task',
      name: '审核',
      assignee: { level: 'township' },
      actions: {
        approve: { kind: 'approve', label: '同意', target: 'granted', guard: { subjectFact: 'status', in: ['正常', '在册'] }, effects: [{ effect: 'setSubjectFact', args: { fact: 'subsidy.since', today: true } }] },
        reject: { kind: 'reject', label: '不同意', target: 'refused' },
      },
    },
    granted: { type: 'final', name: '给予', outcome: 'approved', onEnter: [{ effect: 'setSubjectFact', args: { fact: 'subsidy.amount', from: '/applicant/amount' } }] },
    refused: { type: 'final', name: '不予', outcome: 'rejected' },
  },
};

const organisationActor: Actor = { id: 'u-org-contact', kind: 'applicant', roles: [], organisation: 'subject-org-1', orgUnit: { id: 'c1', level: 'county', path: ['c1'] } };

describe('starters: who may start a case, and for whom', () => {
  it('a definition that declares none keeps today’s rule: a resident for themselves or a village officer for a resident', () => {
    const dibao = shippedDefinition('dibao');
    const legacy = { ...dibao, starters: undefined } as WorkflowDefinition;
    expect(starterFor(legacy, actors.applicant, { as: 'resident' }).ok).toBe(true);
    expect(starterFor(legacy, actors.village, { as: 'proxy' }).ok).toBe(true);
    expect(starterFor(legacy, actors.township, { as: 'proxy' })).toEqual({ ok: false, message: '只有村（居）委会工作人员可以代为申请。' });
    expect(starterFor(legacy, organisationActor, { as: 'organisation' }).ok).toBe(false);
    expect(starterFor(legacy, actors.county, { as: 'officer' }).ok).toBe(false);
  });

  it('an officer starter admits only officers of its level holding its duty', () => {
    expect(starterFor(subsidy, actors.township, { as: 'officer' }).ok).toBe(true);
    expect(starterFor(subsidy, { ...actors.township, roles: [] }, { as: 'officer' }).ok).toBe(false);
    expect(starterFor(subsidy, actors.county, { as: 'officer' }).ok).toBe(false);
    expect(starterFor(subsidy, actors.applicant, { as: 'officer' }).ok).toBe(false);
  });

  it('an organisation starter admits an organisation’s account, and a resident starter does not', () => {
    const org: WorkflowDefinition = { ...subsidy, starters: [{ kind: 'organisation' }], subject: { kind: 'organisation' } };
    expect(starterFor(org, organisationActor, { as: 'organisation' }).ok).toBe(true);
    expect(starterFor(org, actors.applicant, { as: 'resident' }).ok).toBe(false);
    expect(starterFor(subsidy, organisationActor, { as: 'resident' }).ok).toBe(false);
  });

  it('a parent starter admits only the processes it names', () => {
    const child: WorkflowDefinition = { ...subsidy, key: 'child-test', starters: [{ kind: 'parent', workflows: ['subsidy-test'] }] };
    expect(starterFor(child, actors.county, { as: 'parent', workflow: 'subsidy-test' }).ok).toBe(true);
    expect(starterFor(child, actors.county, { as: 'parent', workflow: 'other' }).ok).toBe(false);
  });

  it('any account of the applicant organisation acts on the applicant steps of its case, other applicants do not', () => {
    const wf = compileWorkflow({ ...subsidy, starters: [{ kind: 'organisation' }], subject: { kind: 'organisation' } });
    const calendar = createWorkingCalendar();
    const started = startCase(wf, { applicant: 'subject-org-1', org: { county: 'c1' } }, new Date('2026-03-02T09:00:00+08:00'), { calendar, data: {} });
    const colleague: Actor = { ...organisationActor, id: 'u-org-legal-rep' };
    const command = { action: 'submit', version: 1, commandId: 'c1' };
    expect(decide(wf, started.snapshot, colleague, command, new Date(), { calendar, data: {} }).ok).toBe(true);
    const refused = decide(wf, started.snapshot, actors.applicant, command, new Date(), { calendar, data: {} });
    expect(refused.ok ? '' : refused.rejection.code).toBe('not_your_task');
  });
});

describe('subject facts in conditions and effects', () => {
  const wf = compileWorkflow(subsidy);
  const calendar = createWorkingCalendar();
  const at = new Date('2026-03-02T09:00:00+08:00');
  const start = () => startCase(wf, { applicant: actors.applicant.id, org: { county: 'c1', township: 'ta', village: 'va1' } }, at, { calendar, data: {} }).snapshot;
  const submit = { action: 'submit', version: 1, commandId: 'c1' };

  it('the compiled workflow lists the facts its conditions read, for the host to record', () => {
    expect(wf.subjectFactsRead).toEqual(['dibao.since', 'status']);
    expect(subjectFactsRead(shippedDefinition('dibao'))).toEqual([]);
  });

  it('routes on a fact of the subject: a 低保 household goes straight to the grant', () => {
    const facts = { dibao: { since: '2025-01-01' } };
    const fast = decide(wf, start(), actors.applicant, submit, at, { calendar, data: {}, subjectFacts: facts });
    expect(fast.ok && fast.snapshot.step).toBe('granted');
    const slow = decide(wf, start(), actors.applicant, submit, at, { calendar, data: {} });
    expect(slow.ok && slow.snapshot.step).toBe('review');
  });

  it('a guard on a fact refuses the action when the fact does not hold, and the effects set facts', () => {
    const inReview = decide(wf, start(), actors.applicant, submit, at, { calendar, data: { applicant: { amount: 120 } } });
    if (!inReview.ok) throw new Error(inReview.rejection.message);
    const approve = { action: 'approve', version: 2, commandId: 'c2' };
    const refused = decide(wf, inReview.snapshot, actors.township, approve, at, { calendar, data: {}, subjectFacts: { status: '注销' } });
    expect(refused.ok ? '' : refused.rejection.code).toBe('not_allowed');
    const approved = decide(wf, inReview.snapshot, actors.township, approve, at, { calendar, data: { applicant: { amount: 120 } }, subjectFacts: { status: '正常' } });
    if (!approved.ok) throw new Error(approved.rejection.message);
    expect(approved.effects.filter((e) => e.type === 'setSubjectFact')).toEqual([
      { type: 'setSubjectFact', fact: 'subsidy.since', value: null, today: true },
      { type: 'setSubjectFact', fact: 'subsidy.amount', value: 120 },
    ]);
  });
});

describe('a fact copied into the case data (setData fromFact)', () => {
  /** A 复核: the township records the household's standing before it changes it. */
  const review: WorkflowDefinition = {
    ...subsidy,
    key: 'review-test',
    initial: 'check',
    starters: [{ kind: 'officer', level: 'township' }],
    steps: {
      check: {
        type: 'task', name: '复核', assignee: { level: 'township' },
        actions: { done: { kind: 'approve', label: '复核完毕', target: 'decided', effects: [
          { effect: 'setData', args: { path: '/previous/amount', fromFact: 'subsidy.amount' } },
          { effect: 'setData', args: { path: '/previous/since', fromFact: 'subsidy.since' } },
        ] } },
      },
      decided: { type: 'final', name: '办结', outcome: 'approved', onEnter: [{ effect: 'setData', args: { path: '/previous/status', fromFact: 'subsidy.status' } }] },
    },
  };
  const calendar = createWorkingCalendar();
  const at = new Date('2026-03-02T09:00:00+08:00');

  it('is read like a fact a condition reads: listed for the host, copied from the facts the command carries', () => {
    const wf = compileWorkflow(review);
    expect(wf.subjectFactsRead).toEqual(['subsidy.amount', 'subsidy.since', 'subsidy.status']);
    const started = startCase(wf, { applicant: actors.township.id, org: { county: 'c1', township: 'ta' } }, at, { calendar, data: {} });
    const done = decide(wf, started.snapshot, actors.township, { action: 'done', version: 1, commandId: 'c1' }, at, { calendar, data: {}, subjectFacts: { subsidy: { amount: 460, status: '在保' } } });
    if (!done.ok) throw new Error(done.rejection.message);
    expect(done.effects.filter((e) => e.type === 'setData')).toEqual([
      { type: 'setData', path: '/previous/amount', value: 460 },
      { type: 'setData', path: '/previous/since', value: null },
      { type: 'setData', path: '/previous/status', value: '在保' },
    ]);
  });

  it('is refused without a subject, with a malformed fact name, or beside a value', () => {
    expect(checkDefinition(review).map((p) => p.path)).toEqual([]);
    const d = structuredClone(review) as unknown as { steps: { check: { actions: { done: { effects: { args: Record<string, unknown> }[] } } } } };
    d.steps.check.actions.done.effects[0]!.args = { path: '/previous/amount', fromFact: 'subsidy..amount', value: 1 };
    const problems = checkDefinition(d as unknown as WorkflowDefinition).map((p) => p.path);
    expect(problems).toEqual(expect.arrayContaining(['/steps/check/actions/done/effects/0/args/fromFact', '/steps/check/actions/done/effects/0/args']));
    const noSubject = { ...review, starters: [{ kind: 'resident' as const }], subject: undefined };
    expect(checkDefinition(noSubject as WorkflowDefinition).map((p) => p.path)).toContain('/steps/check/actions/done/effects/0/args/fromFact');
  });
});

describe('the shape of starters and subjects', () => {
  it('both the validator and the JSON Schema accept the test process', () => {
    expect(validateDefinition(subsidy)).toEqual([]);
    expect(schemaValidate(subsidy)).toBe(true);
  });

  const broken: [string, Partial<WorkflowDefinition> | Record<string, unknown>, string][] = [
    ['an unknown starter kind', { starters: [{ kind: 'anyone' }] }, '/starters/0/kind'],
    ['an officer starter without a level', { starters: [{ kind: 'officer' }] }, '/starters/0/level'],
    ['a parent starter without processes', { starters: [{ kind: 'parent', workflows: [] }] }, '/starters/0/workflows'],
    ['an empty starter list', { starters: [] }, '/starters'],
    ['a subject of an unknown kind', { subject: { kind: 'family' } }, '/subject/kind'],
    ['a subject field that is not a pointer', { subject: { kind: 'person', idNumber: 'applicant.idNumber' } }, '/subject/idNumber'],
  ];
  for (const [what, change, at] of broken) {
    it(`both refuse ${what}, and validateDefinition points at ${at}`, () => {
      const d = { ...structuredClone(subsidy), ...change };
      expect(validateDefinition(d).map((p) => p.path)).toContain(at);
      expect(schemaValidate(d)).toBe(false);
    });
  }

  it('both refuse a subject-fact condition with two comparisons', () => {
    const d = structuredClone(subsidy) as unknown as { steps: { apply: { actions: { submit: { target: { when: unknown }[] } } } } };
    d.steps.apply.actions.submit.target[0]!.when = { subjectFact: 'dibao.since', exists: true, equals: 1 };
    expect(validateDefinition(d).map((p) => p.path)).toContain('/steps/apply/actions/submit/target/0/when');
    expect(schemaValidate(d)).toBe(false);
  });
});

describe('the checker refuses what cannot be resolved', () => {
  const paths = (d: WorkflowDefinition, ...rest: Parameters<typeof checkDefinition> extends [unknown, ...infer R] ? R : never) => checkDefinition(d, ...rest).map((p) => p.path);

  it('passes the test process and the shipped 低保', () => {
    expect(checkDefinition(subsidy)).toEqual([]);
    expect(checkDefinition(shippedDefinition('dibao'), undefined, undefined, processModules.get('dibao'))).toEqual([]);
  });

  it('an officer starter at a level the org tree lacks', () => {
    expect(paths(subsidy, { levels: ['village', 'county'] })).toContain('/starters/2/level');
  });

  it('subject facts read by a process an officer starts about no subject (a programme of their area, allowed as such)', () => {
    const found = paths({ ...subsidy, subject: undefined, steps: { ...subsidy.steps, granted: { type: 'final', name: '给予', outcome: 'approved' } } } as WorkflowDefinition);
    expect(found).not.toContain('/starters/2');
    expect(found.some((p) => p.startsWith('/steps/apply/actions/submit/target/0'))).toBe(true);
  });

  it('an organisation starter of a process about a person, and 代办 of a process about an organisation', () => {
    expect(paths({ ...subsidy, starters: [{ kind: 'organisation' }] })).toContain('/starters/0');
    expect(paths({ ...subsidy, starters: [{ kind: 'proxy' }], subject: { kind: 'organisation', creditCode: '/org/code' } })).toContain('/starters/0');
  });

  it('a process that is its own parent, or starts itself as a child', () => {
    expect(paths({ ...subsidy, starters: [{ kind: 'parent', workflows: ['subsidy-test'] }] })).toContain('/starters/0/workflows');
    const selfChild = structuredClone(subsidy);
    (selfChild.steps.granted as { onEnter: unknown[] }).onEnter.push({ effect: 'startChildCase', args: { workflow: 'subsidy-test' } });
    expect(paths(selfChild)).toContain('/steps/granted/onEnter/1/args/workflow');
  });

  it('a child process that is unknown, or does not name this one as its parent', () => {
    const parent = structuredClone(subsidy);
    (parent.steps.granted as { onEnter: unknown[] }).onEnter.push({ effect: 'startChildCase', args: { workflow: 'followup', pass: { '/applicant': '/applicant' } } });
    const child = { key: 'followup', starters: [{ kind: 'parent' as const, workflows: ['other'] }] };
    expect(paths(parent, undefined, undefined, undefined, new Map())).toContain('/steps/granted/onEnter/1/args/workflow');
    expect(paths(parent, undefined, undefined, undefined, new Map([['followup', child]]))).toContain('/steps/granted/onEnter/1/args/workflow');
    expect(paths(parent, undefined, undefined, undefined, new Map([['followup', { ...child, starters: [{ kind: 'parent', workflows: ['subsidy-test'] }] }]]))).toEqual([]);
  });

  it('subject facts read or set by a process whose cases have no subject', () => {
    const d = { ...structuredClone(subsidy), starters: [{ kind: 'resident' as const }], subject: undefined };
    const problems = paths(d as WorkflowDefinition);
    expect(problems).toContain('/steps/apply/actions/submit/target/0/when/subjectFact');
    expect(problems).toContain('/steps/granted/onEnter/0/effect');
  });

  it('a setSubjectFact without exactly one source, and subject fields the form lacks', () => {
    const d = structuredClone(subsidy);
    (d.steps.granted as { onEnter: { args: Record<string, unknown> }[] }).onEnter[0]!.args = { fact: 'subsidy.amount', value: 1, from: '/a' };
    expect(paths(d)).toContain('/steps/granted/onEnter/0/args');
    expect(paths(subsidy, undefined, { fields: ['/applicant/name'], sensitive: [] })).toEqual(['/subject/idNumber']);
  });

  it('代办 for a resident without an account needs the subject keyed by an ID number', () => {
    expect(paths({ ...subsidy, subject: { kind: 'person', name: '/applicant/name' } })).toContain('/subject');
  });
});
