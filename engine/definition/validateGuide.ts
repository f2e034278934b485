/**
 * The shape of a definition's `guide` (part of {@link validateDefinition}): the 一次性告知 an
 * applicant reads before starting — who may apply, the conditions, the materials, the statutory time
 * limit and where to ask. Chinese messages with JSON pointers.
 */
import type { DefinitionProblem } from './problems.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '' && v.length <= 2000;

/** The text fields of a guide and the list fields (arrays of text). */
export const guideTextFields = ['summary', 'whoMayApply', 'timeLimit', 'whereToAsk'] as const;
export const guideListFields = ['conditions', 'materials'] as const;

/** Problems of the shape of `guide` of the definition object `d` (absent is fine). */
export function guideShapeProblems(d: Obj): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  if (d.guide === undefined) return problems;
  const g = d.guide;
  if (!isObj(g)) return [{ path: '/guide', message: '办事指南 (guide) 必须是对象。' }];
  const allowed = new Set<string>([...guideTextFields, ...guideListFields].flatMap((f) => [f, `${f}En`]));
  for (const key of Object.keys(g)) if (!allowed.has(key)) problems.push({ path: `/guide/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, message: `未知的属性“${key}”。` });
  for (const field of guideTextFields) for (const f of [field, `${field}En`]) {
    if (Object.prototype.hasOwnProperty.call(g, f) && !isText(g[f])) problems.push({ path: `/guide/${f}`, message: '须为非空文字（不超过 2000 字）。' });
  }
  for (const field of guideListFields) for (const f of [field, `${field}En`]) {
    if (!Object.prototype.hasOwnProperty.call(g, f)) continue;
    const list = g[f];
    if (!Array.isArray(list) || list.length === 0 || list.length > 100) problems.push({ path: `/guide/${f}`, message: '须为 1 至 100 条文字的数组。' });
    else list.forEach((item: unknown, i: number) => { if (!isText(item)) problems.push({ path: `/guide/${f}/${i}`, message: '须为非空文字（不超过 2000 字）。' }); });
  }
  return problems;
}
