import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { checkDefinition, stepVerbs, validateDefinition, type WorkflowDefinition } from '../../../engine/index.js';
import { taskVerbsWorkflow } from '../../fixtures/taskVerbsWorkflow.js';

const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../engine/definition/workflow.schema.json'), 'utf8'));
const schemaValidate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

/** The probe definition with one step changed. */
function withStep(name: string, change: (step: Record<string, unknown>) => void): WorkflowDefinition {
  const d = structuredClone(taskVerbsWorkflow) as unknown as { steps: Record<string, Record<string, unknown>> };
  change(d.steps[name]!);
  return d as unknown as WorkflowDefinition;
}

describe('task verbs in a definition', () => {
  it('are accepted by the schema, validateDefinition and checkDefinition where declared as the language allows', () => {
    expect(schemaValidate(taskVerbsWorkflow)).toBe(true);
    expect(checkDefinition(taskVerbsWorkflow)).toEqual([]);
  });

  const refused: [string, WorkflowDefinition, string, RegExp][] = [
    ['declared on a step that is not a task', { ...taskVerbsWorkflow, steps: { ...taskVerbsWorkflow.steps, done: { type: 'final', name: '办结', outcome: 'approved', verbs: { recall: true } } as never } }, '/steps/done/verbs', /只有办理步骤/],
    ['an unknown verb', withStep('review', (s) => { s.verbs = { delegate: true }; }), '/steps/review/verbs/delegate', /未知的任务动词/],
    ['addSigner with an unknown option', withStep('review', (s) => { s.verbs = { addSigner: { otherUnit: true } }; }), '/steps/review/verbs/addSigner/otherUnit', /未知的属性/],
    ['an urge interval that is not a whole number of hours', withStep('review', (s) => { s.verbs = { urge: { intervalHours: 0.5 } }; }), '/steps/review/verbs/urge/intervalHours', /整数/],
    ['an action named with the reserved prefix', withStep('review', (s) => { (s.actions as Record<string, unknown>)['verb.transfer'] = { kind: 'save', label: '转办' }; }), '/steps/review/actions/verb.transfer', /保留名称/],
  ];
  for (const [what, d, where, message] of refused) {
    it(`are refused by the schema and by validateDefinition at ${where}: ${what}`, () => {
      expect(schemaValidate(d)).toBe(false);
      expect(validateDefinition(d)).toContainEqual({ path: where, message: expect.stringMatching(message) });
    });
  }

  it('are refused by checkDefinition where the language does not allow them', () => {
    expect(checkDefinition(withStep('apply', (s) => { s.verbs = { addSigner: { otherUnits: true } }; }))).toContainEqual({ path: '/steps/apply/verbs/addSigner', message: '申请人办理的步骤不能加签。' });
    expect(checkDefinition(withStep('apply', (s) => { s.verbs = { transfer: true, cc: true }; })).map((p) => p.path)).toEqual(['/steps/apply/verbs/transfer', '/steps/apply/verbs/cc']);
    expect(checkDefinition(withStep('confirm', (s) => { s.verbs = { urge: true }; }))).toContainEqual({ path: '/steps/confirm/verbs/urge', message: expect.stringContaining('没有上级单位') });
    expect(checkDefinition(withStep('review', (s) => { s.verbs = { recall: true }; s.actions = { refuse: { kind: 'reject', label: '不予通过', target: 'refused' } }; })).map((p) => p.path)).toContain('/steps/review/verbs/recall');
  });

  it('take their defaults where a step declares nothing: transfer, cc and urge for officers, nothing for the applicant', () => {
    const officers = { type: 'task', name: '审查', assignee: { level: 'township' }, actions: {} } as const;
    expect(stepVerbs(officers as never, 'township')).toEqual({ transfer: true, addSigner: false, cc: true, recall: false, urge: { intervalHours: 24 } });
    expect(stepVerbs({ ...officers, assignee: { level: 'applicant' } } as never, 'applicant')).toEqual({ transfer: false, addSigner: false, cc: false, recall: false, urge: false });
    expect(stepVerbs({ type: 'timer', name: '公示', duration: { days: 7 }, onElapsed: 'x' }, undefined).transfer).toBe(false);
  });
});
