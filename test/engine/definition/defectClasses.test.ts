/**
 * The defect classes of issue 9 (25 broken definitions were written against the checker: 14 were
 * accepted, 2 crashed it, 1 ran for minutes): one broken definition per class, each refused at the
 * expected JSON path with a Chinese message, within a second, never with an exception.
 */
import { describe, expect, it } from 'vitest';
import { checkDefinition, duplicateJsonKeys, type FormFieldSummary, type WorkflowDefinition } from '../../../engine/index.js';

type Json = Record<string, unknown>;
const end = { type: 'final', name: '办结', outcome: 'approved' };
const task = (target: string, extra: Json = {}): Json => ({ type: 'task', name: `办理${target}`, assignee: { level: 'township' }, actions: { go: { kind: 'approve', label: '同意', target } }, ...extra });
const choice = (name: string, target: Json[]): Json => ({ type: 'choice', name, target });
/** A definition from JSON text, as a file is read (a key `__proto__` stays an own key). */
const parsed = (steps: string, extra = '', initial = 'a'): unknown => JSON.parse(`{ "key": "broken", "version": 1, "name": "有缺陷的流程", "initial": "${initial}"${extra}, "steps": ${steps} }`);
const def = (steps: Json, extra: Json = {}): unknown => JSON.parse(JSON.stringify({ key: 'broken', version: 1, name: '有缺陷的流程', initial: 'a', steps, ...extra }));
const form: FormFieldSummary = { fields: ['/applicant', '/applicant/name', '/acceptance', '/acceptance/complete', '/objection', '/objection/reason'], sensitive: [] };

/** A 40-step ladder where every step may go one or two steps on (2^40 routes if walked one by one). */
function ladder(): Json {
  const steps: Json = {};
  for (let i = 0; i < 40; i++) {
    const next = i === 39 ? 'done' : `s${i + 1}`;
    const skip = i >= 38 ? 'done' : `s${i + 2}`;
    steps[`s${i}`] = { ...task(next, { deadline: { workingDays: 1 } }), actions: { go: { kind: 'approve', label: '同意', target: next }, skip: { kind: 'approve', label: '跳过', target: skip } } };
  }
  return { ...steps, done: end };
}
/** 10,000 steps in a row. */
function longChain(): Json {
  const steps: Json = {};
  for (let i = 0; i < 10000; i++) steps[`s${i}`] = task(i === 9999 ? 'done' : `s${i + 1}`, { deadline: { workingDays: 1 } });
  return { ...steps, done: end };
}
function deepNot(depth: number): Json {
  let c: Json = { flag: 'relativeFiling' };
  for (let i = 0; i < depth; i++) c = { not: c };
  return c;
}

