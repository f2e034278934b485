import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDefinition, validateDefinition, type WorkflowDefinition } from '../../../engine/index.js';
import { timerCommandOf } from '../../../engine/runtime/deadlineTimers.js';
import { actors, CaseDriver } from '../../support/caseDriver.js';
import { brokenDefinition, validishDefinition } from './generatedDefinitions.js';

/** How long the checker may take on one definition, and `decide` on one command. */
const checkerBound = 1000;
const decideBound = 500;
const chinese = /[\u4e00-\u9fff]/;
/** More runs for a deeper search than CI's few seconds: CHECKER_PROPERTY_SCALE=20 npx vitest run … */
const scale = Math.max(1, Number(process.env.CHECKER_PROPERTY_SCALE ?? '1') || 1);

/** Checks `input` as a definition: never throws, answers in time, every problem at a JSON path with a Chinese message. */
function checkedInTime(input: unknown): ReturnType<typeof checkDefinition> {
  const started = performance.now();
  const shape = validateDefinition(input);
  const problems = checkDefinition(input as WorkflowDefinition);
  const took = performance.now() - started;
  expect(took).toBeLessThan(checkerBound);
  for (const p of [...shape, ...problems]) {
    expect(typeof p.path).toBe('string');
    expect(p.path === '' || p.path.startsWith('/')).toBe(true);
    expect(p.message).toMatch(chinese);
  }
  return problems;
}

const someActors = Object.values(actors);
/** What a driver may do to a case: an action by someone, the timer falling due, time passing, data arriving. */
const move = fc.record({
  what: fc.constantFrom('action', 'action', 'action', 'timer', 'wait'),
  action: fc.nat(40),
  actor: fc.nat(30),
  days: fc.integer({ min: 0, max: 40 }),
  returnTo: fc.nat(20),
  data: fc.option(fc.record({ x: fc.record({ a: fc.integer({ min: -5, max: 5 }), b: fc.integer({ min: -5, max: 5 }), date: fc.constantFrom('2026-03-01', '2026-10-01', 'not a date'), list: fc.array(fc.nat(3), { maxLength: 3 }), id: fc.constantFrom('320621195503120023', '1') }, { requiredKeys: [] }) }), { freq: 3 }),
  comment: fc.constantFrom(undefined, '理由', '理由'),
});

describe('the checker over generated definitions (fast-check)', () => {
  it('answers every valid-ish definition within a second, never throws, every problem at a path in Chinese', () => {
    fc.assert(fc.property(validishDefinition, (d) => { checkedInTime(d); }), { numRuns: 300 * scale });
  }, 60_000 * scale);

  it('answers every broken definition within a second, never throws, every problem at a path in Chinese', () => {
    fc.assert(fc.property(brokenDefinition, (d) => { checkedInTime(d); }), { numRuns: 400 * scale });
  }, 60_000 * scale);

  it('answers anything at all that is not a definition', () => {
    fc.assert(fc.property(fc.anything({ maxDepth: 3 }), (d) => { checkedInTime(d); }), { numRuns: 200 * scale });
  }, 60_000 * scale);

  it('for every definition it accepts: compiles, starts, and no sequence of commands makes decide throw or loop', () => {
    let accepted = 0;
    let moved = 0;
    fc.assert(fc.property(validishDefinition, fc.array(move, { minLength: 8, maxLength: 25 }), (d, moves) => {
      if (checkedInTime(d).length > 0) return;
      accepted++;
      const c = new CaseDriver(d as unknown as WorkflowDefinition, new Date('2026-09-28T09:00:00+08:00'));
      const stepNames = Object.keys(c.wf.definition.steps);
      // The timers the host holds (timer steps, 催办, 逾期), as the sweep would see them.
      const pending = new Set<string>();
      const track = () => { for (const e of c.effects) { if (e.type === 'scheduleTimer') pending.add(e.key); if (e.type === 'cancelTimer') pending.delete(e.key); } };
      track();
      for (const m of moves) {
        if (c.snapshot.status === 'done') break;
        if (m.what === 'wait') { c.advanceDays(m.days); continue; }
        // Mostly an action of the current step by an actor of its level; now and then anything by anyone.
        const step = c.wf.definition.steps[c.snapshot.step];
        const here = step && (step.type === 'task' || step.type === 'timer') ? Object.keys(step.actions ?? {}) : step?.type === 'parallel' ? Object.entries(step.branches).flatMap(([b, branch]) => Object.keys(branch.actions).map((a) => `${b}.${a}`)) : [];
        const anywhere = Object.values(c.wf.definition.steps).flatMap((s) => (s.type === 'task' || s.type === 'timer' ? Object.keys(s.actions ?? {}) : []));
        const names = m.action % 4 !== 0 && here.length ? here : anywhere.length ? anywhere : ['go'];
        const given = step?.type === 'task' ? step.assignee.level : step?.type === 'parallel' ? Object.values(step.branches)[m.action % Object.keys(step.branches).length]?.assignee.level : undefined;
        const level = typeof given === 'object' && given !== null ? c.wf.parameters[given.param] : given;
        const fitting = level === 'applicant' ? actors.applicant : level === 'village' ? actors.village : level === 'township' ? actors.township : level === 'county' ? actors.county : undefined;
        const actor = m.actor % 3 !== 0 && fitting ? fitting : someActors[m.actor % someActors.length]!;
        const started = performance.now();
        const due = [...pending];
        const timerKey = due[m.action % Math.max(1, due.length)];
        const decision = m.what === 'timer' && timerKey ? c.send(actors.system, timerCommandOf(timerKey), { timerKey }) : m.what === 'timer' && step?.type === 'timer' ? c.fireTimer() : c.send(actor, names[m.action % names.length]!, { ...(m.data ? { data: m.data } : {}), ...(m.comment ? { comment: m.comment } : {}), returnTo: stepNames[m.returnTo % stepNames.length]! });
        expect(performance.now() - started).toBeLessThan(decideBound);
        if (decision.ok) { moved++; track(); }
      }
    }), { numRuns: 300 * scale });
    // The property is not vacuous: a fair share of the generated definitions pass every check.
    expect(accepted).toBeGreaterThan(8 * scale);
    expect(moved).toBeGreaterThan(accepted);
  }, 60_000 * scale);
});
