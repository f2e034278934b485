import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { JsonObject } from '../../../engine/index.js';
import { placeProblems } from '../../../web/src/pages/studio/form-designer/designerProblems.js';
import { conditionOf, expressionProblem } from '../../../web/src/pages/studio/form-designer/conditionExpression.js';
import { forgetSection, permissionColumns, permissionOf, setPermission } from '../../../web/src/pages/studio/form-designer/stepPermissions.js';

const dibao = JSON.parse(readFileSync('workflows/dibao/workflow.json', 'utf8')) as JsonObject;

/** A definition with a parallel step of two branches (the shape of a 会签). */
const parallel: JsonObject = {
  steps: {
    apply: { type: 'task', name: '提出申请', form: { sections: { applicant: 'write' } } },
    review: { type: 'parallel', name: '会签', branches: { dpf: { name: '残联', form: { sections: { applicant: 'read' } } }, health: { name: '卫健' } } },
    done: { type: 'final', name: '办结' },
  },
};

describe('the form designer’s model', () => {
  it('has a grid column for every task step and every branch of a parallel step, named as the definition names them', () => {
    expect(permissionColumns(parallel).map((c) => [c.id, c.label])).toEqual([['apply', '提出申请'], ['review/dpf', '会签 · 残联'], ['review/health', '会签 · 卫健']]);
    const taskSteps = Object.entries(dibao.steps as Record<string, { type: string }>).filter(([, s]) => s.type === 'task').map(([k]) => k);
    expect(permissionColumns(dibao).map((c) => c.step)).toEqual(taskSteps);
  });

  it('reads a section the step does not list as hidden, writes a permission into form.sections (a branch too) and removes it for hidden', () => {
    const [apply, dpf, health] = permissionColumns(parallel);
    expect(permissionOf(parallel, health!, 'applicant')).toBe('hidden');
    const written = setPermission(parallel, health!, 'applicant', 'masked');
    expect((((written.steps as JsonObject).review as JsonObject).branches as JsonObject).health).toEqual({ name: '卫健', form: { sections: { applicant: 'masked' } } });
    expect(permissionOf(parallel, health!, 'applicant')).toBe('hidden');
    const hidden = setPermission(written, dpf!, 'applicant', 'hidden');
    expect(permissionOf(hidden, dpf!, 'applicant')).toBe('hidden');
    expect(permissionOf(hidden, apply!, 'applicant')).toBe('write');
    expect(permissionColumns(forgetSection(hidden, 'applicant')).map((c) => permissionOf(forgetSection(hidden, 'applicant'), c, 'applicant'))).toEqual(['hidden', 'hidden', 'hidden']);
  });

  it('places the checks’ problems on their field (schema, layout or sample) and grid cell', () => {
    const ui = { type: 'Wizard', elements: [{ type: 'Section', scope: '/applicant', elements: [{ type: 'Control', scope: '/applicant/phone' }] }] } as unknown as JsonObject;
    const placed = placeProblems([
      { path: '/formSchema/properties/applicant/properties/phone/pattern', message: 'a' },
      { path: '/uiSchema/elements/0/elements/0/widget', message: 'b' },
      { path: '/sample/applicant/phone', message: 'c' },
      { path: '/definition/steps/accept/form/sections/applicant', message: 'd' },
      { path: '/definition/steps/review/branches/dpf/form/sections/applicant', message: 'e' },
      { path: '/definition/steps/accept/deadline', message: 'f' },
    ], ui);
    expect(Object.fromEntries(placed.fields)).toEqual({ '/applicant/phone': ['a', 'b', 'c'] });
    expect(Object.fromEntries(placed.cells)).toEqual({ 'accept/applicant': ['d'], 'review/dpf/applicant': ['e'] });
  });

  it('builds a condition from a field, a comparison and a value, quoting text, and names an expression that does not parse', () => {
    expect(conditionOf('/applicant/filedByProxy', '==', 'true')).toBe('applicant.filedByProxy == true');
    expect(conditionOf('/household/count', '>=', '3')).toBe('household.count >= 3');
    expect(conditionOf('/applicant/kind', '!=', "O'Neil 户")).toBe("applicant.kind != 'O\\'Neil 户'");
    expect(expressionProblem(conditionOf('/applicant/kind', '!=', "O'Neil 户"))).toBe('');
    expect(expressionProblem('applicant.name ==')).not.toBe('');
    expect(expressionProblem('')).toBe('');
  });
});
