/**
 * `POST /api/tongban/admin/workflows/{key}/check`: unsaved content checked as `tongban check`
 * would (designerCheck.ts) — nothing is written — with how long each part took on the server, for
 * the studio's live checking (the answer's `Server-Timing` header).
 */
import type { DesignerCheckAnswer } from '../../engine/api/designerRoutes.js';
import { checkInputSafety } from '../../forms/core/index.js';
import { designerProblems, type DesignerContent } from './designerCheck.js';
import { processKey } from './designerRecords.js';
import { badRequest } from './httpError.js';
import type { PbApp } from './pocketbase.js';
import type { RouteAnswer } from './routeAnswer.js';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The limits checked content is held to before the checks see it (a form is big). */
const contentLimits = { maxDepth: 64, maxArrayLength: 5000, maxStringLength: 500_000, maxKeys: 200_000 };

/** The check request's parts; 400 for anything else. */
function readCheckRequest(body: unknown): DesignerContent & { version?: unknown } {
  if (!isObject(body)) throw badRequest('请求体必须是 JSON 对象。');
  const unsafe = checkInputSafety(body, contentLimits);
  if (unsafe.length > 0) throw badRequest('请求内容不安全或过大。', unsafe.map((e) => ({ path: e.path, message: e.message })));
  const allowed = new Set(['definition', 'formSchema', 'uiSchema', 'templates', 'sample', 'version']);
  const unknown = Object.keys(body).filter((k) => !allowed.has(k));
  if (unknown.length > 0) throw badRequest('请求中有不允许的字段。', unknown.map((k) => ({ path: `/${k}`, message: `不允许的字段“${k}”。` })));
  if (!('definition' in body)) throw badRequest('缺少流程定义。', [{ path: '/definition', message: '缺少必填字段“definition”。' }]);
  if ('version' in body && !(typeof body.version === 'number' && Number.isInteger(body.version))) throw badRequest('“version”须是版本号。', [{ path: '/version', message: '须是版本号（整数）。' }]);
  return body as unknown as DesignerContent & { version?: unknown };
}

/** Checks the content of the body; answers the problems and a `Server-Timing` value (read, definition, form, templates, total). */
export function checkContent(tx: PbApp, key: string, readBody: () => unknown): { answer: RouteAnswer; timing: string } {
  processKey(key);
  const started = Date.now();
  const body = readCheckRequest(readBody());
  const timings: Record<string, number> = { read: Date.now() - started };
  const answer: DesignerCheckAnswer = { problems: designerProblems(key, body, typeof body.version === 'number' ? body.version : undefined, tx, timings) };
  const timing = [...Object.entries(timings).map(([part, ms]) => `${part};dur=${ms}`), `total;dur=${Date.now() - started}`].join(', ');
  return { answer: { status: 200, body: answer }, timing };
}
