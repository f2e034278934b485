/**
 * Static checks of a definition's recurring `schedules` (part of `checkDefinition`): whatever
 * would make a scheduled run start nothing, start the wrong cases or fail at the first subject is
 * refused first — a start day some period lacks or a parameter that names none, subjects of
 * another kind than the process's cases are about, an organisation starter over persons, a first
 * step no one could act on or the system could not route, opening data outside the form.
 */
import type { DefinitionProblem } from '../definition/problems.js';
import type { JsonValue, Parameterised, WorkflowDefinition } from '../definition/types.js';
import { ownEntry } from '../definition/ownEntry.js';
import { resolveLevel } from '../org/resolveAssignee.js';
import { isValidStartOn } from './schedulePeriods.js';
import { organisationKinds } from './organisationKinds.js';

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** The `MM-DD` a schedule starts on, its parameter resolved (undefined when the parameter is missing). */
export function scheduleStartOn(startOn: Parameterised<string> | undefined, parameters: Record<string, JsonValue>): unknown {
  if (startOn === undefined) return '01-01';
  if (typeof startOn === 'string') return startOn;
  return ownEntry(parameters, startOn.param);
}

/** Problems of the schedules of a well-formed definition; `formFields` are the form's field pointers, when known. */
export function scheduleProblems(def: WorkflowDefinition, formFields?: readonly string[]): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (path: string, message: string): void => {
    problems.push({ path, message });
  };
  const parameters = def.parameters ?? {};
  const first = ownEntry(def.steps, def.initial);
  const fields = formFields ? new Set(formFields) : undefined;
  for (const [key, schedule] of Object.entries(def.schedules ?? {})) {
    const sp = `/schedules/${escape(key)}`;
    const startOn = scheduleStartOn(schedule.startOn, parameters);
    if (!isValidStartOn(schedule.every, startOn)) {
      const shown = typeof schedule.startOn === 'object' ? `参数“${schedule.startOn.param}”的值 ${JSON.stringify(startOn ?? null)}` : `“${String(startOn)}”`;
      add(`${sp}/startOn`, `开始日 ${shown} 不是每个周期都有的日期：须为 "MM-DD"，月为周期内的第几个月（年 01–12、半年 01–06、季 01–03、月 01），日在该月每年都有（不能是 02-29）。`);
    }
    if (def.subject && def.subject.kind !== schedule.subjects.kind) add(`${sp}/subjects/kind`, `本流程的案件对象是${def.subject.kind === 'person' ? '个人或家庭' : '组织'}，计划却按${schedule.subjects.kind === 'person' ? '个人或家庭' : '组织'}发起。`);
    (schedule.subjects.orgKinds ?? []).forEach((kind, i) => {
      if (!organisationKinds.includes(kind)) add(`${sp}/subjects/orgKinds/${i}`, `没有“${kind}”这种组织类型：须为 ${organisationKinds.join('、')} 之一（否则计划不会匹配任何组织）。`);
    });
    if (schedule.starter === 'organisation' && schedule.subjects.kind !== 'organisation') add(`${sp}/starter`, '只有组织对象的计划才能以对象组织为申请人 (starter = organisation)。');
    const data = schedule.data ?? {};
    const writable = first?.type === 'task' ? first.form?.sections ?? {} : {};
    for (const [pointer, source] of Object.entries(data)) {
      const dp = `${sp}/data/${escape(pointer)}`;
      if (fields && !fields.has(pointer)) add(dp, `表单中没有字段“${pointer}”。`);
      const section = pointer.split('/')[1] ?? '';
      if (ownEntry(writable, section) !== 'write') add(dp, `起始步骤不能填写“${section}”部分 (form.sections.${section} 须为 write)，计划无法写入“${pointer}”。`);
      if ('subject' in source && source.subject !== 'name' && schedule.subjects.kind !== 'organisation') add(`${dp}/subject`, '个人对象没有统一社会信用代码或组织类型。');
    }
    // The first step: the system opens it, so someone must be able to act on it and it must route without more data.
    if (!first || first.type === 'final' || first.type === 'choice') add(`${sp}`, '流程的起始步骤不是办理或等待步骤，计划发起的案件无法开始。');
    else if (first.type === 'task') {
      const level = first.assignee.level !== undefined ? resolveLevel(first.assignee.level, parameters) : undefined;
      if (level === 'applicant' && schedule.starter === 'officer') add(`${sp}/starter`, `起始步骤“${first.name}”由申请人办理，而计划发起的案件没有申请人（starter = officer）：请改由工作人员办理起始步骤，或以对象组织为申请人。`);
      if ((level === 'village' || level === 'township') && schedule.subjects.kind === 'organisation') add(`${sp}/subjects/kind`, `组织对象只登记到县级，起始步骤“${first.name}”却由${level === 'village' ? '村' : '乡镇'}级办理，计划发起的案件无法分派。`);
      if (first.assignee.unitFrom && !Object.prototype.hasOwnProperty.call(data, first.assignee.unitFrom.path)) add(`${sp}/data`, `起始步骤的办理单位取自字段“${first.assignee.unitFrom.path}”，计划须在初始数据 (data) 中给出它，否则案件无法分派。`);
    }
  }
  return problems;
}
