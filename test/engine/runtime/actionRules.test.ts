import { describe, expect, it } from 'vitest';
import { decide, type Actor, type CaseSnapshot } from '../../../engine/index.js';
import { requiresComment } from '../../../engine/runtime/actionRules.js';
import { actors, CaseDriver, shippedDefinition } from '../../support/caseDriver.js';

const household = {
  applicant: { name: '王秀英', idNumber: '320621195503120023', singlePersonBasis: false },
  household: { members: [{ name: '王秀英' }, { name: '张明' }] },
  income: { wages: 1200 },
};

/** Every actor, once as themselves and once named by the 近亲属 register. */
const everyone: [string, Actor, string[]][] = Object.entries(actors).flatMap(([name, actor]): [string, Actor, string[]][] => [
  [name, actor, []],
  [`${name} (recused)`, actor, [actor.id]],
]);

/**
 * For every actor and every action of the current step: `decide` accepts the action (given a comment
 * and a return target) exactly when `availableActions` offers it, and asks for a comment exactly
 * when the offer says it needs one.
 */
function expectOneRuleBook(c: CaseDriver): void {
  const step = c.wf.definition.steps[c.snapshot.step]!;
  const actions = step.type === 'task' || step.type === 'timer' ? Object.entries(step.actions ?? {}) : [];
  for (const [who, actor, recused] of everyone) {
    c.recused = recused;
    const offered = c.offers(actor);
    for (const [name, action] of actions) {
      const env = { calendar: c.calendar, data: c.data, recusedActors: recused };
      const command = { action: name, version: c.snapshot.version, commandId: 'probe', comment: '经办意见：依规办理', ...(action.returnTo ? { returnTo: action.returnTo[0]! } : {}) };
      const decided = decide(c.wf, c.snapshot as CaseSnapshot, actor, command, c.now, env);
      const permitted = decided.ok || !['not_your_task', 'not_allowed'].includes(decided.rejection.code) || decided.rejection.message.startsWith('没有满足条件的下一步');
      expect(permitted, `${who} · ${c.snapshot.step}.${name}`).toBe(offered.includes(name));
      if (!offered.includes(name)) continue;
      const silent = decide(c.wf, c.snapshot as CaseSnapshot, actor, { ...command, comment: '' }, c.now, env);
      const askedForComment = !silent.ok && silent.rejection.path === '/comment';
      expect(askedForComment, `${who} · ${c.snapshot.step}.${name} comment`).toBe(requiresComment(action));
    }
  }
  c.recused = [];
}

describe('the rules of acting', () => {
  it('are one rule book: decide accepts exactly what availableActions offers, at every step of a 低保 case', () => {
    const c = new CaseDriver(shippedDefinition('dibao'));
    const walk: [Actor, string, Parameters<CaseDriver['ok']>[2]][] = [
      [actors.applicant, 'submit', { data: household }],
      [actors.township, 'accept', { data: { acceptance: { complete: true, relativeFiling: false } } }],
      [actors.village, 'complete', { data: { investigation: { investigators: ['赵村干', '钱社工'] } } }],
      [actors.county, 'complete', { data: { verification: { result: '一致' } } }],
      [actors.township, 'approve', {}],
    ];
    const visited: string[] = [];
    for (const [actor, action, options] of walk) {
      expectOneRuleBook(c);
      visited.push(c.snapshot.step);
      c.ok(actor, action, options);
    }
    expectOneRuleBook(c);
    visited.push(c.snapshot.step);
    c.advanceDays(8);
    c.fireTimer();
    expectOneRuleBook(c);
    visited.push(c.snapshot.step);
    c.ok(actors.county, 'extend', { comment: '需补充核查' });
    expectOneRuleBook(c);
    expect(visited).toEqual(['apply', 'accept', 'investigation', 'verification', 'townshipReview', 'publicNotice', 'countyReview']);
  });

  it('offer an extension once, and ask for a comment where the definition or the kind of action says so', () => {
    const c = new CaseDriver(shippedDefinition('dibao'));
    c.ok(actors.applicant, 'submit', { data: household });
    c.ok(actors.township, 'accept', { data: { acceptance: { complete: true, relativeFiling: false } } });
    c.ok(actors.village, 'complete');
    c.ok(actors.county, 'complete');
    c.ok(actors.township, 'approve');
    c.advanceDays(8);
    c.fireTimer();
    expect(c.offers(actors.county)).toContain('extend');
    c.ok(actors.county, 'extend', { comment: '材料较多' });
    expect(c.offers(actors.county)).not.toContain('extend');
    const again = c.send(actors.county, 'extend', { comment: '再延长' });
    expect(again.ok ? undefined : again.rejection).toEqual({ code: 'not_allowed', message: '办理时限已延长过，不能再次延长。' });
    expect(requiresComment({ kind: 'approve', label: '同意' })).toBe(false);
    expect(requiresComment({ kind: 'approve', label: '同意', requireComment: true })).toBe(true);
    expect(requiresComment({ kind: 'return', label: '退回' })).toBe(true);
  });
});
