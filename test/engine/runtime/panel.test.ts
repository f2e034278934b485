import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { availableActions, checkDefinition, validateDefinition, type Actor, type PanelDefinition, type PanelState, type TaskStep, type WorkflowDefinition } from '../../../engine/index.js';
import { countPanel } from '../../../engine/runtime/panelTally.js';
import { drawMembers } from '../../../engine/runtime/panelSeating.js';
import { actors, CaseDriver } from '../../support/caseDriver.js';
import { panelDefinition } from '../../support/panelDefinition.js';

const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../engine/definition/workflow.schema.json'), 'utf8'));
const schemaValidate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

const member = (n: number): Actor => ({ id: `m${n}`, kind: 'officer', roles: ['appraiser'], orgUnit: { id: 'ta', level: 'township', path: ['c1', 'ta'] } });
const [m1, m2, m3, m4] = [1, 2, 3, 4].map(member) as [Actor, Actor, Actor, Actor];
const organiser = actors.township;

/** A panel case at the review step, with `count` appraisers at the township. */
function panelCase(count = 4, definition: WorkflowDefinition = panelDefinition, recused: string[] = []): CaseDriver {
  const c = new CaseDriver(definition);
  c.panelCandidates['ta/appraiser'] = Array.from({ length: count }, (_, i) => `m${i + 1}`);
  c.recused = recused;
  c.ok(actors.applicant, 'submit');
  return c;
}

const withPanel = (panel: Partial<PanelDefinition>, actions?: TaskStep['actions']): WorkflowDefinition => {
  const review = panelDefinition.steps.review as TaskStep;
  return { ...panelDefinition, steps: { ...panelDefinition.steps, review: { ...review, panel: { ...review.panel!, ...panel }, ...(actions ? { actions } : {}) } } };
};

