/**
 * Checks on the step graph that walk it without recursion, in time linear in its size: steps
 * that can never reach a final step (a cycle with no exit), choice steps routing to one another
 * in a ring (the engine would route forever), a choice with no default route or as the first step,
 * and the longest chain of step deadlines.
 */
import type { DefinitionProblem } from './problems.js';
import type { WorkflowDefinition } from './types.js';
import { hasOwnEntry, ownEntry } from './ownEntry.js';

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Every exit of every step, as target names (defined ones only). */
export type StepEdges = Map<string, string[]>;

/** Steps reachable from the start that can never reach a final step, and choice-step problems. */
export function graphProblems(def: WorkflowDefinition, edges: StepEdges, reachable: Set<string>): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const steps = def.steps;
  // Backwards from the final steps over every exit: whatever is not met cannot end.
  const incoming = new Map<string, string[]>();
  for (const [from, targets] of edges) for (const t of targets) if (hasOwnEntry(steps, t)) incoming.set(t, [...(incoming.get(t) ?? []), from]);
  const ends = new Set<string>();
  const queue: string[] = [];
  for (const [name, step] of Object.entries(steps)) if (step.type === 'final') { ends.add(name); queue.push(name); }
  for (let i = 0; i < queue.length; i++) for (const from of incoming.get(queue[i]!) ?? []) if (!ends.has(from)) { ends.add(from); queue.push(from); }
  for (const [name, step] of Object.entries(steps)) {
    const exits = (edges.get(name) ?? []).filter((t) => hasOwnEntry(steps, t));
    if (reachable.has(name) && !ends.has(name) && exits.length > 0) problems.push({ path: `/steps/${escape(name)}`, message: `步骤“${step.name}”无论怎样办理都到不了结束步骤（循环没有出口）。` });
  }

  // Choice steps: a first step, a default route, and no ring of choices.
  if (ownEntry(steps, def.initial)?.type === 'choice') problems.push({ path: '/initial', message: '起始步骤不能是分支步骤 (choice)：案件须先有人提交数据才能分支。' });
  for (const [name, step] of Object.entries(steps)) {
    if (step.type !== 'choice') continue;
    const last = step.target[step.target.length - 1];
    if (last?.when !== undefined) problems.push({ path: `/steps/${escape(name)}/target`, message: `分支步骤“${step.name}”须以无条件的默认路由结尾，否则没有条件成立时案件会停住。` });
  }
  const choiceNext = (n: string): string[] => { const s = ownEntry(steps, n); return s?.type === 'choice' ? s.target.map((r) => r.target).filter((t) => ownEntry(steps, t)?.type === 'choice') : []; };
  const state = new Map<string, 1 | 2>();
  const reported = new Set<string>();
  for (const start of Object.keys(steps)) {
    if (ownEntry(steps, start)?.type !== 'choice' || state.has(start)) continue;
    const stack: [string, number][] = [[start, 0]];
    state.set(start, 1);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const next = choiceNext(top[0]);
      if (top[1] >= next.length) { state.set(top[0], 2); stack.pop(); continue; }
      const t = next[top[1]++]!;
      if (state.get(t) === 1 && !reported.has(top[0])) {
        reported.add(top[0]);
        const s = ownEntry(steps, top[0])!;
        const i = s.type === 'choice' ? s.target.findIndex((r) => r.target === t) : 0;
        problems.push({ path: `/steps/${escape(top[0])}/target/${i}/target`, message: `分支步骤“${s.name}”与分支步骤“${ownEntry(steps, t)!.name}”互相路由，案件会无休止地分支。` });
      } else if (!state.has(t)) { state.set(t, 1); stack.push([t, 0]); }
    }
  }
  return problems;
}

/**
 * The longest chain of costs from `initial` along `forward` exits that visits no step twice.
 * Memoised depth-first walk with an explicit stack: linear, and exact on an acyclic graph. When the
 * graph has a cycle, every simple path is also walked (explicit stack, at most `budget` steps) and
 * the larger total kept, so a small cyclic graph is judged exactly and a huge one never hangs.
 */
export function longestChain(initial: string, forward: (n: string) => string[], cost: (n: string) => number, budget = 200_000): { total: number; path: string[] } {
  const memo = memoisedChain(initial, forward, cost);
  if (!memo.cyclic) return memo;
  let best = memo;
  let steps = 0;
  const chain: string[] = [initial];
  const totals: number[] = [cost(initial)];
  const cursors: number[] = [0];
  const outs: string[][] = [forward(initial)];
  while (chain.length && steps < budget) {
    steps++;
    const d = chain.length - 1;
    if (totals[d]! > best.total) best = { total: totals[d]!, path: [...chain], cyclic: true };
    if (cursors[d]! >= outs[d]!.length) { chain.pop(); totals.pop(); cursors.pop(); outs.pop(); continue; }
    const t = outs[d]![cursors[d]!++]!;
    if (chain.includes(t)) continue;
    chain.push(t); totals.push(totals[d]! + cost(t)); cursors.push(0); outs.push(forward(t));
  }
  return best;
}

function memoisedChain(initial: string, forward: (n: string) => string[], cost: (n: string) => number): { total: number; path: string[]; cyclic: boolean } {
  const best = new Map<string, number>();
  const nextOf = new Map<string, string | undefined>();
  const onChain = new Set<string>([initial]);
  let cyclic = false;
  const stack: [string, string[], number][] = [[initial, forward(initial), 0]];
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const [n, outs] = top;
    if (top[2] < outs.length) {
      const t = outs[top[2]++]!;
      if (onChain.has(t)) cyclic = true;
      else if (!best.has(t)) { onChain.add(t); stack.push([t, forward(t), 0]); }
      continue;
    }
    let bestNext: string | undefined;
    let bestTotal = 0;
    for (const t of outs) { const b = best.get(t); if (b !== undefined && !onChain.has(t) && b > bestTotal) { bestTotal = b; bestNext = t; } }
    best.set(n, cost(n) + bestTotal);
    nextOf.set(n, bestNext);
    onChain.delete(n);
    stack.pop();
  }
  const path: string[] = [];
  for (let n: string | undefined = initial; n !== undefined && path.length <= best.size; n = nextOf.get(n)) path.push(n);
  return { total: best.get(initial) ?? 0, path, cyclic };
}
