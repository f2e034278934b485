import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../engine/definition/validateDefinition.js';
import { actionKeyProblem, actionPointerOf, stepKeyProblem, withAction, withStep, withoutStep } from '../../../web/src/pages/studio/definitionStepEdits.js';
import { withValueAt } from '../../../web/src/pages/studio/definitionEdits.js';

const dibao = () => JSON.parse(readFileSync(new URL('../../../workflows/dibao/workflow.json', import.meta.url), 'utf8')) as Record<string, unknown> & { steps: Record<string, Record<string, unknown>> };

describe('adding and removing steps and actions in the designer', () => {
  it('accepts a step key only in the language’s pattern and not yet used', () => {
    const def = dibao();
    expect(stepKeyProblem(def, '')).toBe('empty');
    expect(stepKeyProblem(def, '1st')).toBe('pattern');
    expect(stepKeyProblem(def, '复核')).toBe('pattern');
    expect(stepKeyProblem(def, 'accept')).toBe('taken');
    expect(stepKeyProblem(def, 'toString')).toBeUndefined();
    expect(stepKeyProblem(def, 'extra_review.2')).toBeUndefined();
  });

  it('adds a final and a timer step the language accepts, and leaves the original alone', () => {
    const def = dibao();
    const changed = withStep(withStep(def, { key: 'closed', name: '关闭', type: 'final' }), { key: 'wait', name: '等待', type: 'timer', next: 'closed' });
    expect(changed.steps.closed).toEqual({ type: 'final', name: '关闭', outcome: 'approved' });
    expect(changed.steps.wait).toMatchObject({ type: 'timer', onElapsed: 'closed', duration: { workingDays: 5 } });
    expect(validateDefinition(changed)).toEqual([]);
    expect(def.steps.closed).toBeUndefined();
  });

  it('adds a task that is valid once it has its first action, whose target is the chosen step', () => {
    const def = withStep(dibao(), { key: 'recheck', name: '复核', type: 'task' });
    expect(validateDefinition(def).length).toBeGreaterThan(0);
    expect(actionKeyProblem(def, 'recheck', 'verb.x')).toBe('reserved');
    const done = withAction(def, 'recheck', { key: 'pass', label: '通过', kind: 'approve', target: 'countyReview' });
    expect(done.steps.recheck!.actions).toEqual({ pass: { kind: 'approve', label: '通过', target: 'countyReview' } });
    expect(validateDefinition(done)).toEqual([]);
    expect(actionKeyProblem(done, 'recheck', 'pass')).toBe('taken');
    const back = withAction(done, 'recheck', { key: 'back', label: '退回', kind: 'return', target: 'accept' });
    expect(back.steps.recheck!.actions).toMatchObject({ back: { kind: 'return', returnTo: ['accept'] } });
    expect(validateDefinition(back)).toEqual([]);
  });

  it('removes a step and leaves the routes that named it for the check to show', () => {
    const def = withoutStep(dibao(), 'investigation');
    expect(def.steps.investigation).toBeUndefined();
    expect((def.steps.accept!.actions as Record<string, { target: unknown }>).accept!.target).toBe('investigation');
  });

  it('finds the action an edge draws, also from one route of a conditional action', () => {
    expect(actionPointerOf('/definition/steps/accept/actions/accept')).toBe('/definition/steps/accept/actions/accept');
    expect(actionPointerOf('/definition/steps/actions/actions/x/target/1')).toBe('/definition/steps/actions/actions/x');
    expect(actionPointerOf('/definition/steps/publicNotice/onElapsed/0')).toBeUndefined();
    const removed = withValueAt(dibao(), '/steps/accept/actions/accept', undefined);
    expect(removed.steps.accept!.actions).not.toHaveProperty('accept');
  });
});