describe('a panel', () => {
  it('seats every appraiser with a task of their own beside the organiser’s', () => {
    const c = panelCase(3);
    expect(c.snapshot.tasks.map((t) => [t.key, t.assigneeUser ?? null, t.mode])).toEqual([
      ['review#1', null, 'single'],
      ['review#1:member:m1', 'm1', 'panel'],
      ['review#1:member:m2', 'm2', 'panel'],
      ['review#1:member:m3', 'm3', 'panel'],
    ]);
    expect(c.offers(m1)).toEqual(['vote']);
    expect(c.offers(organiser)).toEqual(['close']);
    expect(availableActions(c.wf, c.snapshot, m1, { data: {} })[0]).toMatchObject({ action: 'vote', kind: 'vote', ballot: { kind: 'vote' } });
  });

  it('keeps each member’s ballot under their own id: one member cannot vote twice nor for another', () => {
    const c = panelCase(4);
    c.ok(m1, 'vote', { ballot: { choice: 'for' } });
    c.ok(m2, 'vote', { ballot: { choice: 'against' } });
    expect(c.snapshot.panels?.review?.ballots).toEqual({ m1: { choice: 'for' }, m2: { choice: 'against' } });
    expect(c.effects).toEqual([{ type: 'closeTask', key: 'review#1:member:m2', outcome: 'completed' }]);
    const again = c.send(m2, 'vote', { ballot: { choice: 'for' } });
    expect(again.ok ? undefined : again.rejection).toMatchObject({ code: 'not_your_task', message: '您已在此评议中投票，选票不能更改。' });
    const outsider = c.send({ ...m1, id: 'stranger' }, 'vote', { ballot: { choice: 'for' } });
    expect(outsider.ok ? undefined : outsider.rejection.code).toBe('not_your_task');
    expect(c.offers(m2)).toEqual([]);
    expect(c.snapshot.panels?.review?.ballots).toEqual({ m1: { choice: 'for' }, m2: { choice: 'against' } });
  });

  it('decides on the last ballot once every member voted, by simple majority', () => {
    const c = panelCase(3);
    c.ok(m1, 'vote', { ballot: { choice: 'for' } });
    c.ok(m2, 'vote', { ballot: { choice: 'against' } });
    expect(c.snapshot.step).toBe('review');
    c.ok(m3, 'vote', { ballot: { choice: 'for' } });
    expect(c.snapshot.step).toBe('approved');
    expect(c.snapshot.panels?.review).toMatchObject({ result: 'passed', tally: { eligible: 3, cast: 3, quorum: 3, for: 2, against: 1 } });
  });

  it('is closed by its organiser: passed with the quorum reached, quorum not reached with too few ballots', () => {
    const reached = panelCase(5);
    for (const [m, choice] of [[m1, 'for'], [m2, 'against'], [m3, 'against']] as const) reached.ok(m, 'vote', { ballot: { choice } });
    reached.ok(organiser, 'close');
    expect(reached.snapshot.step).toBe('refused');
    expect(reached.snapshot.panels?.review?.tally).toMatchObject({ cast: 3, quorum: 3 });
    expect(reached.effects.filter((e) => e.type === 'closeTask').map((e) => (e as { key: string }).key)).toEqual(['review#1', 'review#1:member:m4', 'review#1:member:m5']);

    const missed = panelCase(5);
    missed.ok(m1, 'vote', { ballot: { choice: 'for' } });
    missed.ok(m2, 'vote', { ballot: { choice: 'for' } });
    missed.ok(organiser, 'close');
    expect(missed.snapshot.step).toBe('inconclusive');
    expect(missed.snapshot.panels?.review).toMatchObject({ result: 'quorumNotReached', tally: { cast: 2, quorum: 3, for: 2 } });
  });

  it('counts an abstention toward the quorum but not for the motion', () => {
    const c = panelCase(3);
    c.ok(m1, 'vote', { ballot: { choice: 'for' } });
    c.ok(m2, 'vote', { ballot: { choice: 'abstain' } });
    c.ok(m3, 'vote', { ballot: { choice: 'against' } });
    expect(c.snapshot.step).toBe('refused');
    expect(c.snapshot.panels?.review?.tally).toMatchObject({ cast: 3, for: 1, against: 1, abstain: 1 });
  });

  it('does not seat staff the 近亲属 register names, and a member’s own 回避 shrinks the panel', () => {
    const c = panelCase(4, panelDefinition, ['m2']);
    expect(c.snapshot.panels?.review?.members).toEqual(['m1', 'm3', 'm4']);
    const noReason = c.send(m1, 'vote', { ballot: { choice: 'recuse' } });
    expect(noReason.ok ? undefined : noReason.rejection).toMatchObject({ code: 'invalid_data', path: '/comment' });
    c.ok(m1, 'vote', { ballot: { choice: 'recuse' }, comment: '与申请人有利害关系' });
    c.ok(m3, 'vote', { ballot: { choice: 'for' } });
    c.ok(m4, 'vote', { ballot: { choice: 'for' } });
    // Every member who counts has voted: 2 of 2, under the quorum of 3.
    expect(c.snapshot.step).toBe('inconclusive');
    expect(c.snapshot.panels?.review?.tally).toMatchObject({ eligible: 2, cast: 2, recused: 1, quorum: 3 });
  });

  it('takes a share of the members not recused as its quorum', () => {
    const c = panelCase(4, withPanel({ quorum: { share: 0.5 } }));
    c.ok(m1, 'vote', { ballot: { choice: 'recuse' }, comment: '回避理由' });
    c.ok(m2, 'vote', { ballot: { choice: 'for' } });
    c.ok(m3, 'vote', { ballot: { choice: 'for' } });
    c.ok(organiser, 'close');
    expect(c.snapshot.panels?.review).toMatchObject({ result: 'passed', tally: { eligible: 3, quorum: 2, cast: 2 } });
  });

  it('refuses a ballot of the wrong kind', () => {
    const c = panelCase(3);
    const none = c.send(m1, 'vote');
    expect(none.ok ? undefined : none.rejection).toMatchObject({ code: 'invalid_data', path: '/ballot' });
    const score = c.send(m1, 'vote', { ballot: { score: 80 } });
    expect(score.ok ? undefined : score.rejection).toMatchObject({ code: 'invalid_data', path: '/ballot/choice' });
    const closing = c.send(organiser, 'close', { ballot: { choice: 'for' } });
    expect(closing.ok ? undefined : closing.rejection).toMatchObject({ code: 'invalid_data', path: '/ballot' });
    expect(c.snapshot.panels?.review?.ballots).toEqual({});
  });

  it('scores: passes when the average reaches the threshold', () => {
    const scored = withPanel({ ballot: 'score', maxScore: 100, rule: { averageScoreAtLeast: 75 } });
    const c = panelCase(3, scored);
    const tooHigh = c.send(m1, 'vote', { ballot: { score: 120 } });
    expect(tooHigh.ok ? undefined : tooHigh.rejection).toMatchObject({ code: 'invalid_data', path: '/ballot/score' });
    c.ok(m1, 'vote', { ballot: { score: 90 } });
    c.ok(m2, 'vote', { ballot: { score: 60 } });
    c.ok(m3, 'vote', { ballot: { choice: 'abstain' } });
    expect(c.snapshot.panels?.review).toMatchObject({ result: 'passed', tally: { averageScore: 75, cast: 3 } });
  });
});

