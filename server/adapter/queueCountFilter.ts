/**
 * The filter of the queue counts route (queueCounts.ts), the queue page's filters but its search:
 * read from the URL, refused in Chinese with the field's path when malformed, and turned into an SQL
 * condition that says exactly what the page's record API filter says (web/src/api/queues.ts,
 * `queueFilterOf`) — on the task's own columns in 待办, on the case's in the other queues.
 */
import type { QueueCountsQuery } from '../../engine/index.js';
import { badRequest, type FieldProblem } from './httpError.js';

/** The URL's query, as PocketBase hands it to a route. */
interface UrlQuery {
  get(name: string): string;
}

/** An SQL condition with its named parameters (`qf_*`); `where` is `1` when nothing filters. */
export interface FilterCondition {
  where: string;
  params: Record<string, string>;
}

const keyPattern = /^[A-Za-z0-9_.-]{1,100}$/;
const idPattern = /^[a-z0-9]{15}$/;
const datePattern = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

const rules: { name: keyof QueueCountsQuery; pattern: RegExp; message: string }[] = [
  { name: 'process', pattern: keyPattern, message: '事项标识只能由字母、数字和 _ . - 组成。' },
  { name: 'step', pattern: keyPattern, message: '环节标识只能由字母、数字和 _ . - 组成。' },
  { name: 'township', pattern: idPattern, message: '乡镇（街道）应为组织机构的编号。' },
  { name: 'village', pattern: idPattern, message: '村（社区）应为组织机构的编号。' },
  { name: 'dueBefore', pattern: datePattern, message: '截止时间应为 PocketBase 的时间格式，如 2026-11-30 08:00:00.000Z。' },
  { name: 'flag', pattern: keyPattern, message: '标记只能由字母、数字和 _ . - 组成。' },
];

/** The filter of the counts route's URL; a malformed value answers 400 with its path. */
export function queueCountsQuery(query: UrlQuery): QueueCountsQuery {
  const filter: QueueCountsQuery = {};
  const problems: FieldProblem[] = [];
  for (const rule of rules) {
    const value = query.get(rule.name);
    if (value === '') continue;
    if (rule.pattern.test(value)) filter[rule.name] = value;
    else problems.push({ path: `/${rule.name}`, message: rule.message });
  }
  if (problems.length > 0) throw badRequest('筛选条件不正确。', problems);
  return filter;
}

/**
 * PocketBase's `~` with a value without `%`: `LIKE '%value%' ESCAPE '\'`, its `\`, `%` and `_`
 * escaped (the record API's filter of a flag).
 */
function containsPattern(value: string): string {
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The filter as a condition on the row `alias`: a task's own columns (`on: 'task'`: its process,
 * step, township, village, due date and copy of its case's flags) or a case's (`on: 'case'`).
 */
export function queueFilterSql(filter: QueueCountsQuery, alias: string, on: 'task' | 'case'): FilterCondition {
  const clauses: string[] = [];
  const params: Record<string, string> = {};
  const equal = (column: string, value: string | undefined, name: string) => {
    if (value === undefined) return;
    clauses.push(`${alias}.${column} = {:${name}}`);
    params[name] = value;
  };
  equal('workflow_key', filter.process, 'qf_process');
  equal('step', filter.step, 'qf_step');
  equal('township', filter.township, 'qf_township');
  equal('village', filter.village, 'qf_village');
  if (filter.dueBefore !== undefined) {
    clauses.push(`${alias}.due_at != '' AND ${alias}.due_at < {:qf_due}`);
    params.qf_due = filter.dueBefore;
  }
  if (filter.flag !== undefined) {
    // 待办 keeps a copy of its case's flags and whether it has any (an index range in the queue's order).
    clauses.push(on === 'task' ? `${alias}.case_flagged = TRUE AND ${alias}.case_flags LIKE {:qf_flag} ESCAPE '\\'` : `${alias}.flags LIKE {:qf_flag} ESCAPE '\\'`);
    params.qf_flag = containsPattern(`"${filter.flag}"`);
  }
  return { where: clauses.length > 0 ? clauses.join(' AND ') : '1', params };
}
