/**
 * fast-check generators of workflow definitions for the checker's property tests: definitions that
 * are valid-ish (a backbone of forward routes from the first step to the end, with random extra
 * routes, returns, conditions, timers, choices, parameters, limits and switches) and broken ones
 * (the same, with random parts replaced by other JSON values, names every object inherits, switches
 * as strings, negative counts, deep nesting). Built as JSON text and parsed, as a definition file is,
 * so a key `__proto__` is an own key.
 */
import fc from 'fast-check';

/** Names every plain object inherits, and other names that go wrong. */
export const trickyNames = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'nowhere', 'Done'];

/** Mostly `usual`, now and then `odd` (a value that is wrong somewhere). */
const mostly = <T, U>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<U>, oddWeight = 1): fc.Arbitrary<T | U> => fc.oneof({ weight: 50, arbitrary: usual }, { weight: oddWeight, arbitrary: odd });
/** Absent mostly, else `arb`. */
const rarely = <T>(arb: fc.Arbitrary<T>, weight = 1, absent = 4): fc.Arbitrary<T | null> => fc.oneof({ weight: absent, arbitrary: fc.constant(null) }, { weight, arbitrary: arb });

const count = mostly(
  fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: 12 }) }, { weight: 1, arbitrary: fc.constant({ param: 'n' }) }),
  fc.constantFrom(0, -2, { param: 'missing' }, { param: 'constructor' }, { param: 'list' }, '5', 2.5),
);

/** A step deadline or timer duration, in any unit, sometimes wrong. */
export const duration = mostly(
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ workingDays: count }) },
    { weight: 3, arbitrary: fc.record({ days: count }) },
    { weight: 1, arbitrary: fc.record({ months: fc.integer({ min: 1, max: 2 }) }) },
    { weight: 1, arbitrary: fc.record({ date: fc.constantFrom('03-31', '02-29', { param: 'day' }) }) },
    { weight: 1, arbitrary: fc.constantFrom({ param: 'notice' }, { param: 'n' }) },
  ),
  fc.oneof(
    fc.record({ after: count, of: fc.constantFrom('/x/date', '/nowhere') }),
    fc.record({ before: count, of: fc.constant('/x/date') }),
    fc.constantFrom({ date: '02-30' }, { date: '13-01' }, { param: 'missing' }, { param: 'list' }, { days: 3, workingDays: 2 }, {}),
  ),
  2,
);

/** A condition on data, flags, parameters and samples, nested a little. */
export const condition: fc.Arbitrary<unknown> = fc.letrec<{ leaf: unknown; node: unknown }>((tie) => ({
  leaf: fc.oneof(
    fc.record({ flag: mostly(fc.constant('relativeFiling'), fc.constantFrom('checked', 'relatіveFiling', 'constructor')) }),
    fc.record({ path: fc.constantFrom('/x/a', '/x/date', '/y', '/x/list'), equals: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom('是', 'false', true, null)) }),
    fc.record({ path: fc.constantFrom('/x/a', '/x/b'), gt: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom({ param: 'n' }, { param: 'missing' }, { path: '/x/b' })) }),
    fc.record({ path: fc.constant('/x/a'), in: fc.oneof(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 3 }), fc.constantFrom({ param: 'list' }, { param: 'n' })) }),
    fc.record({ path: fc.constant('/x/list'), length: fc.record({ gte: fc.integer({ min: 0, max: 3 }) }) }),
    fc.record({ path: fc.constant('/x/a'), exists: mostly(fc.boolean(), fc.constant('true')) }),
    fc.record({ daysSince: fc.constant('/x/date'), gte: fc.integer({ min: 0, max: 30 }) }),
    fc.record({ age: fc.record({ of: fc.constant('/x/id') }), gte: fc.integer({ min: 0, max: 80 }) }),
    fc.record({ sample: fc.record({ share: mostly(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constant({ param: 'share' })), fc.constantFrom(-1, 2, '30%')), salt: mostly(fc.constant('抽查'), fc.constant('')) }) }),
  ),
  node: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    tie('leaf'),
    fc.record({ all: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
    mostly(fc.record({ any: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }), fc.constant({ any: [] })),
    fc.record({ not: tie('node') }),
  ),
})).node;

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