describe('the result rules', () => {
  const state = (ballots: PanelState['ballots'], members = Object.keys(ballots)): PanelState => ({ visit: 1, members, unit: 'ta', ballots });
  const votes = (forCount: number, against: number) => Object.fromEntries([...Array(forCount).fill('for'), ...Array(against).fill('against')].map((choice, i) => [`m${i}`, { choice }]));
  const vote = (rule: PanelDefinition['rule']): PanelDefinition => ({ members: { level: 'township' }, ballot: 'vote', quorum: { count: 1 }, rule });

  it('majority: more than half of the ballots cast; a tie fails', () => {
    expect(countPanel(vote('majority'), state(votes(3, 2)), {}).result).toBe('passed');
    expect(countPanel(vote('majority'), state(votes(2, 2)), {}).result).toBe('failed');
  });

  it('two thirds: at least two thirds of the ballots cast', () => {
    expect(countPanel(vote('twoThirds'), state(votes(4, 2)), {}).result).toBe('passed');
    expect(countPanel(vote('twoThirds'), state(votes(3, 2)), {}).result).toBe('failed');
  });

  it('average score: a parameter as threshold; no score given fails', () => {
    const panel: PanelDefinition = { members: { level: 'township' }, ballot: 'score', quorum: { count: 1 }, rule: { averageScoreAtLeast: { param: 'pass' } } };
    expect(countPanel(panel, state({ a: { score: 70 }, b: { score: 80 } }), { pass: 75 }).result).toBe('passed');
    expect(countPanel(panel, state({ a: { score: 70 }, b: { score: 79 } }), { pass: 75 }).result).toBe('failed');
    expect(countPanel(panel, state({ a: { choice: 'abstain' } }), { pass: 75 }).result).toBe('failed');
  });

  it('quorum: members the register names after seating no longer count', () => {
    const s = state({ a: { choice: 'for' }, b: { choice: 'for' } }, ['a', 'b', 'c']);
    expect(countPanel(vote('majority'), s, {}, ['b'])).toMatchObject({ result: 'passed', complete: false, tally: { eligible: 2, cast: 1, recused: 1 } });
  });
});

