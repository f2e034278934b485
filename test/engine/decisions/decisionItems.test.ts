import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { evaluateCondition } from '../../../engine/conditions/evaluateCondition.js';
import { checkDefinition, validateDefinition, type JsonValue, type TaskStep, type WorkflowDefinition } from '../../../engine/index.js';
import { actors, CaseDriver } from '../../support/caseDriver.js';
import { decisionsDefinition } from '../../support/decisionsDefinition.js';

const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../engine/definition/workflow.schema.json'), 'utf8'));
const schemaValidate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
const probe = decisionsDefinition();

/** A probe case at the county's review, submitted by the applicant. */
function reviewCase(definition: WorkflowDefinition = probe): CaseDriver {
  const c = new CaseDriver(definition);
  c.ok(actors.applicant, 'submit');
  return c;
}

const review = (living: JsonValue, nursing: JsonValue, extra: Record<string, JsonValue> = {}) => ({ review: { living, nursing, livingAmount: 600, ...extra } });

describe('decision items', () => {
  it('decides two items separately in one action: one approved with its amount, one refused with the comment as reasons, each with its own notice', () => {
    const c = reviewCase();
    c.ok(actors.county, 'decide', { data: review('approved', 'rejected'), comment: '护理等级评定未达一级' });
    expect(c.snapshot.decisions).toEqual({
      living: { outcome: 'approved', amount: 600, at: c.now.toISOString(), step: 'review', by: actors.county.id },
      nursing: { outcome: 'rejected', reasons: '护理等级评定未达一级', at: c.now.toISOString(), step: 'review', by: actors.county.id },
    });
    expect(c.effects.filter((e) => e.type === 'renderDocument')).toEqual([
      { type: 'renderDocument', template: 'probe/living', kind: 'decision', title: '生活补贴决定通知书', issuer: 'county', decision: { item: 'living', name: '生活补贴', outcome: 'approved', amount: 600 } },
      { type: 'renderDocument', template: 'probe/nursing', kind: 'nursingDecision', title: '护理补贴决定通知书', decision: { item: 'nursing', name: '护理补贴', outcome: 'rejected', reasons: '护理等级评定未达一级' } },
    ]);
    expect(c.effects.some((e) => e.type === 'decideItem' || e.type === 'reachMilestone')).toBe(false);
  });

  it('routes on an item’s outcome and reaches a milestone long before the case ends', () => {
    const c = reviewCase();
    c.ok(actors.county, 'decide', { data: review('approved', 'rejected'), comment: '护理等级评定未达一级' });
    expect(c.snapshot.step).toBe('payment');
    expect(c.snapshot.status).toBe('active');
    const enteredAt = c.now.toISOString();
    expect(c.snapshot.milestones).toEqual({ granted: { at: enteredAt, step: 'payment' } });
    c.advanceDays(1);
    c.ok(actors.township, 'pay');
    expect(Object.keys(c.snapshot.milestones ?? {})).toEqual(['granted', 'paid']);
    expect(c.snapshot.milestones?.granted?.at).toBe(enteredAt);
    expect(c.snapshot.status).toBe('active');
  });

  it('takes the case’s outcome from its items: approved when any item is approved', () => {
    const c = reviewCase();
    c.ok(actors.county, 'decide', { data: review('rejected', 'approved', { livingReasons: '家庭人均收入高于标准' }) });
    expect(c.snapshot.decisions?.living).toMatchObject({ outcome: 'rejected', reasons: '家庭人均收入高于标准' });
    expect(c.snapshot.decisions?.nursing).toMatchObject({ outcome: 'approved', amount: 120 });
    c.ok(actors.township, 'pay');
    c.ok(actors.applicant, 'complete');
    c.ok(actors.township, 'close');
    expect([c.snapshot.status, c.snapshot.outcome]).toEqual(['done', 'approved']);
  });

  it('ends the case rejected when every item is refused, without granting or paying anything', () => {
    const c = reviewCase();
    c.ok(actors.county, 'decide', { data: review('rejected', 'rejected'), comment: '不符合条件' });
    expect([c.snapshot.step, c.snapshot.status, c.snapshot.outcome]).toEqual(['closed', 'done', 'rejected']);
    expect(c.snapshot.milestones).toBeUndefined();
  });

  it('ends the case rejected under allApproved when one item of two is refused', () => {
    const c = reviewCase({ ...probe, decisionPolicy: { outcome: 'allApproved' } });
    c.ok(actors.county, 'decide', { data: review('approved', 'rejected'), comment: '护理等级评定未达一级' });
    c.ok(actors.township, 'pay');
    c.ok(actors.applicant, 'complete');
    c.ok(actors.township, 'close');
    expect(c.snapshot.outcome).toBe('rejected');
  });

  it('refuses a refusal without written reasons and an outcome that is neither approved nor rejected, changing nothing', () => {
    const c = reviewCase();
    const before = c.snapshot;
    const unexplained = c.send(actors.county, 'decide', { data: review('approved', 'rejected') });
    expect(unexplained.ok ? undefined : unexplained.rejection).toEqual({ code: 'invalid_data', message: '不予批准“护理补贴”须写明理由。', path: '/comment' });
    const undecided = c.send(actors.county, 'decide', { data: review('maybe', 'approved') });
    expect(undecided.ok ? undefined : undecided.rejection).toEqual({ code: 'invalid_data', message: '请选择“生活补贴”的决定：批准或不予批准。', path: '/review/living' });
    expect(c.snapshot).toBe(before);
  });

  it('offers an action guarded by milestones only once they are reached', () => {
    const guarded: WorkflowDefinition = { ...probe, steps: { ...probe.steps, payment: { ...(probe.steps.payment as TaskStep), actions: { pay: { kind: 'approve', label: '已发放', guard: { not: { milestone: 'paid' } }, effects: [{ effect: 'reachMilestone', args: { milestone: 'paid' } }], target: 'paperwork' } } } } };
    const c = reviewCase(guarded);
    c.ok(actors.county, 'decide', { data: review('approved', 'approved') });
    expect(c.offers(actors.township)).toEqual(['pay']);
    c.ok(actors.township, 'pay');
    c.ok(actors.applicant, 'complete');
    expect(c.offers(actors.township)).toEqual(['close']);
  });

  it('reads an undecided item and an unreached milestone as false', () => {
    const scope = { data: {}, flags: [], parameters: {}, guards: {}, decisions: { living: 'approved' }, milestones: ['granted'] };
    expect(evaluateCondition({ decision: 'living', equals: 'approved' }, scope)).toBe(true);
    expect(evaluateCondition({ decision: 'nursing', equals: 'rejected' }, scope)).toBe(false);
    expect(evaluateCondition({ decision: 'nursing', equals: 'approved' }, { ...scope, decisions: undefined } as never)).toBe(false);
    expect(evaluateCondition({ milestone: 'granted' }, scope)).toBe(true);
    expect(evaluateCondition({ milestone: 'paid' }, scope)).toBe(false);
  });
});