/** A step's raw shape: its kind, who acts, what it does; targets are indexes resolved when built. */
const stepSpec = fc.record({
  type: fc.constantFrom('task', 'task', 'task', 'task', 'timer', 'choice', 'parallel'),
  // A parallel step's two branches (their levels), its join and refusal policy.
  parallel: fc.record({
    levels: fc.tuple(fc.constantFrom('village', 'township', 'county'), mostly(fc.constantFrom('village', 'township', 'county'), fc.constant('applicant'))),
    join: mostly(fc.constantFrom('all', 'first', { count: 1 }, { count: 2 }), fc.constant({ count: 3 })),
    onRefusal: fc.constantFrom(undefined, 'end', 'continue'),
    refusedTo: fc.nat(30),
  }),
  level: mostly(fc.constantFrom('applicant', 'village', 'township', 'county', 'county', { param: 'lvl' }), fc.constant('city')),
  actions: fc.array(fc.record({
    kind: fc.constantFrom('submit', 'approve', 'approve', 'reject', 'return', 'return', 'withdraw', 'save', 'object', 'extend'),
    name: mostly(fc.constantFrom('go', 'back', 'refuse', 'extend', 'object', 'save'), fc.constantFrom('Go', 'constructor', 'toString')),
    target: fc.oneof({ weight: 8, arbitrary: fc.nat(30) }, { weight: 1, arbitrary: fc.constantFrom(...trickyNames) }),
    when: rarely(condition),
    returnTo: fc.array(fc.oneof({ weight: 8, arbitrary: fc.nat(30) }, { weight: 1, arbitrary: fc.constantFrom(...trickyNames) }), { minLength: 1, maxLength: 2 }),
    writes: rarely(fc.constantFrom(['x'], ['y'], ['x', 'x'])),
  }), { maxLength: 3 }),
  routes: fc.array(fc.record({ when: condition, target: fc.nat(30) }), { maxLength: 3 }),
  defaultRoute: fc.boolean(),
  deadline: rarely(duration, 3),
  pausesClock: mostly(fc.constantFrom(undefined, undefined, true, false), fc.constant('false')),
  startsClock: fc.constantFrom(undefined, undefined, undefined, true),
  skipWhen: rarely(condition),
  group: rarely(mostly(fc.constant(['a', 'b']), fc.constantFrom(['a', 'a'], ['a']))),
  // Deadlines that act: reminders before the deadline, what happens when it passes, a clock that stops (送达).
  remind: rarely(fc.array(fc.record({ before: fc.oneof(fc.record({ workingDays: count }), fc.record({ days: count })) }), { minLength: 1, maxLength: 2 }), 1, 8),
  onOverdue: rarely(fc.oneof(
    fc.constant({ escalate: {} }),
    fc.record({ escalate: fc.record({ deadline: duration }) }),
    fc.record({ reassign: fc.record({ level: mostly(fc.constantFrom('village', 'township', 'county'), fc.constant('applicant')) }) }),
    fc.record({ route: fc.oneof({ weight: 8, arbitrary: fc.nat(30) }, { weight: 1, arbitrary: fc.constantFrom(...trickyNames) }) }),
  ), 1, 8),
  stopsClock: rarely(fc.constant(true), 1, 8),
});