/** [defect class, the broken definition, the path it is refused at, the form if the check needs it]. */
const classes: [string, () => unknown, string | RegExp, FormFieldSummary?][] = [
  ['a cycle with no exit', () => def({ a: task('b'), b: task('c'), c: task('b'), done: end }), '/steps/b'],
  ['a 受理 "return" that skips 初审 and 公示', () => def({
    a: task('accept'),
    accept: { ...task('review'), actions: { go: { kind: 'approve', label: '受理', target: 'review' }, back: { kind: 'return', label: '退回', returnTo: ['decide'] } } },
    review: task('notice'), notice: { type: 'timer', name: '公示', duration: { days: 7 }, onElapsed: 'decide' }, decide: task('done'), done: end,
  }), '/steps/accept/actions/back/returnTo/0'],
  ['a route to a step named after an Object.prototype member', () => def({ a: task('constructor'), done: end }), '/steps/a/actions/go/target'],
  ['a step named constructor used as a return target', () => def({ a: task('constructor'), constructor: { ...task('done'), actions: { go: { kind: 'approve', label: '同意', target: 'done' }, back: { kind: 'return', label: '退回', returnTo: ['constructor'] } } }, done: end }), '/steps/constructor'],
  ['a step named __proto__ (an own key of the file)', () => parsed('{ "a": { "type": "task", "name": "甲", "assignee": { "level": "township" }, "actions": { "go": { "kind": "approve", "label": "同意", "target": "__proto__" } } }, "__proto__": { "type": "final", "name": "办结", "outcome": "approved" } }'), '/steps/__proto__'],
  ['two choice steps routing to each other', () => def({ a: task('x'), x: choice('甲', [{ when: { flag: 'relativeFiling' }, target: 'y' }, { target: 'done' }]), y: choice('乙', [{ when: { flag: 'relativeFiling' }, target: 'x' }, { target: 'done' }]), done: end }), /^\/steps\/[xy]\/target\/0\/target$/],
  ['a choice without a default route', () => def({ a: task('x'), x: choice('分支', [{ when: { flag: 'relativeFiling' }, target: 'done' }]), done: end }), '/steps/x/target'],
  ['a choice as the first step', () => def({ a: choice('分支', [{ target: 'done' }]), done: end }), '/initial'],
  ['a timer whose duration parameter is missing', () => def({ a: task('t'), t: { type: 'timer', name: '公示', duration: { param: 'publicNotice' }, onElapsed: 'done' }, done: end }), '/steps/t/duration'],
  ['a timer whose duration parameter is negative', () => def({ a: task('t'), t: { type: 'timer', name: '公示', duration: { param: 'publicNotice' }, onElapsed: 'done' }, done: end }, { parameters: { publicNotice: { days: -7 } } }), '/steps/t/duration'],
  ['a timer with a negative count', () => def({ a: task('t'), t: { type: 'timer', name: '公示', duration: { days: -7 }, onElapsed: 'done' }, done: end }), '/steps/t/duration/days'],
  ['a step deadline whose parameter is missing (dropped at runtime before)', () => def({ a: task('done', { deadline: { days: { param: 'reviewDays' } } }), done: end }), '/steps/a/deadline'],
  ['a boolean written as a string ("pausesClock": "false" pauses)', () => def({ a: task('done', { pausesClock: 'false' }), done: end }), '/steps/a/pausesClock'],
  ['a condition path not in the form', () => def({ a: task('x'), x: choice('分支', [{ when: { path: '/acceptance/compelte', equals: true }, target: 'done' }, { target: 'done' }]), done: end }), '/steps/x/target/0/when/path', form],
  ['a flag no effect raises (a lookalike letter skips the county visit)', () => def({ a: task('x'), x: choice('分支', [{ when: { flag: 'relatіveFiling' }, target: 'visit' }, { target: 'done' }]), visit: task('done'), done: end }), '/steps/x/target/0/when/flag'],
  ['duplicate duties in a countersign', () => def({ a: { ...task('done'), assignee: { level: 'county', mode: 'all', group: ['审核', '审核'] } }, done: end }), '/steps/a/assignee/group/1'],
  ['action names that differ only in case', () => def({ a: { ...task('done'), actions: { approve: { kind: 'approve', label: '同意', target: 'done' }, Approve: { kind: 'approve', label: '批准', target: 'done' } } }, done: end }), /^\/steps\/a\/actions\/(approve|Approve)$/],
  ['deadlines that exceed the limit on a branch (working days)', () => def({ a: task('b', { deadline: { workingDays: 20 } }), b: task('done', { deadline: { workingDays: 15 } }), done: end }, { limit: { workingDays: 30 } }), '/limit/workingDays'],
  ['deadlines that exceed the limit on a branch in another unit', () => def({ a: task('b', { deadline: { workingDays: 20 } }), b: task('done', { deadline: { workingDays: 20 } }), done: end }, { limit: { days: 60 } }), '/limit/days'],
  ['a limit parameter that is missing', () => def({ a: task('done'), done: end }, { limit: { days: { param: 'limitDays' } } }), '/limit/days'],
  ['timer-step writes the form lacks', () => def({ a: task('t'), t: { type: 'timer', name: '公示', duration: { days: 7 }, onElapsed: 'done', actions: { object: { kind: 'object', label: '异议', target: 'done', writes: ['objektion'] } } }, done: end }), '/steps/t/actions/object/writes/0', form],
  ['an extend action without an extended limit', () => def({ a: { ...task('done'), actions: { go: { kind: 'approve', label: '同意', target: 'done' }, ext: { kind: 'extend', label: '延长' } } }, done: end }, { limit: { workingDays: 30 } }), '/steps/a/actions/ext'],
  ['a 40-step branching ladder (ran for minutes)', () => def(ladder(), { initial: 's0', limit: { workingDays: 30 } }), '/limit/workingDays'],
  ['10,000 steps with a limit they exceed (overflowed the stack)', () => def(longChain(), { initial: 's0', limit: { workingDays: 5000 } }), '/limit/workingDays'],
  ['conditions nested 10,000 deep', () => ({ key: 'broken', version: 1, name: '有缺陷的流程', initial: 'a', steps: { a: task('x'), x: choice('分支', [{ when: deepNot(10000), target: 'done' }, { target: 'done' }]), done: end } }), /^\/steps\/x\/target\/0\/when(\/not)+$/],
  // Found by the property tests (checker.property.test.ts): a count no calendar can hold threw a RangeError in the checker and in decide.
  ['a deadline parameter of 1e308 days (found by fast-check: RangeError)', () => def({ a: task('done', { deadline: { param: 'notice' } }), done: end }, { parameters: { notice: { days: 1e308 } } }), '/steps/a/deadline'],
  ['a timer of 1e308 days written literally', () => def({ a: task('t'), t: { type: 'timer', name: '公示', duration: { days: 1e308 }, onElapsed: 'done' }, done: end }), '/steps/t/duration/days'],
  ['a limit of 1e308 days', () => def({ a: task('done'), done: end }, { limit: { days: 1e308 } }), '/limit/days'],
  ['a parameter named after an Object.prototype member', () => parsed('{ "a": { "type": "task", "name": "甲", "assignee": { "level": { "param": "toString" } }, "actions": { "go": { "kind": "approve", "label": "同意", "target": "done" } } }, "done": { "type": "final", "name": "办结", "outcome": "approved" } }'), '/steps/a/assignee/level/param'],
];

describe('one broken definition per defect class the checker missed', () => {
  for (const [what, build, at, withForm] of classes) {
    it(`refuses ${what}`, () => {
      const definition = build();
      const started = performance.now();
      let problems: ReturnType<typeof checkDefinition> = [];
      expect(() => { problems = checkDefinition(definition as WorkflowDefinition, undefined, withForm); }).not.toThrow();
      // Within a second; 10,000 steps (the class is the stack overflow) within a few on a busy CI machine.
      expect(performance.now() - started).toBeLessThan(what.startsWith('10,000') ? 15_000 : 1000);
      const paths = problems.map((p) => p.path);
      if (typeof at === 'string') expect(paths).toContain(at);
      else expect(paths.some((p) => at.test(p))).toBe(true);
      for (const p of problems) expect(p.message).toMatch(/[\u4e00-\u9fff]/);
    });
  }

  it('refuses a key written twice in the file (the first step block was silently lost)', () => {
    const text = '{ "key": "broken", "version": 1, "name": "甲", "initial": "a", "steps": { "a": { "type": "final", "name": "甲", "outcome": "approved" }, "a": { "type": "final", "name": "乙", "outcome": "approved" } } }';
    expect(duplicateJsonKeys(text)).toEqual([{ path: '/steps/a', message: expect.stringMatching(/[\u4e00-\u9fff]/) }]);
  });
});
