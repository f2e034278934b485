/**
 * Structural validation of a workflow definition against the language (the same rules as
 * `workflow.schema.json`, written out so the engine needs no JSON-Schema library). Returns every
 * problem with its JSON path; an empty list means the shape is right.
 */
import type { DefinitionProblem } from './problems.js';
import { hasOwnEntry, inheritedNames } from './ownEntry.js';
import { starterShapeProblems } from './validateStarters.js';
import { guideShapeProblems } from './validateGuide.js';
import { scheduleShapeProblems } from './validateSchedules.js';
import { factPathPattern } from '../conditions/subjectFacts.js';
import { panelConditionProblems, panelShapeProblems } from './validatePanel.js';
import { decisionConditionProblems, decisionShapeProblems } from './validateDecisions.js';
import { reservedActionNameProblem, verbShapeProblems } from './stepVerbs.js';
import { checkChildrenStep, childrenConditionProblems, reservedChildActionProblem } from './validateChildren.js';
import { deadlineActShapeProblems, phaseShapeProblems, reservedDeadlineActionProblem } from './validateDeadlineActs.js';
import { externalCheckProblems, reservedCheckActionProblem } from './validateExternalCheck.js';
import { endsWhenShapeProblems, reservedSubjectActionProblem } from './validateEndsWhen.js';
import { isDateOffset, isDurationCount, maxDurationCount } from '../calendar/durationDue.js';


import { branchConditionProblems, parallelShapeProblems } from './validateParallel.js';

