/**
 * The shape of a definition's `starters` and `subject` (part of {@link validateDefinition}):
 * Chinese messages with JSON pointers.
 */
import type { DefinitionProblem } from './problems.js';
import { inheritedNames } from './ownEntry.js';
import { factPathPattern } from '../conditions/subjectFacts.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isPointer = (v: unknown): v is string => typeof v === 'string' && /^(\/[^/]+)+$/.test(v) && v.length <= 300;
const starterKinds = ['resident', 'proxy', 'organisation', 'officer', 'parent'];
const officerLevels = ['village', 'township', 'county'];
const keyPattern = /^[a-z][a-z0-9-]*$/;

/** Problems of the shape of `starters` and `subject` of the definition object `d`. */
export function starterShapeProblems(d: Obj): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (path: string, message: string): void => {
    problems.push({ path, message });
  };
  const unknown = (value: Obj, path: string, allowed: string[]) => {
    for (const key of Object.keys(value)) if (!allowed.includes(key)) add(`${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, `未知的属性“${key}”。`);
  };
  // A starter's `where` reads only the organisation's subject facts: no case exists yet.
  const factsOnly = (c: unknown, path: string, depth: number): void => {
    if (!isObj(c) || depth > 32) return add(path, '发起条件须为对象事实条件 (subjectFact)，可用 all、any、not 组合。');
    if (Array.isArray(c.all) || Array.isArray(c.any)) {
      const key = Array.isArray(c.all) ? 'all' : 'any';
      const list = c[key] as unknown[];
      if (list.length === 0) add(`${path}/${key}`, `“${key}” 不能为空。`);
      list.forEach((x, i) => factsOnly(x, `${path}/${key}/${i}`, depth + 1));
    } else if ('not' in c) factsOnly(c.not, `${path}/not`, depth + 1);
    else if (typeof c.subjectFact !== 'string' || !factPathPattern.test(c.subjectFact) || c.subjectFact.split('.').some((k) => inheritedNames.has(k))) add(path, '发起条件只能读对象事实 (subjectFact，以点分隔的名称)，可用 all、any、not 组合。');
    else if (!('exists' in c) && !('equals' in c) && !Array.isArray(c.in)) add(path, '对象事实条件须有 exists、equals 或 in。');
  };
  if (d.starters !== undefined) {
    if (!Array.isArray(d.starters) || d.starters.length === 0) add('/starters', '“starters” 须为非空数组，列出谁可以发起案件。');
    else {
      const seen = new Set<string>();
      d.starters.forEach((s: unknown, i: number) => {
        const sp = `/starters/${i}`;
        if (!isObj(s) || !starterKinds.includes(s.kind as string)) return add(`${sp}/kind`, `发起人类型必须是 ${starterKinds.join('、')} 之一。`);
        const kind = s.kind as string;
        if (kind === 'officer') {
          unknown(s, sp, ['kind', 'level', 'role']);
          if (!officerLevels.includes(s.level as string)) add(`${sp}/level`, `发起的工作人员层级必须是 ${officerLevels.join('、')} 之一。`);
          if (s.role !== undefined && (typeof s.role !== 'string' || s.role.trim() === '')) add(`${sp}/role`, '职责必须是非空字符串。');
        } else if (kind === 'parent') {
          unknown(s, sp, ['kind', 'workflows']);
          if (!Array.isArray(s.workflows) || s.workflows.length === 0) add(`${sp}/workflows`, '须列出可以发起本流程的上级流程标识 (workflows)。');
          else s.workflows.forEach((w: unknown, j: number) => { if (typeof w !== 'string' || !keyPattern.test(w)) add(`${sp}/workflows/${j}`, '流程标识必须是小写字母开头的字母、数字或连字符。'); });
        } else if (kind === 'organisation') {
          unknown(s, sp, ['kind', 'where', 'refusal']);
          if (s.where !== undefined) factsOnly(s.where, `${sp}/where`, 0);
          if (s.refusal !== undefined && (typeof s.refusal !== 'string' || s.refusal.trim() === '' || s.refusal.length > 200)) add(`${sp}/refusal`, '“refusal” 须为不超过 200 字的中文理由。');
          if (s.refusal !== undefined && s.where === undefined) add(`${sp}/refusal`, '没有条件 (where) 的发起人不需要 “refusal”。');
        } else unknown(s, sp, ['kind']);
        const identity = kind === 'officer' ? `officer:${String(s.level)}:${String(s.role ?? '')}` : kind;
        if (seen.has(identity)) add(sp, '发起人重复。');
        seen.add(identity);
      });
    }
  }
  if (d.subject !== undefined) {
    const s = d.subject;
    if (!isObj(s)) add('/subject', '“subject” 必须是对象。');
    else {
      unknown(s, '/subject', ['kind', 'idNumber', 'creditCode', 'name']);
      if (s.kind !== 'person' && s.kind !== 'organisation') add('/subject/kind', '案件对象类型必须是 person（个人或家庭）或 organisation（组织）。');
      for (const field of ['idNumber', 'creditCode', 'name']) if (s[field] !== undefined && !isPointer(s[field])) add(`/subject/${field}`, '须为数据路径 (JSON Pointer)，如 "/applicant/idNumber"。');
      if (s.kind === 'person' && s.creditCode !== undefined) add('/subject/creditCode', '个人对象没有统一社会信用代码，请用 idNumber。');
      if (s.kind === 'organisation' && s.idNumber !== undefined) add('/subject/idNumber', '组织对象没有身份证号码，请用 creditCode。');
      for (const field of ['idNumber', 'creditCode', 'name']) {
        const p = s[field];
        if (isPointer(p) && p.split('/').some((k) => inheritedNames.has(k))) add(`/subject/${field}`, '路径中含有 JavaScript 对象的内置属性名，不能使用。');
      }
    }
  }
  return problems;
}
