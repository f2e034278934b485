/**
 * The path a simulation walks (`tongban simulate <workflow.json> <move> <move> …`): each move is
 * one word, read by {@link parseMove}:
 *
 * - `submit`, `approve` …: the action of that name on the current step, taken by whoever the step's
 *   open task (or the action's own assignee) names; `name:target` names the step a return goes to;
 *   `name@level` makes the applicant or an officer of that level (`village`, `township`, `county`)
 *   take it; a comment is written for it when the action needs one.
 * - `+3wd`, `+7d`, `+4h`: the clock moves on by working days (to the end of the n-th working day),
 *   calendar days or hours.
 * - `timer`: the clock moves to the due date of the pending timer (公示 …) and the timer fires.
 * - `child:approved` (or `rejected`, `withdrawn`, `terminated`): the next child case the current
 *   `children` step waits for ends with that outcome, and the case is told (`child.settled`).
 * - `/income/wages=1200`: sets a value of the case data (JSON, or else a string) before the next move.
 */
import type { ChildOutcome, JsonValue } from '../definition/types.js';

/** One move of a simulated path. */
export type SimulationMove =
  | { kind: 'action'; action: string; returnTo?: string; as?: string; word: string }
  | { kind: 'advance'; amount: number; unit: 'workingDays' | 'days' | 'hours'; word: string }
  | { kind: 'timer'; word: string }
  | { kind: 'child'; outcome: ChildOutcome; word: string }
  | { kind: 'set'; pointer: string; value: JsonValue; word: string };

/** The levels a move may name after `@`. */
export const simulationLevels = ['applicant', 'village', 'township', 'county'] as const;

const advance = /^\+(\d{1,4})(wd|d|h)$/;
const actionWord = /^([A-Za-z_][\w.-]*)(?::([A-Za-z_][\w-]*))?(?:@([a-z]+))?$/;

/** Reads one move; a word that is none of them answers a Chinese message. */
export function parseMove(word: string): SimulationMove | { problem: string } {
  const w = word.trim();
  if (w === 'timer') return { kind: 'timer', word: w };
  const child = /^child:(.*)$/.exec(w);
  if (child) {
    const outcome = child[1] as ChildOutcome;
    return ['approved', 'rejected', 'withdrawn', 'terminated'].includes(outcome) ? { kind: 'child', outcome, word: w } : { problem: `“${w}”：子案件的结果须为 approved、rejected、withdrawn、terminated 之一。` };
  }
  const a = advance.exec(w);
  if (a) return { kind: 'advance', amount: Number(a[1]), unit: a[2] === 'wd' ? 'workingDays' : a[2] === 'd' ? 'days' : 'hours', word: w };
  if (w.startsWith('/')) {
    const eq = w.indexOf('=');
    if (eq < 2) return { problem: `“${w}”：写数据须为“/路径=值”，如 /income/wages=1200。` };
    const raw = w.slice(eq + 1);
    let value: JsonValue;
    try {
      value = JSON.parse(raw) as JsonValue;
    } catch {
      value = raw;
    }
    return { kind: 'set', pointer: w.slice(0, eq), value, word: w };
  }
  const m = actionWord.exec(w);
  if (!m) return { problem: `“${w}”不是可识别的步骤：应为操作名（可带“:退回步骤”“@层级”）、+N wd/d/h、timer 或 /路径=值。` };
  if (m[3] !== undefined && !(simulationLevels as readonly string[]).includes(m[3])) return { problem: `“${w}”：@ 后须为 ${simulationLevels.join('、')} 之一。` };
  return { kind: 'action', action: m[1]!, ...(m[2] ? { returnTo: m[2] } : {}), ...(m[3] ? { as: m[3] } : {}), word: w };
}

/** Reads every move of a path; the first word that is not a move answers its problem and position (1-based). */
export function parsePath(words: readonly string[]): { moves: SimulationMove[] } | { problem: string; index: number } {
  const moves: SimulationMove[] = [];
  for (const [i, word] of words.entries()) {
    const move = parseMove(word);
    if ('problem' in move) return { problem: move.problem, index: i + 1 };
    moves.push(move);
  }
  return { moves };
}