describe('drawing members', () => {
  it('draws the same members for the same case, others for another', () => {
    const pool = Array.from({ length: 20 }, (_, i) => `expert${i}`);
    const first = drawMembers(pool, 5, 'case-1:review:1');
    expect(first).toHaveLength(5);
    expect(new Set(first).size).toBe(5);
    expect(drawMembers([...pool].reverse(), 5, 'case-1:review:1')).toEqual(first);
    expect(drawMembers(pool, 5, 'case-2:review:1')).not.toEqual(first);
  });

  it('seats the drawn members of a case, and a 近亲属 among the candidates is replaced, not drawn', () => {
    const drawn = withPanel({ members: { level: 'township', role: 'appraiser', draw: 3 } });
    const c = panelCase(10, drawn);
    const members = c.snapshot.panels!.review!.members;
    expect(members).toHaveLength(3);
    const again = panelCase(10, drawn, [members[0]!]);
    expect(again.snapshot.panels!.review!.members).toHaveLength(3);
    expect(again.snapshot.panels!.review!.members).not.toContain(members[0]);
  });
});

describe('a panel drawn from a pool', () => {
  const experts = Array.from({ length: 6 }, (_, i) => ({ id: `e${i + 1}`, ...(i === 0 ? { affiliation: 'ORG-A' } : {}) }));
  const expert = (id: string): Actor => ({ id, kind: 'officer', roles: [], orgUnit: { id: 'pool-1', level: 'department' as never, path: ['c1', 'pool-1'] } });
  const scored = withPanel({ members: { pool: { kind: 'expert_pool', draw: 3, recuseAffiliationsFrom: ['/org/creditCode'] } }, ballot: 'score', quorum: { share: 1 }, rule: { averageScoreAtLeast: 70 } });

  it('seats the drawn experts (never one affiliated with the applicant organisation) and decides by their average score', () => {
    const c = new CaseDriver(scored);
    c.directory = { units: [{ id: 'pool-1', kind: 'expert_pool', name: '专家库' }], members: { 'pool-1': experts }, seed: 'cmd-1' };
    c.ok(actors.applicant, 'submit', { data: { org: { creditCode: 'ORG-A' } } });
    const members = c.snapshot.panels!.review!.members;
    expect(members).toHaveLength(3);
    expect(members).not.toContain('e1');
    expect(c.snapshot.tasks.filter((t) => t.mode === 'panel').map((t) => [t.level, t.assigneeUnit, t.assigneeUser])).toEqual(members.map((m) => ['pool', 'pool-1', m]));
    expect(c.snapshot.draws?.map((d) => d.drawn)).toEqual([members]);
    const outsider = experts.map((e) => e.id).find((id) => !members.includes(id) && id !== 'e1')!;
    expect(c.offers(expert(outsider))).toEqual([]);
    for (const [i, m] of members.entries()) c.ok(expert(m), 'vote', { ballot: { score: [80, 70, 65][i]! } });
    expect(c.snapshot.panels?.review).toMatchObject({ result: 'passed', tally: { averageScore: 71.67, cast: 3, quorum: 3 } });
    expect(c.snapshot.step).toBe('approved');
  });

  it('is checked like any pool draw: a kind that is no pool, a quorum above the draw', () => {
    const wrongKind = withPanel({ members: { pool: { kind: 'supervisory_unit', draw: 3 } } });
    expect(checkDefinition(wrongKind).map((p) => p.path)).toContain('/steps/review/panel/members/pool/kind');
    const tooFew = withPanel({ members: { pool: { kind: 'expert_pool', draw: 2 } } });
    expect(checkDefinition(tooFew).map((p) => `${p.path}: ${p.message}`)).toContain('/steps/review/panel/quorum/count: 法定人数 3 超过抽取的评议成员人数 2：评议永远达不到法定人数。');
    expect(schemaValidate(scored)).toBe(true);
    expect(validateDefinition(withPanel({ members: { pool: { kind: 'expert_pool', draw: 2 }, level: 'township' } }))).toEqual([{ path: '/steps/review/panel/members', message: '评议成员须二选一：按层级与职责 (level、role、draw)，或从库中抽取 (pool)。' }]);
  });
});

