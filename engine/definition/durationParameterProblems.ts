/**
 * Durations given as (or counting through) a parameter: the parameter must exist and hold a count
 * the engine can use, else a timer would never fall due (engine/calendar/durationDue.ts).
 */
import type { DefinitionProblem } from './problems.js';
import type { WorkflowDefinition } from './types.js';
import { ownEntry } from './ownEntry.js';
import { isDurationCount } from '../calendar/durationDue.js';
import type { JsonValue } from './types.js';

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const isParamRef = (v: unknown): v is { param: string } => typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { param?: unknown }).param === 'string';

/** Every timer whose duration names a parameter that is missing or is not a positive whole count. */
export function durationParameterProblems(def: WorkflowDefinition): DefinitionProblem[] {
  const parameters = (def.parameters ?? {}) as Record<string, JsonValue>;
  const problems: DefinitionProblem[] = [];
  for (const [name, step] of Object.entries(def.steps)) {
    if (step.type !== 'timer') continue;
    const path = `/steps/${escape(name)}/duration`;
    const whole = isParamRef(step.duration) && Object.keys(step.duration).length === 1 ? step.duration.param : undefined;
    const given = whole !== undefined ? ownEntry(parameters, whole) : step.duration;
    const resolved = typeof given === 'number' ? { days: given } : typeof given === 'object' && given !== null && !Array.isArray(given) ? (given as Record<string, unknown>) : undefined;
    const bad = (p: string, param: string) => problems.push({ path: p, message: `参数“${param}”未定义，或不是正整数天数 / {"days": n} 之类的期限：计时步骤永远不会到期。` });
    if (whole !== undefined) {
      const raw = ownEntry(parameters, whole);
      const counts = resolved === undefined ? [] : Object.entries(resolved).filter(([k]) => k !== 'of' && k !== 'date');
      if (resolved === undefined || (typeof raw === 'number' && !isDurationCount(raw)) || counts.length !== 1 || !counts.every(([, v]) => isDurationCount(v))) bad(path, whole);
      continue;
    }
    for (const [unit, v] of Object.entries(resolved ?? {})) {
      if (!isParamRef(v) || unit === 'date') continue;
      const raw = ownEntry(parameters, v.param);
      if (!isDurationCount(raw)) bad(`${path}/${unit}`, v.param);
    }
  }
  return problems;
}