const stepTypes = ['task', 'timer', 'choice', 'final', 'children', 'parallel'];
const actionKinds = ['submit', 'approve', 'reject', 'return', 'withdraw', 'save', 'object', 'extend', 'vote', 'closePanel'];
const levels = ['applicant', 'village', 'township', 'county'];
const outcomes = ['approved', 'rejected', 'withdrawn', 'terminated', 'byDecisions'];
const conditionOps = ['equals', 'in', 'gt', 'gte', 'lt', 'lte', 'exists', 'length'];
/** How deep `all` / `any` / `not` may nest: deeper is refused (and never walked recursively). */
const maxConditionDepth = 32;
const comparisonOps = ['gt', 'gte', 'lt', 'lte'];
/** What a comparison may look at (see `ConditionSubject`). */
const conditionSubjects = ['path', 'age', 'daysBetween', 'daysUntil', 'daysSince'];
const keyPattern = /^[a-z][a-z0-9-]*$/;
const namePattern = /^[A-Za-z][A-Za-z0-9_.-]*$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const isPosInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v > 0;
const isParam = (v: unknown): v is { param: string } => isObj(v) && isNonEmptyString(v.param);
const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Checks the shape of a definition; returns every problem found. */
export function validateDefinition(input: unknown): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (path: string, message: string): void => {
    problems.push({ path, message });
  };

  /** Refuses a name every plain object inherits (`constructor`, `__proto__` …) wherever a definition names something. */
  const checkOwnName = (name: unknown, path: string): boolean => {
    if (typeof name !== 'string' || !inheritedNames.has(name)) return true;
    add(path, `名称“${name}”与 JavaScript 对象的内置属性重名，不能使用，请换一个名称。`);
    return false;
  };
  const checkParamRef = (v: unknown, path: string): void => {
    if (isParam(v)) checkOwnName(v.param, `${path}/param`);
  };

  // Switches are JSON booleans: "false" (a string) would read as on.
  const checkBooleans = (value: Obj, path: string, keys: string[]): void => {
    for (const k of keys) if (value[k] !== undefined && typeof value[k] !== 'boolean') add(`${path}/${k}`, `“${k}” 必须是 true 或 false（不带引号）。`);
  };

  // Duties of a group (会签/或签): each listed once.
  const checkGroupDuplicates = (group: unknown, path: string): void => {
    if (Array.isArray(group)) group.forEach((g, i) => { if (group.indexOf(g) !== i) add(`${path}/${i}`, `职责“${String(g)}”在会签/或签组中重复。`); });
  };

  const checkUnknown = (value: Obj, path: string, allowed: string[]) => {
    for (const key of Object.keys(value)) if (!allowed.includes(key)) add(`${path}/${escape(key)}`, `未知的属性“${key}”。`);
  };

  // Fields a step lets its worker reveal: distinct JSON pointers such as /household/members/*/idNumber.
  const checkRevealList = (list: unknown, path: string): void => {
    if (list === undefined) return;
    if (!Array.isArray(list)) return add(path, '“reveal” 须为字段路径 (JSON Pointer) 的数组。');
    list.forEach((p, i) => {
      if (typeof p !== 'string' || !/^(\/[^/]+)+$/.test(p) || p.length > 300) add(`${path}/${i}`, '须为字段路径，如 "/household/members/*/idNumber"。');
      else if (list.indexOf(p) !== i) add(`${path}/${i}`, `字段“${p}”重复。`);
    });
  };

  const checkCondition = (c: unknown, path: string, depth = 0): void => {
    if (!isObj(c)) return add(path, '条件必须是对象。');
    if (depth >= maxConditionDepth && ('all' in c || 'any' in c || 'not' in c)) return add(path, `条件嵌套过深（超过 ${maxConditionDepth} 层），请简化条件。`);
    if ('all' in c || 'any' in c) {
      const list = c.all ?? c.any;
      if (!Array.isArray(list) || list.length === 0) return add(path, '“all”/“any” 必须是非空数组。');
      list.forEach((item, i) => checkCondition(item, `${path}/${'all' in c ? 'all' : 'any'}/${i}`, depth + 1));
      return;
    }
    if ('not' in c) return checkCondition(c.not, `${path}/not`, depth + 1);
    if ('flag' in c) return isNonEmptyString(c.flag) ? undefined : add(`${path}/flag`, '标记名必须是非空字符串。');
    if ('panel' in c) return void problems.push(...panelConditionProblems(c, path));
    if ('decision' in c || 'milestone' in c) return void problems.push(...decisionConditionProblems(c, path));
    if ('children' in c) return void problems.push(...childrenConditionProblems(c, path));
    if ('branch' in c) return void problems.push(...branchConditionProblems(c, path));
    if ('guard' in c) return isNonEmptyString(c.guard) ? void checkOwnName(c.guard, `${path}/guard`) : add(`${path}/guard`, '守卫名必须是非空字符串。');
    if ('subjectFact' in c) return checkSubjectFactCondition(c, path);
    if ('sample' in c) return checkSampleCondition(c, path);
    const subjects = conditionSubjects.filter((k) => k in c);
    if (subjects.length === 0) return add(`${path}/path`, '条件须有以“/”开头的数据路径 (JSON Pointer)。');
    if (subjects.length > 1) return add(path, `条件只能看一个值：${subjects.join('、')} 只能有一个。`);
    const subject = subjects[0]!;
    const pointer = (p: unknown, at: string) => (typeof p === 'string' && p.startsWith('/') ? undefined : add(at, '须为以“/”开头的数据路径 (JSON Pointer)。'));
    if (subject === 'path') pointer(c.path, `${path}/path`);
    if (subject === 'age') {
      if (!isObj(c.age) || ('of' in c.age) === ('fact' in c.age)) add(`${path}/age`, '“age” 须为 {"of": "/出生日期或身份证号字段"} 或 {"fact": "对象事实（出生日期或身份证号）"}，二者取一。');
      else if ('of' in c.age) { checkUnknown(c.age, `${path}/age`, ['of']); pointer(c.age.of, `${path}/age/of`); }
      else {
        checkUnknown(c.age, `${path}/age`, ['fact']);
        if (typeof c.age.fact !== 'string' || !factPathPattern.test(c.age.fact) || c.age.fact.split('.').some((k) => inheritedNames.has(k))) add(`${path}/age/fact`, '对象事实须为以点分隔的名称，如 "register.birthDate"。');
      }
    }
    if (subject === 'daysBetween') {
      if (!Array.isArray(c.daysBetween) || c.daysBetween.length !== 2) add(`${path}/daysBetween`, '“daysBetween” 须为两个日期字段路径：[起, 止]。');
      else c.daysBetween.forEach((p, i) => pointer(p, `${path}/daysBetween/${i}`));
    }
    if (subject === 'daysUntil' || subject === 'daysSince') pointer(c[subject], `${path}/${subject}`);
    const allowedOps = subject === 'path' ? conditionOps : comparisonOps;
    const ops = conditionOps.filter((op) => op in c);
    checkUnknown(c, path, [subject, ...allowedOps]);
    if (ops.length !== 1 || !allowedOps.includes(ops[0]!)) return add(path, `条件须恰好有一个比较：${allowedOps.join('、')}。`);
    const op = ops[0]!;
    const v = c[op];
    if (comparisonOps.includes(op)) {
      if (isObj(v) && 'path' in v) { checkUnknown(v, `${path}/${op}`, ['path']); pointer(v.path, `${path}/${op}/path`); }
      else if (typeof v !== 'number' && !isParam(v)) add(`${path}/${op}`, '比较值必须是数字、{"param": "名称"} 或 {"path": "/字段"}。');
    }
    checkParamRef(v, `${path}/${op}`);
    if (op === 'in' && !Array.isArray(v) && !isParam(v)) add(`${path}/in`, '“in” 必须是数组或 {"param": "名称"}（一个列表参数）。');
    if (op === 'exists' && typeof v !== 'boolean') add(`${path}/exists`, '“exists” 必须是 true 或 false。');
  };

  // Deterministic sampling: { sample: { share: 0–1 | {param}, salt } }.
  const checkSampleCondition = (c: Obj, path: string): void => {
    checkUnknown(c, path, ['sample']);
    const s = c.sample;
    if (!isObj(s)) return add(`${path}/sample`, '“sample” 须为 {"share": 0.3, "salt": "名称"}。');
    checkUnknown(s, `${path}/sample`, ['share', 'salt']);
    if (!isNonEmptyString(s.salt)) add(`${path}/sample/salt`, '抽样须有名称 (salt)，同一案件同一名称总是同样的结果。');
    if (isParam(s.share)) checkParamRef(s.share, `${path}/sample/share`);
    else if (typeof s.share !== 'number' || !(s.share >= 0 && s.share <= 1)) add(`${path}/sample/share`, '抽样比例 (share) 须为 0 到 1 之间的数字或 {"param": "名称"}。');
  };

  // A condition on a fact of the case's subject: { subjectFact: "a.b", exists | equals | in }.
  const checkSubjectFactCondition = (c: Obj, path: string): void => {
    if (typeof c.subjectFact !== 'string' || !factPathPattern.test(c.subjectFact)) add(`${path}/subjectFact`, '对象事实须为以点分隔的名称，如 "assistance.since"。');
    else c.subjectFact.split('.').forEach((k) => checkOwnName(k, `${path}/subjectFact`));
    const ops = ['exists', 'equals', 'in'].filter((op) => op in c);
    checkUnknown(c, path, ['subjectFact', 'exists', 'equals', 'in']);
    if (ops.length !== 1) return add(path, '对象事实条件须恰好有一个比较：exists、equals、in。');
    if (ops[0] === 'exists' && typeof c.exists !== 'boolean') add(`${path}/exists`, '“exists” 必须是 true 或 false。');
    if (ops[0] === 'in' && !Array.isArray(c.in)) add(`${path}/in`, '“in” 必须是数组。');
  };

  const checkTarget = (t: unknown, path: string): void => {
    if (typeof t === 'string') return t ? void checkOwnName(t, path) : add(path, '目标步骤不能为空。');
    if (!Array.isArray(t) || t.length === 0) return add(path, '目标必须是步骤名或非空的路由数组。');
    t.forEach((route, i) => {
      const rp = `${path}/${i}`;
      if (!isObj(route)) return add(rp, '路由必须是对象。');
      checkUnknown(route, rp, ['when', 'target']);
      if (!isNonEmptyString(route.target)) add(`${rp}/target`, '路由须有目标步骤。');
      else checkOwnName(route.target, `${rp}/target`);
      if (route.when !== undefined) checkCondition(route.when, `${rp}/when`);
    });
  };

  const checkEffects = (e: unknown, path: string): void => {
    if (e === undefined) return;
    if (!Array.isArray(e)) return add(path, '效果必须是数组。');
    e.forEach((ref, i) => {
      if (!isObj(ref) || !isNonEmptyString(ref.effect)) add(`${path}/${i}`, '效果须写明 “effect” 名称。');
      else if (!checkOwnName(ref.effect, `${path}/${i}/effect`)) return;
      else if (ref.args !== undefined && !isObj(ref.args)) add(`${path}/${i}/args`, '“args” 必须是对象。');
    });
  };

  // The units of a duration (engine/calendar/durationDue.ts): exactly one, each count a positive integer or a parameter.
  const checkDuration = (d: unknown, path: string, relativeAllowed: boolean): void => {
    if (isParam(d) && Object.keys(d).length === 1) return checkParamRef(d, path);
    if (!isObj(d)) return add(path, '期限必须是 {"workingDays": n}、{"days": n}、{"months": n}、{"date": "MM-DD"} 或 {"after"/"before": n, "of": "/日期字段"}。');
    checkUnknown(d, path, ['workingDays', 'days', 'months', 'date', 'before', 'after', 'of']);
    const units = ['workingDays', 'days', 'months', 'date', 'before', 'after'].filter((k) => d[k] !== undefined);
    if (units.length !== 1) return add(path, `期限须有且只有一个单位：workingDays、days、months、date、before 或 after（此处有 ${units.length} 个）。`);
    const unit = units[0]!;
    const value = d[unit];
    if (unit === 'date') {
      if (isParam(value)) checkParamRef(value, `${path}/date`);
      else if (typeof value !== 'string' || !/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(value) || Number.isNaN(Date.parse(`2000-${value}T00:00:00Z`)) || new Date(`2000-${value}T00:00:00Z`).toISOString().slice(5, 10) !== value) add(`${path}/date`, '日期须为 "MM-DD"，如 "03-31"。');
    } else if (isParam(value)) checkParamRef(value, `${path}/${unit}`);
    else if (unit === 'before' || unit === 'after') {
      if (!isDateOffset(value)) add(`${path}/${unit}`, `天数必须是 0 到 ${maxDurationCount} 的整数（0 即该日期当天）。`);
    } else if (!isDurationCount(value)) add(`${path}/${unit}`, `天数必须是不超过 ${maxDurationCount} 的正整数。`);
    if (unit === 'before' || unit === 'after') {
      if (!relativeAllowed) add(`${path}/${unit}`, '等待步骤的期限不能相对于表单中的日期。');
      if (typeof d.of !== 'string' || !/^(\/[^/]+)+$/.test(d.of)) add(`${path}/of`, '“of” 须为指向表单日期字段的 JSON 指针，如 "/campaign/startDate"。');
    } else if (d.of !== undefined) add(`${path}/of`, '“of” 只与 before 或 after 一起使用。');
  };

  const checkAssignee = (a: unknown, path: string, besideChain = true): void => {
    if (!isObj(a)) return add(path, '须指定办理人 (assignee)。');
    checkUnknown(a, path, besideChain ? ['level', 'department', 'unitFrom', 'pool', 'role', 'resolver', 'mode', 'group'] : ['level', 'role', 'resolver', 'mode', 'group']);
    const routed = ['level', 'department', 'unitFrom', 'pool'].filter((k) => a[k] !== undefined);
    if (routed.length > 1) return add(path, `办理人只能指定 level、department、unitFrom、pool 之一（此处有 ${routed.join('、')}）。`);
    if (routed.length === 1 && routed[0] !== 'level') return checkUnitAssignee(a, path);
    if (!(typeof a.level === 'string' && levels.includes(a.level)) && !isParam(a.level)) add(`${path}/level`, `层级必须是 ${levels.join('、')} 之一，或 {"param": "名称"}。`);
    checkParamRef(a.level, `${path}/level`);
    if (a.resolver !== undefined) checkOwnName(a.resolver, `${path}/resolver`);
    if (a.mode !== undefined && !['single', 'any', 'all'].includes(a.mode as string)) add(`${path}/mode`, '“mode” 必须是 single、any 或 all。');
    if ((a.mode === 'any' || a.mode === 'all') && (!Array.isArray(a.group) || a.group.length < 2)) add(`${path}/group`, '会签/或签须列出至少两个职责 (group)。');
    checkGroupDuplicates(a.group, `${path}/group`);
  };

  // An assignee beside the administrative chain: a department kind, a unit the form names, or a pool draw.
  const checkKind = (k: unknown, path: string): void => {
    if (!isNonEmptyString(k) || !/^[a-z][a-z0-9_]*$/.test(k)) add(path, '单位类型须为小写英文标识，如 "disabled_persons_federation"。');
  };
  const checkDataPointer = (p: unknown, path: string): void => {
    if (typeof p !== 'string' || !/^(\/[^/]+)+$/.test(p) || p.length > 300) add(path, '须为表单字段路径 (JSON Pointer)，如 "/organisation/supervisorUnit"。');
  };
  const checkUnitAssignee = (a: Obj, path: string): void => {
    if (a.resolver !== undefined) add(`${path}/resolver`, '按单位或专家库指派时不能再指定解析器 (resolver)。');
    if (a.department !== undefined) checkKind(a.department, `${path}/department`);
    if (a.unitFrom !== undefined) {
      const u = a.unitFrom;
      if (!isObj(u)) return add(`${path}/unitFrom`, '“unitFrom” 须为 {"path": "/…", "kind": "单位类型"}。');
      checkUnknown(u, `${path}/unitFrom`, ['path', 'kind']);
      checkDataPointer(u.path, `${path}/unitFrom/path`);
      checkKind(u.kind, `${path}/unitFrom/kind`);
    }
    if (a.pool !== undefined) {
      const p = a.pool;
      if (!isObj(p)) return add(`${path}/pool`, '“pool” 须为 {"kind": "专家库类型", "draw": 人数}。');
      checkUnknown(p, `${path}/pool`, ['kind', 'draw', 'recuseAffiliationsFrom']);
      checkKind(p.kind, `${path}/pool/kind`);
      if (!isPosInt(p.draw)) add(`${path}/pool/draw`, '抽取人数 (draw) 须为正整数。');
      if (p.recuseAffiliationsFrom !== undefined) {
        if (!Array.isArray(p.recuseAffiliationsFrom)) add(`${path}/pool/recuseAffiliationsFrom`, '“recuseAffiliationsFrom” 须为字段路径的数组。');
        else p.recuseAffiliationsFrom.forEach((f: unknown, i: number) => checkDataPointer(f, `${path}/pool/recuseAffiliationsFrom/${i}`));
      }
      if (a.mode !== undefined || a.group !== undefined || a.role !== undefined) add(`${path}/pool`, '从专家库抽取时不能再指定 role、mode 或 group：每位抽中的成员各有一个任务。');
      return;
    }
    if (a.mode !== undefined && !['single', 'any', 'all'].includes(a.mode as string)) add(`${path}/mode`, '“mode” 必须是 single、any 或 all。');
    if ((a.mode === 'any' || a.mode === 'all') && (!Array.isArray(a.group) || a.group.length < 2)) add(`${path}/group`, '会签/或签须列出至少两个职责 (group)。');
    checkGroupDuplicates(a.group, `${path}/group`);
  };

  const checkActions = (actions: unknown, path: string, required: boolean): void => {
    if (actions === undefined && !required) return;
    if (!isObj(actions) || Object.keys(actions).length === 0) return add(path, '办理步骤须至少有一个操作 (actions)。');
    const byLowerCase = new Map<string, string>();
    for (const [name, a] of Object.entries(actions)) {
      const ap = `${path}/${escape(name)}`;
      const lower = name.toLowerCase();
      const twin = byLowerCase.get(lower);
      if (twin !== undefined) add(ap, `操作名“${name}”与“${twin}”只差大小写，容易混淆，请换一个名称。`);
      else byLowerCase.set(lower, name);
      if (!namePattern.test(name)) add(ap, `操作名“${name}”只能用字母、数字、点、下划线和连字符。`);
      else checkOwnName(name, ap);
      const reserved = reservedActionNameProblem(name, ap) ?? reservedChildActionProblem(name, ap) ?? reservedDeadlineActionProblem(name, ap) ?? reservedCheckActionProblem(name, ap) ?? reservedSubjectActionProblem(name, ap);
      if (reserved) problems.push(reserved);
      if (!isObj(a)) { add(ap, '操作必须是对象。'); continue; }
      checkBooleans(a, ap, ['requireComment']);
      checkUnknown(a, ap, ['kind', 'label', 'labelEn', 'target', 'returnTo', 'requireComment', 'guard', 'guardMessage', 'effects', 'writes', 'assignee']);
      if (!actionKinds.includes(a.kind as string)) add(`${ap}/kind`, `操作类型必须是 ${actionKinds.join('、')} 之一。`);
      if (!isNonEmptyString(a.label)) add(`${ap}/label`, '操作须有中文名称 (label)。');
      if (a.kind === 'return') {
        if (!Array.isArray(a.returnTo) || a.returnTo.length === 0 || !a.returnTo.every(isNonEmptyString)) add(`${ap}/returnTo`, '退回操作须列出可退回的步骤 (returnTo)。');
        else a.returnTo.forEach((t: string, i: number) => checkOwnName(t, `${ap}/returnTo/${i}`));
      } else if (['submit', 'approve', 'reject', 'withdraw', 'object', 'vote', 'closePanel'].includes(a.kind as string)) {
        if (a.target === undefined) add(`${ap}/target`, '此操作须有目标步骤 (target)。');
        else checkTarget(a.target, `${ap}/target`);
      }
      if (a.guard !== undefined) checkCondition(a.guard, `${ap}/guard`);
      if (a.guardMessage !== undefined) {
        if (!isNonEmptyString(a.guardMessage) || a.guardMessage.length > 300) add(`${ap}/guardMessage`, '“guardMessage” 须为不超过 300 字的中文说明。');
        else if (a.guard === undefined) add(`${ap}/guardMessage`, '没有守卫条件 (guard) 的操作不需要 “guardMessage”。');
      }
      if (a.writes !== undefined && !(Array.isArray(a.writes) && a.writes.every(isNonEmptyString))) add(`${ap}/writes`, '“writes” 必须是数据分区名的数组。');
      else if (Array.isArray(a.writes)) a.writes.forEach((w: string, i: number) => checkOwnName(w, `${ap}/writes/${i}`));
      if (a.assignee !== undefined) checkAssignee(a.assignee, `${ap}/assignee`, false);
      checkEffects(a.effects, `${ap}/effects`);
    }
  };

  if (!isObj(input)) {
    add('', '流程定义必须是 JSON 对象。');
    return problems;
  }
  const d = input;
  checkUnknown(d, '', ['$schema', 'key', 'version', 'name', 'nameEn', 'legalBasis', 'guide', 'form', 'parameters', 'limit', 'initial', 'steps', 'starters', 'subject', 'decisions', 'decisionPolicy', 'milestones', 'schedules', 'phases', 'endsWhen']);
  // Phases: deadlines over several steps (validateDeadlineActs.ts).
  problems.push(...phaseShapeProblems(d, (v, path) => checkDuration(v, path, false)));
  problems.push(...starterShapeProblems(d));
  problems.push(...guideShapeProblems(d));
  problems.push(...scheduleShapeProblems(d));
  problems.push(...endsWhenShapeProblems(d));
  if (Array.isArray(d.endsWhen)) d.endsWhen.forEach((r, i) => { if (isObj(r) && isObj(r.when)) checkCondition(r.when, `/endsWhen/${i}/when`); });
  if (isObj(d.schedules)) for (const [k, s] of Object.entries(d.schedules)) if (isObj(s) && isObj(s.subjects) && s.subjects.where !== undefined) checkCondition(s.subjects.where, `/schedules/${escape(k)}/subjects/where`);
  problems.push(...decisionShapeProblems(d));
  if (typeof d.key !== 'string' || !keyPattern.test(d.key)) add('/key', '流程标识 (key) 必须是小写字母开头的字母、数字或连字符。');
  if (!isPosInt(d.version)) add('/version', '版本号 (version) 必须是正整数。');
  if (!isNonEmptyString(d.name)) add('/name', '流程须有名称 (name)。');
  if (d.parameters !== undefined && !isObj(d.parameters)) add('/parameters', '参数 (parameters) 必须是对象。');
  else if (isObj(d.parameters)) for (const name of Object.keys(d.parameters)) checkOwnName(name, `/parameters/${escape(name)}`);
  if (d.limit !== undefined) {
    if (!isObj(d.limit)) add('/limit', '总时限 (limit) 必须是对象。');
    else {
      // One unit (working days, calendar days or months), each count a positive integer or a parameter (overallLimit.ts).
      const limitCount = (v: unknown, path: string): void => {
        if (isParam(v)) checkParamRef(v, path);
        else if (!isDurationCount(v)) add(path, `时限须为不超过 ${maxDurationCount} 的正整数，或 {"param": "名称"}。`);
      };
      const oneUnit = (v: Obj, path: string, what: string): void => {
        const units = ['workingDays', 'days', 'months'].filter((k) => v[k] !== undefined);
        if (units.length !== 1) return add(path, `${what}须有且只有一个单位：workingDays、days 或 months（此处有 ${units.length} 个）。`);
        limitCount(v[units[0]!], `${path}/${units[0]!}`);
      };
      checkUnknown(d.limit, '/limit', ['workingDays', 'days', 'months', 'extendedWorkingDays', 'extended']);
      oneUnit(d.limit, '/limit', '总时限');
      if (d.limit.extendedWorkingDays !== undefined) limitCount(d.limit.extendedWorkingDays, '/limit/extendedWorkingDays');
      if (d.limit.extendedWorkingDays !== undefined && d.limit.extended !== undefined) add('/limit/extended', '“extended” 与 “extendedWorkingDays” 只能写一个。');
      const extended = d.limit.extended;
      if (extended !== undefined) {
        if (isParam(extended) && Object.keys(extended).length === 1) checkParamRef(extended, '/limit/extended');
        else if (!isObj(extended)) add('/limit/extended', '延长后的时限须为 {"workingDays": n}、{"days": n}、{"months": n} 或 {"param": "名称"}。');
        else {
          checkUnknown(extended, '/limit/extended', ['workingDays', 'days', 'months']);
          oneUnit(extended, '/limit/extended', '延长后的时限');
        }
      }
    }
  }
  if (!isNonEmptyString(d.initial)) add('/initial', '须指定起始步骤 (initial)。');
  if (!isObj(d.steps) || Object.keys(d.steps).length === 0) {
    add('/steps', '流程须至少有一个步骤 (steps)。');
    return problems;
  }
  if (isNonEmptyString(d.initial) && !hasOwnEntry(d.steps, d.initial)) add('/initial', `起始步骤“${d.initial}”未定义。`);

  for (const [name, s] of Object.entries(d.steps)) {
    const sp = `/steps/${escape(name)}`;
    if (!namePattern.test(name)) add(sp, `步骤名“${name}”只能用字母、数字、点、下划线和连字符。`);
    else checkOwnName(name, sp);
    if (!isObj(s)) { add(sp, '步骤必须是对象。'); continue; }
    if (!stepTypes.includes(s.type as string)) { add(`${sp}/type`, `步骤类型必须是 ${stepTypes.join('、')} 之一。`); continue; }
    if (!isNonEmptyString(s.name)) add(`${sp}/name`, '步骤须有中文名称 (name)。');
    // Task verbs (转办, 加签 …): their own checks, also the refusal on a step that is not a task.
    problems.push(...verbShapeProblems(s, sp));
    // Deadlines that act (remind, onOverdue, stopsClock): their own checks (validateDeadlineActs.ts).
    problems.push(...deadlineActShapeProblems(s, sp, (v, path) => checkDuration(v, path, false)));
    const { verbs: _verbs, remind: _remind, onOverdue: _onOverdue, stopsClock: _stops, ...withoutVerbs } = s;
    void _verbs;
    void _remind;
    void _onOverdue;
    void _stops;
    if (s.type === 'task' || s.type === 'timer') checkBooleans(s, sp, s.type === 'task' ? ['pausesClock', 'startsClock', 'recusal'] : ['pausesClock']);
    if (s.type === 'task') {
      checkUnknown(withoutVerbs, sp, ['type', 'name', 'nameEn', 'assignee', 'actions', 'deadline', 'pausesClock', 'startsClock', 'form', 'recusal', 'onEnter', 'panel', 'check']);
      if (s.check !== undefined) problems.push(...externalCheckProblems(s.check, s.actions, sp));
      if (s.panel !== undefined) problems.push(...panelShapeProblems(s.panel, `${sp}/panel`));
      checkAssignee(s.assignee, `${sp}/assignee`);
      checkActions(s.actions, `${sp}/actions`, true);
      if (s.deadline !== undefined) checkDuration(s.deadline, `${sp}/deadline`, true);
      if (s.form !== undefined && !(isObj(s.form) && isObj(s.form.sections))) add(`${sp}/form`, '“form” 须为 {"sections": {分区: 权限}}。');
      else if (isObj(s.form) && isObj(s.form.sections)) {
        checkUnknown(s.form, `${sp}/form`, ['sections', 'reveal']);
        for (const [sec, perm] of Object.entries(s.form.sections)) {
          if (!['write', 'read', 'masked', 'hidden'].includes(perm as string)) add(`${sp}/form/sections/${escape(sec)}`, '权限必须是 write、read、masked 或 hidden。');
          checkOwnName(sec, `${sp}/form/sections/${escape(sec)}`);
        }
        checkRevealList(s.form.reveal, `${sp}/form/reveal`);
      }
      checkEffects(s.onEnter, `${sp}/onEnter`);
    } else if (s.type === 'timer') {
      checkUnknown(withoutVerbs, sp, ['type', 'name', 'nameEn', 'duration', 'onElapsed', 'actions', 'pausesClock', 'onEnter', 'skipWhen']);
      checkDuration(s.duration, `${sp}/duration`, false);
      if (s.onElapsed === undefined) add(`${sp}/onElapsed`, '计时步骤须有到期后的目标 (onElapsed)。');
      else checkTarget(s.onElapsed, `${sp}/onElapsed`);
      checkActions(s.actions, `${sp}/actions`, false);
      if (s.skipWhen !== undefined) checkCondition(s.skipWhen, `${sp}/skipWhen`);
      checkEffects(s.onEnter, `${sp}/onEnter`);
    } else if (s.type === 'children') {
      checkChildrenStep(s, sp, { add, checkUnknown, checkBooleans, checkTarget, checkDuration, checkEffects });
    } else if (s.type === 'parallel') {
      // Branches, join and refusal policy (validateParallel.ts), with the checks above.
      problems.push(...parallelShapeProblems(withoutVerbs, sp, { assignee: checkAssignee, duration: checkDuration, target: checkTarget, condition: checkCondition, effects: checkEffects, ownName: checkOwnName }));
    } else if (s.type === 'choice') {
      checkUnknown(withoutVerbs, sp, ['type', 'name', 'target']);
      if (!Array.isArray(s.target)) add(`${sp}/target`, '分支步骤须有路由数组 (target)。');
      else checkTarget(s.target, `${sp}/target`);
    } else {
      checkUnknown(withoutVerbs, sp, ['type', 'name', 'nameEn', 'outcome', 'onEnter']);
      if (!outcomes.includes(s.outcome as string)) add(`${sp}/outcome`, `结果必须是 ${outcomes.join('、')} 之一。`);
      checkEffects(s.onEnter, `${sp}/onEnter`);
    }
  }
  return problems;
}
