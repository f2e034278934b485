import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../engine/index.js';
import { shippedDefinition } from '../../support/caseDriver.js';

const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../engine/definition/workflow.schema.json'), 'utf8'));
const schemaValidate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
const dibao = shippedDefinition('dibao');

/** Broken variants of the shipped definition, each with the path validateDefinition must report. */
const broken: [string, (d: Record<string, unknown>) => void, string][] = [
  ['a bad key', (d) => { d.key = 'Di Bao'; }, '/key'],
  ['a zero version', (d) => { d.version = 0; }, '/version'],
  ['an unknown top-level field', (d) => { d.owner = 'x'; }, '/owner'],
  ['an unknown step type', (d) => { (d.steps as Record<string, Record<string, unknown>>).apply!.type = 'gateway'; }, '/steps/apply/type'],
  ['a task without an assignee', (d) => { delete (d.steps as Record<string, Record<string, unknown>>).accept!.assignee; }, '/steps/accept/assignee'],
  ['an unknown action kind', (d) => { ((d.steps as Record<string, { actions: Record<string, Record<string, unknown>> }>).accept!.actions.accept!).kind = 'teleport'; }, '/steps/accept/actions/accept/kind'],
  ['a return without returnTo', (d) => { delete ((d.steps as Record<string, { actions: Record<string, Record<string, unknown>> }>).accept!.actions.requestCorrection!).returnTo; }, '/steps/accept/actions/requestCorrection/returnTo'],
  ['a final step without an outcome', (d) => { delete (d.steps as Record<string, Record<string, unknown>>).confirmed!.outcome; }, '/steps/confirmed/outcome'],
  ['a countersign without a group', (d) => { ((d.steps as Record<string, { assignee: Record<string, unknown> }>).accept!.assignee).mode = 'all'; }, '/steps/accept/assignee/group'],
  ['a condition with two comparisons', (d) => { ((d.steps as Record<string, { onElapsed: { when?: unknown }[] }>).publicNotice!.onElapsed[0]!).when = { path: '/a', gt: 1, lt: 2 }; }, '/steps/publicNotice/onElapsed/0/when'],
  ['a reveal that is not a list', (d) => { ((d.steps as Record<string, { form: Record<string, unknown> }>).accept!.form).reveal = '/applicant/idNumber'; }, '/steps/accept/form/reveal'],
  ['a reveal path that is not a JSON pointer', (d) => { ((d.steps as Record<string, { form: Record<string, unknown> }>).accept!.form).reveal = ['applicant.idNumber']; }, '/steps/accept/form/reveal/0'],
  ['a guide that is not an object', (d) => { d.guide = '请带身份证'; }, '/guide'],
  ['an unknown guide field', (d) => { (d.guide as Record<string, unknown>).fee = '免费'; }, '/guide/fee'],
  ['guide materials that are not a list', (d) => { (d.guide as Record<string, unknown>).materials = '身份证'; }, '/guide/materials'],
  ['an empty guide condition', (d) => { (d.guide as Record<string, unknown>).conditions = ['']; }, '/guide/conditions/0'],
  ['an empty English time limit', (d) => { (d.guide as Record<string, unknown>).timeLimitEn = ''; }, '/guide/timeLimitEn'],
  ['an unknown property of a step form', (d) => { ((d.steps as Record<string, { form: Record<string, unknown> }>).accept!.form).unmask = ['/applicant/idNumber']; }, '/steps/accept/form/unmask'],
];

describe('validateDefinition and workflow.schema.json', () => {
  it('both accept the shipped 低保 definition', () => {
    expect(validateDefinition(dibao)).toEqual([]);
    expect(schemaValidate(dibao)).toBe(true);
  });

  for (const [what, breakIt, path_] of broken) {
    it(`both refuse ${what}, and validateDefinition points at ${path_}`, () => {
      const d = structuredClone(dibao) as unknown as Record<string, unknown>;
      breakIt(d);
      expect(validateDefinition(d).map((p) => p.path)).toContain(path_);
      expect(schemaValidate(d)).toBe(false);
    });
  }

  it('accepts a definition without a guide, and the shipped 低保 guide answers every question of the 一次性告知', () => {
    const d = structuredClone(dibao) as unknown as Record<string, unknown>;
    delete d.guide;
    expect(validateDefinition(d)).toEqual([]);
    expect(schemaValidate(d)).toBe(true);
    expect(Object.keys(dibao.guide ?? {})).toEqual(expect.arrayContaining(['whoMayApply', 'conditions', 'materials', 'timeLimit', 'whereToAsk']));
  });

  it('reports every problem at once, in Chinese', () => {
    const problems = validateDefinition({ key: 1, steps: { a: { type: 'task' } } });
    expect(problems.length).toBeGreaterThanOrEqual(5);
    for (const p of problems) expect(p.message).toMatch(/[\u4e00-\u9fff]/);
  });
});
