/**
 * The shape of a definition's recurring `schedules` (part of {@link validateDefinition}): Chinese
 * messages with JSON pointers. The generic shape of `subjects.where` is checked with the other
 * conditions; here only that it reads nothing but subject facts.
 */
import type { DefinitionProblem } from './problems.js';
import { inheritedNames } from './ownEntry.js';
import { factPathPattern } from '../conditions/subjectFacts.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isPointer = (v: string) => /^(\/[^/]+)+$/.test(v) && v.length <= 300;
const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const keyPattern = /^[A-Za-z][A-Za-z0-9_-]*$/;
const everyKinds = ['year', 'halfYear', 'quarter', 'month'];
const subjectFields = ['name', 'creditCode', 'orgKind'];
const periodFields = ['key', 'year', 'firstDay', 'lastDay'];
/** Deeper `where` conditions are refused by the generic condition check; the walk here stops there too. */
const maxDepth = 32;

/** Problems of the shape of `schedules` of the definition object `d`. */
export function scheduleShapeProblems(d: Obj): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (path: string, message: string): void => {
    problems.push({ path, message });
  };
  const unknown = (value: Obj, path: string, allowed: string[]) => {
    for (const key of Object.keys(value)) if (!allowed.includes(key)) add(`${path}/${escape(key)}`, `未知的属性“${key}”。`);
  };
  const factName = (fact: unknown, path: string) => {
    if (typeof fact !== 'string' || !factPathPattern.test(fact)) add(path, '对象事实须为以点分隔的名称，如 "registration.status"。');
    else if (fact.split('.').some((k) => inheritedNames.has(k))) add(path, '事实名称中含有 JavaScript 对象的内置属性名，不能使用。');
  };
  // Only subject facts: a schedule has no case data, flags, panels or decisions to look at.
  const factsOnly = (c: unknown, path: string, depth: number): void => {
    if (!isObj(c) || depth > maxDepth) return;
    if (Array.isArray(c.all) || Array.isArray(c.any)) {
      const key = Array.isArray(c.all) ? 'all' : 'any';
      (c[key] as unknown[]).forEach((x, i) => factsOnly(x, `${path}/${key}/${i}`, depth + 1));
    } else if ('not' in c) factsOnly(c.not, `${path}/not`, depth + 1);
    else if (!('subjectFact' in c) && !(isObj(c.age) && 'fact' in c.age)) add(path, '计划的对象条件只能读对象事实 (subjectFact，或按对象事实计算的年龄 {"age": {"fact": …}})，可用 all、any、not 组合。');
  };

  if (d.schedules === undefined) return problems;
  if (!isObj(d.schedules) || Object.keys(d.schedules).length === 0) {
    add('/schedules', '“schedules” 须为非空对象：计划名 → 计划。');
    return problems;
  }
  for (const [key, s] of Object.entries(d.schedules)) {
    const sp = `/schedules/${escape(key)}`;
    if (!keyPattern.test(key) || inheritedNames.has(key)) add(sp, `计划名“${key}”须以字母开头，由字母、数字、_ 或 - 组成，且不能与 JavaScript 对象的内置属性重名。`);
    if (!isObj(s)) {
      add(sp, '计划必须是对象。');
      continue;
    }
    unknown(s, sp, ['name', 'every', 'startOn', 'subjects', 'data', 'starter']);
    if (s.name !== undefined && (typeof s.name !== 'string' || s.name.trim() === '')) add(`${sp}/name`, '名称必须是非空字符串。');
    if (!everyKinds.includes(s.every as string)) add(`${sp}/every`, `周期 (every) 必须是 ${everyKinds.join('、')} 之一。`);
    if (s.startOn !== undefined) {
      const isParam = isObj(s.startOn) && Object.keys(s.startOn).length === 1 && typeof s.startOn.param === 'string' && s.startOn.param !== '';
      if (isParam && inheritedNames.has((s.startOn as { param: string }).param)) add(`${sp}/startOn/param`, '参数名与 JavaScript 对象的内置属性重名，不能使用。');
      if (!isParam && (typeof s.startOn !== 'string' || !/^\d{2}-\d{2}$/.test(s.startOn))) add(`${sp}/startOn`, '开始日 (startOn) 须为 "MM-DD"（周期内的第几个月及日），或 {"param": "名称"}。');
    }
    if (s.starter !== 'organisation' && s.starter !== 'officer') add(`${sp}/starter`, '发起方式 (starter) 必须是 organisation（对象组织为申请人）或 officer（由工作人员办理）。');
    if (!isObj(s.subjects)) add(`${sp}/subjects`, '须写明对象 (subjects)：{"kind": "person" 或 "organisation", "where": 条件}。');
    else {
      const sub = s.subjects;
      unknown(sub, `${sp}/subjects`, ['kind', 'orgKinds', 'where']);
      if (sub.kind !== 'person' && sub.kind !== 'organisation') add(`${sp}/subjects/kind`, '对象类型必须是 person（个人或家庭）或 organisation（组织）。');
      if (sub.orgKinds !== undefined) {
        if (sub.kind !== 'organisation') add(`${sp}/subjects/orgKinds`, '只有组织对象才有组织类型 (orgKinds)。');
        if (!Array.isArray(sub.orgKinds) || sub.orgKinds.length === 0 || !sub.orgKinds.every((k) => typeof k === 'string' && k.trim() !== '')) add(`${sp}/subjects/orgKinds`, '组织类型 (orgKinds) 须为非空的字符串数组，如 ["社会团体", "基金会"]。');
      }
      if (sub.where !== undefined) factsOnly(sub.where, `${sp}/subjects/where`, 0);
    }
    if (s.data !== undefined) {
      if (!isObj(s.data)) add(`${sp}/data`, '初始数据 (data) 须为对象：数据路径 → 来源。');
      else {
        for (const [pointer, source] of Object.entries(s.data)) {
          const dp = `${sp}/data/${escape(pointer)}`;
          if (!isPointer(pointer)) add(dp, `“${pointer}”须为数据路径 (JSON Pointer)，如 "/report/year"。`);
          else if (pointer.split('/').some((k) => inheritedNames.has(k))) add(dp, '路径中含有 JavaScript 对象的内置属性名，不能使用。');
          if (!isObj(source) || Object.keys(source).length !== 1) {
            add(dp, '来源须恰好为 {"fact": "事实"}、{"subject": "name|creditCode|orgKind"} 或 {"period": "key|year|firstDay|lastDay"} 之一。');
            continue;
          }
          if ('fact' in source) factName(source.fact, `${dp}/fact`);
          else if ('subject' in source) { if (!subjectFields.includes(source.subject as string)) add(`${dp}/subject`, `对象字段须为 ${subjectFields.join('、')} 之一。`); }
          else if ('period' in source) { if (!periodFields.includes(source.period as string)) add(`${dp}/period`, `周期字段须为 ${periodFields.join('、')} 之一。`); }
          else add(dp, '来源须为 fact、subject 或 period。');
        }
      }
    }
  }
  return problems;
}