describe('the checker on panels', () => {
  const problems = (d: WorkflowDefinition) => checkDefinition(d).map((p) => `${p.path}: ${p.message}`);

  it('accepts the probe, in the schema too', () => {
    expect(problems(panelDefinition)).toEqual([]);
    expect(schemaValidate(panelDefinition)).toBe(true);
  });

  it('refuses a quorum larger than the panel drawn', () => {
    expect(problems(withPanel({ members: { level: 'township', role: 'appraiser', draw: 2 } }))).toEqual([
      '/steps/review/panel/quorum/count: 法定人数 3 超过抽取的评议成员人数 2：评议永远达不到法定人数。',
    ]);
  });

  it('refuses a route on a result the panel cannot come to', () => {
    // A share for quorum and no organiser's close: the panel decides only when everyone counting has voted.
    const review = panelDefinition.steps.review as TaskStep;
    const noClose = withPanel({ quorum: { share: 0.5 } }, { vote: review.actions.vote! });
    expect(problems(noClose)).toEqual(['/steps/review/actions/vote/target/2/when/result: 步骤“review”的评议不可能得出“未达法定人数” (quorumNotReached)：此路由永远不会走到。']);
    const unreachable = withPanel({ ballot: 'score', rule: { averageScoreAtLeast: 120 } });
    expect(problems(unreachable)).toContain('/steps/review/actions/vote/target/0/when/result: 步骤“review”的评议不可能得出“通过” (passed)：此路由永远不会走到。');
  });

  it('refuses a route on a step without a panel, a ballot on such a step, and a result left without a route', () => {
    const d: WorkflowDefinition = {
      ...panelDefinition,
      steps: {
        ...panelDefinition.steps,
        apply: { type: 'task', name: '提出申请', assignee: { level: 'applicant' }, actions: { submit: { kind: 'submit', label: '提交', target: [{ when: { panel: 'apply', result: 'passed' }, target: 'review' }, { target: 'review' }] }, vote: { kind: 'vote', label: '投票', target: 'review' } } },
        review: { ...(panelDefinition.steps.review as TaskStep), actions: { vote: { kind: 'vote', label: '投票', target: [{ when: { panel: 'review', result: 'passed' }, target: 'approved' }] }, close: { kind: 'closePanel', label: '结束', target: 'inconclusive' } } },
      },
    };
    expect(problems(d)).toEqual([
      '/steps/refused: 步骤“评议未通过”从起始步骤无法到达。',
      '/steps/apply/actions/vote/kind: 步骤“提出申请”没有评议 (panel)，不能设置投票操作。',
      '/steps/apply/actions/submit/target/0/when/panel: 步骤“apply”没有评议 (panel)，不能按评议结果路由。',
      '/steps/review/actions/vote/target: 评议结果 “未达法定人数”、“未通过” 没有去向：请为其设路由或加一条无条件的默认路由。',
    ]);
  });

  it('refuses a panel on the initial step: it is seated once a case has been submitted', () => {
    const review = panelDefinition.steps.review as TaskStep;
    const d: WorkflowDefinition = { ...panelDefinition, initial: 'review', steps: { review, approved: panelDefinition.steps.approved!, refused: panelDefinition.steps.refused!, inconclusive: panelDefinition.steps.inconclusive! } };
    expect(problems(d)).toEqual(['/steps/review/panel: 评议不能设在起始步骤：须在案件提交后组成评议小组。']);
  });

  it('refuses a malformed panel in validateDefinition and the schema alike', () => {
    const bad = withPanel({ ballot: 'vote', quorum: { share: 1.5 }, rule: { averageScoreAtLeast: 60 } });
    expect(validateDefinition(bad).map((p) => p.path)).toEqual(['/steps/review/panel/quorum/share', '/steps/review/panel/rule']);
    expect(schemaValidate(bad)).toBe(false);
  });
});