/** Definition-wide parts: parameters, limit, the first step. */
const globals = fc.record({
  parameters: fc.record({
    n: mostly(fc.integer({ min: 1, max: 12 }), fc.constantFrom(-2, 0, '7')),
    notice: mostly(fc.constantFrom({ days: 7 }, 7, { workingDays: 5 }), fc.constantFrom({ workingDays: -1 }, '七天')),
    list: mostly(fc.constant([1, 2]), fc.constant(3)),
    lvl: mostly(fc.constantFrom('township', 'county'), fc.constantFrom('city', 3)),
    share: mostly(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(-1, 2, '30%')),
    day: mostly(fc.constant('03-31'), fc.constant('3月31日')),
  }, { requiredKeys: ['n', 'notice', 'list', 'lvl', 'share', 'day'] }),
  limit: fc.option(fc.oneof(
    fc.record({ workingDays: count, extendedWorkingDays: fc.option(count, { nil: undefined }) }, { requiredKeys: ['workingDays'] }),
    fc.record({ days: count, extended: fc.option(fc.oneof(fc.record({ days: count }), fc.constant({ param: 'n' })), { nil: undefined }) }, { requiredKeys: ['days'] }),
    fc.record({ months: count }),
  ), { freq: 2, nil: undefined }),
  firstIsChoice: fc.boolean(),
  // A phase: contiguous steps under one deadline (调查 and 初审 within 15 working days together).
  phase: rarely(fc.record({ first: fc.nat(6), length: fc.integer({ min: 1, max: 3 }), deadline: duration, remind: fc.boolean() })),
});

/** Builds a definition: step s_i has a forward route to s_{i+1} (the last one to `done`) beside its random routes. */
function build(steps: ValueOf<typeof stepSpec>[], g: ValueOf<typeof globals>): Record<string, unknown> {
  const n = steps.length;
  const nameOf = (t: number | string): string => (typeof t === 'string' ? t : t % (n + 2) < n ? `s${t % (n + 2)}` : t % (n + 2) === n ? 'done' : 'refused');
  const next = (i: number) => (i + 1 < n ? `s${i + 1}` : 'done');
  const built: [string, unknown][] = steps.map((s, i) => {
    const name = `s${i}`;
    if (s.type === 'choice') {
      const routes = s.routes.map((r) => ({ when: r.when, target: nameOf(r.target) }));
      return [name, { type: 'choice', name: `分支${i}`, target: s.defaultRoute ? [...routes, { target: next(i) }] : routes.length ? routes : [{ target: next(i) }] }];
    }
    if (s.type === 'parallel') {
      const p = s.parallel;
      const branch = (key: string, level: unknown, deadline: unknown) => [key, {
        name: `分支${key}`, assignee: { level },
        ...(deadline !== null ? { deadline } : {}),
        actions: { approve: { kind: 'approve', label: '通过' }, reject: { kind: 'reject', label: '不予通过', ...(p.onRefusal === 'continue' ? {} : { target: nameOf(p.refusedTo) }) } },
      }] as [string, unknown];
      return [name, { type: 'parallel', name: `并行${i}`, branches: own([branch(`b${i}a`, p.levels[0], s.deadline), branch(`b${i}b`, p.levels[1], null)]), join: p.join, ...(p.onRefusal ? { onRefusal: p.onRefusal } : {}), target: next(i) }];
    }
    const actions: [string, unknown][] = s.actions.map((a) => {
      const target = a.when === null ? nameOf(a.target) : [{ when: a.when, target: nameOf(a.target) }, { target: next(i) }];
      const body: Record<string, unknown> = { kind: a.kind, label: '办理' };
      if (a.kind === 'return') body.returnTo = a.returnTo.map(nameOf);
      else if (a.kind !== 'save' && a.kind !== 'extend') body.target = target;
      if (a.writes) body.writes = a.writes;
      return [a.name, body];
    });
    if (s.type === 'timer') {
      return [name, { type: 'timer', name: `公示${i}`, duration: s.deadline ?? { days: 7 }, onElapsed: next(i), ...(actions.length ? { actions: own(actions) } : {}), ...(s.pausesClock !== undefined ? { pausesClock: s.pausesClock } : {}), ...(s.skipWhen !== null ? { skipWhen: s.skipWhen } : {}) }];
    }
    actions.unshift([`forward${i}`, { kind: s.level === 'applicant' ? 'submit' : 'approve', label: '同意', target: next(i) }]);
    return [name, {
      type: 'task', name: `步骤${i}`,
      assignee: s.group ? { level: s.level, mode: 'all', group: s.group } : { level: s.level },
      actions: own(actions),
      ...(s.deadline !== null ? { deadline: s.deadline } : {}),
      ...(s.pausesClock !== undefined ? { pausesClock: s.pausesClock } : {}),
      ...(s.startsClock !== undefined ? { startsClock: s.startsClock } : {}),
      ...(s.remind !== null ? { remind: s.remind } : {}),
      ...(s.onOverdue !== null ? { onOverdue: 'route' in s.onOverdue ? { route: nameOf(s.onOverdue.route) } : s.onOverdue } : {}),
      ...(s.stopsClock !== null ? { stopsClock: s.stopsClock } : {}),
    }];
  });
  built.push(['done', { type: 'final', name: '办结', outcome: 'approved' }]);
  if (JSON.stringify(built).includes('"refused"')) built.push(['refused', { type: 'final', name: '不予批准', outcome: 'rejected' }]);
  return {
    key: 'generated', version: 1, name: '生成的流程', initial: g.firstIsChoice || n === 0 ? (n ? 's0' : 'done') : 's0',
    ...(Object.keys(g.parameters).length ? { parameters: g.parameters } : {}),
    ...(g.limit ? { limit: JSON.parse(JSON.stringify(g.limit)) } : {}),
    ...(g.phase ? { phases: { review: { name: '调查与初审', steps: Array.from({ length: g.phase.length }, (_, k) => nameOf(g.phase!.first + k)), deadline: g.phase.deadline, ...(g.phase.remind ? { remind: [{ before: { workingDays: 1 } }] } : {}) } } } : {}),
    steps: own(built),
  };
}

