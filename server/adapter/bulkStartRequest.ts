/**
 * The body of POST /api/tongban/bulk-starts, checked before anything is read or written: which
 * process, the client's idempotency key, and the subjects — a list of ids, or a selector (an org
 * unit, a kind, a fact) that the server resolves once, when the run is created. Pure.
 */
import { hasOwnEntry, ownEntry } from '../../engine/index.js';
import { badRequest, type FieldProblem } from './httpError.js';
import { parseBody } from './parseBody.js';

/** Most subject ids one request may list — the longest array any request may carry (a larger set is chosen with a selector). */
export const maxListedSubjects = 500;

/** Which subjects a selector chooses: those of an org unit (and below), of a kind, with a fact of a value. */
export interface SubjectSelector {
  /** An org unit id; its subjects and those of the units below it. Default: the starter's own unit. */
  unit?: string;
  kind?: 'person' | 'organisation';
  /** A fact of the subject (dotted path) equal to a value. */
  fact?: { path: string; equals: string | number | boolean };
}

/** A checked bulk-start request. */
export interface BulkStartRequest {
  workflow: string;
  commandId: string;
  subjects?: string[];
  selector?: SubjectSelector;
  /** Only count the subjects the request chooses; write nothing. */
  dryRun?: boolean;
}

const recordId = /^[a-z0-9]{15}$/;
const factPath = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){0,7}$/;

function selectorProblems(raw: Record<string, unknown>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(raw)) if (!['unit', 'kind', 'fact'].includes(key)) problems.push({ path: `/selector/${key}`, message: `不允许的字段“${key}”。` });
  const unit = ownEntry(raw, 'unit');
  if (unit !== undefined && (typeof unit !== 'string' || !recordId.test(unit))) problems.push({ path: '/selector/unit', message: '应为组织机构的 id（15 位小写字母或数字）。' });
  const kind = ownEntry(raw, 'kind');
  if (kind !== undefined && kind !== 'person' && kind !== 'organisation') problems.push({ path: '/selector/kind', message: '应为 "person"（个人或家庭）或 "organisation"（组织）。' });
  const fact = ownEntry(raw, 'fact');
  if (fact !== undefined) {
    if (fact === null || typeof fact !== 'object' || Array.isArray(fact)) problems.push({ path: '/selector/fact', message: '应为对象 { path, equals }。' });
    else {
      const f = fact as Record<string, unknown>;
      for (const key of Object.keys(f)) if (key !== 'path' && key !== 'equals') problems.push({ path: `/selector/fact/${key}`, message: `不允许的字段“${key}”。` });
      const path = ownEntry(f, 'path');
      if (typeof path !== 'string' || !factPath.test(path)) problems.push({ path: '/selector/fact/path', message: '应为事实的路径，如 "assistance.status"（字母、数字、下划线，以点分隔）。' });
      const equals = ownEntry(f, 'equals');
      if (!hasOwnEntry(f, 'equals') || !['string', 'number', 'boolean'].includes(typeof equals) || (typeof equals === 'number' && !Number.isFinite(equals)) || (typeof equals === 'string' && equals.length > 200)) {
        problems.push({ path: '/selector/fact/equals', message: '应为文本（至多 200 字）、数字或 true/false。' });
      }
    }
  }
  return problems;
}

/** Checks a bulk-start body; throws 400 with every problem and its path. */
export function parseBulkStartRequest(raw: unknown): BulkStartRequest {
  const body = parseBody<BulkStartRequest & { subjects?: unknown; selector?: unknown }>(raw, {
    workflow: { type: 'string', required: true, maxLength: 64 },
    commandId: { type: 'string', required: true, maxLength: 100 },
    subjects: { type: 'strings', maxLength: 100, maxItems: maxListedSubjects },
    selector: { type: 'object' },
    dryRun: { type: 'boolean' },
  });
  const problems: FieldProblem[] = [];
  if (body.workflow === '') problems.push({ path: '/workflow', message: '请指定流程。' });
  if (body.commandId === '') problems.push({ path: '/commandId', message: '请提供请求编号 (commandId)。' });
  const hasList = body.subjects !== undefined && body.subjects !== null;
  const hasSelector = body.selector !== undefined && body.selector !== null;
  if (hasList === hasSelector) problems.push({ path: '/subjects', message: '请给出对象的列表 (subjects) 或选择条件 (selector)，二者选一。' });
  if (hasList) {
    const list = body.subjects as string[];
    if (list.length === 0) problems.push({ path: '/subjects', message: '对象列表不能为空。' });
    const seen = new Map<string, number>();
    list.forEach((id, i) => {
      if (!recordId.test(id)) problems.push({ path: `/subjects/${i}`, message: '应为对象的 id（15 位小写字母或数字）。' });
      else if (seen.has(id)) problems.push({ path: `/subjects/${i}`, message: `与第 ${seen.get(id)! + 1} 项重复。` });
      else seen.set(id, i);
    });
  }
  if (hasSelector) problems.push(...selectorProblems(body.selector as Record<string, unknown>));
  if (problems.length > 0) throw badRequest('批量发起的请求不正确。', problems.slice(0, 100));
  return body as BulkStartRequest;
}