describe('the checker on decision items and milestones', () => {
  const problemsOf = (def: WorkflowDefinition) => checkDefinition(def).map((p) => p.path);
  const reviewStep = probe.steps.review as TaskStep;
  const withDecide = (effects: TaskStep['actions'][string]['effects'], target: TaskStep['actions'][string]['target'] = reviewStep.actions.decide!.target): WorkflowDefinition => ({
    ...probe,
    steps: { ...probe.steps, review: { ...reviewStep, actions: { decide: { ...reviewStep.actions.decide!, effects, target } } } },
  });

  it('accepts the probe, in the JSON Schema too', () => {
    expect(checkDefinition(probe)).toEqual([]);
    expect(schemaValidate(probe)).toBe(true);
  });

  it('refuses an action deciding an item the definition does not declare, and a milestone it does not declare', () => {
    const def = withDecide([...reviewStep.actions.decide!.effects!, { effect: 'decide', args: { item: 'heating', outcome: 'approved' } }, { effect: 'reachMilestone', args: { milestone: 'archived' } }]);
    expect(checkDefinition(def)).toEqual(expect.arrayContaining([
      { path: '/steps/review/actions/decide/effects/2/args/item', message: '决定事项“heating”未在 decisions 中声明。' },
      { path: '/steps/review/actions/decide/effects/3/args/milestone', message: '节点“archived”未在 milestones 中声明。' },
    ]));
  });

  it('refuses a route on an item no action decides, on an outcome no action can give, and on a milestone nothing reaches', () => {
    const onlyApproved = withDecide([{ effect: 'decide', args: { item: 'living', outcome: 'approved', amount: 600 } }], [
      { when: { decision: 'nursing', equals: 'approved' }, target: 'payment' },
      { when: { decision: 'living', equals: 'rejected' }, target: 'closed' },
      { when: { not: { milestone: 'paperworkComplete' } }, target: 'closed' },
      { target: 'payment' },
    ]);
    const noPaperwork: WorkflowDefinition = { ...onlyApproved, steps: { ...onlyApproved.steps, paperwork: { ...(probe.steps.paperwork as TaskStep), actions: { complete: { kind: 'submit', label: '提交材料', target: 'closing' } } } } };
    const problems = checkDefinition(noPaperwork);
    expect(problems).toEqual(expect.arrayContaining([
      { path: '/steps/review/actions/decide/target/0/when/decision', message: '没有任何操作或步骤决定“护理补贴”，此条件永远不成立。' },
      { path: '/steps/review/actions/decide/target/1/when/equals', message: '“生活补贴”不会被决定为 rejected，此条件永远不成立。' },
      { path: '/steps/review/actions/decide/target/2/when/not/milestone', message: '没有任何操作或步骤到达节点“材料补齐”，此条件永远不成立。' },
    ]));
    expect(problems.map((p) => p.path)).toContain('/steps/closing/actions/close/guard/all/1/milestone');
  });

  it('refuses a route on an item or milestone the definition does not declare', () => {
    const def = withDecide(reviewStep.actions.decide!.effects, [{ when: { decision: 'heating', equals: 'approved' }, target: 'payment' }, { when: { milestone: 'archived' }, target: 'payment' }, { target: 'closed' }]);
    expect(problemsOf(def)).toEqual(expect.arrayContaining(['/steps/review/actions/decide/target/0/when/decision', '/steps/review/actions/decide/target/1/when/milestone']));
  });

  it('refuses an item without a notice unless the definition makes notices optional', () => {
    const def: WorkflowDefinition = { ...probe, decisions: { ...probe.decisions, nursing: { name: '护理补贴' } } };
    expect(checkDefinition(def)).toEqual([{ path: '/decisions/nursing', message: '决定事项“护理补贴”没有通知书 (notice)：每个事项须单独出具决定通知书（或将 decisionPolicy.notices 设为 optional）。' }]);
    expect(checkDefinition({ ...def, decisionPolicy: { outcome: 'anyApproved', notices: 'optional' } })).toEqual([]);
  });

  it('refuses two items or two milestones with the same name', () => {
    const def: WorkflowDefinition = {
      ...probe,
      decisions: { ...probe.decisions, nursing: { ...probe.decisions!.nursing!, name: '生活补贴' } },
      milestones: { ...probe.milestones, paid: { name: '已批准' } },
    };
    expect(checkDefinition(def)).toEqual([
      { path: '/decisions/nursing/name', message: '决定事项“nursing”与“living”同名（生活补贴）。' },
      { path: '/milestones/paid/name', message: '节点“paid”与“granted”同名（已批准）。' },
    ]);
  });

  it('refuses an outcome by decisions in a definition without items', () => {
    const { decisions: _d, decisionPolicy: _p, ...rest } = probe;
    expect(problemsOf({ ...rest, steps: { ...rest.steps, review: { ...reviewStep, actions: { decide: { kind: 'approve', label: '作出决定', target: 'closed' } } } } })).toContain('/steps/closed/outcome');
  });

  it('refuses malformed items, milestones and conditions with JSON pointers', () => {
    const bad = { ...probe, decisions: { living: { title: '生活补贴', notice: { template: '' } } }, milestones: { paid: {} }, decisionPolicy: { outcome: 'most' } } as unknown as WorkflowDefinition;
    expect(validateDefinition(bad).map((p) => p.path)).toEqual(expect.arrayContaining(['/decisions/living/title', '/decisions/living/name', '/decisions/living/notice/template', '/decisions/living/notice/title', '/milestones/paid/name', '/decisionPolicy/outcome']));
    expect(schemaValidate(bad)).toBe(false);
    const badCondition = withDecide(reviewStep.actions.decide!.effects, [{ when: { decision: 'living', equals: 'maybe' } as never, target: 'payment' }, { target: 'closed' }]);
    expect(validateDefinition(badCondition)).toEqual([{ path: '/steps/review/actions/decide/target/0/when/equals', message: '决定事项条件须为 {"decision": 事项名, "equals": "approved" 或 "rejected"}。' }]);
    expect(schemaValidate(badCondition)).toBe(false);
  });
});