/** An object with these own keys (a key `__proto__` included), as JSON.parse makes it. */
function own(entries: [string, unknown][]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

/** A definition that is valid-ish: many pass every check. */
export const validishDefinition: fc.Arbitrary<Record<string, unknown>> = fc.tuple(fc.array(stepSpec, { minLength: 1, maxLength: 7 }), globals).map(([steps, g]) => JSON.parse(JSON.stringify(build(steps, g))) as Record<string, unknown>);

/** Values a mutation puts somewhere in a definition. */
const strangeValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('constructor', '__proto__', 'toString', 'false', 'true', -1, 0, null, {}, [], { param: 'constructor' }, { param: 'missing' }, '', 1e308),
  fc.constant(deepNot(40)),
);

/** A condition `not` nested `depth` deep. */
function deepNot(depth: number): unknown {
  let c: unknown = { flag: 'relativeFiling' };
  for (let i = 0; i < depth; i++) c = { not: c };
  return c;
}

/** Replaces the value at a random place (chosen by `picks`) of a JSON tree by `value`; answers a new tree. */
export function mutate(tree: unknown, picks: number[], value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(tree)) as unknown;
  let holder: Record<string, unknown> | unknown[] | undefined;
  let key: string | number | undefined;
  let node = copy;
  for (const p of picks) {
    if (typeof node !== 'object' || node === null) break;
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (keys.length === 0) break;
    key = keys[p % keys.length]!;
    holder = node as Record<string, unknown>;
    node = (node as Record<string | number, unknown>)[key];
  }
  if (holder === undefined || key === undefined) return value;
  Object.defineProperty(holder, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** A definition with up to three random parts replaced: mostly broken. */
export const brokenDefinition: fc.Arbitrary<unknown> = fc.tuple(validishDefinition, fc.array(fc.tuple(fc.array(fc.nat(50), { minLength: 1, maxLength: 7 }), strangeValue), { minLength: 1, maxLength: 3 }))
  .map(([def, mutations]) => mutations.reduce<unknown>((d, [picks, value]) => mutate(d, picks, value), def));
