/**
 * The studio designer's routes (server/pb_hooks/tongban_designer.pb.js), for administrators and
 * superusers; the wire types are engine/api/designerRoutes.ts and docs/api.md describes each.
 * Other routes under `…/drafts/{version}/` (simulation, template preview) live in their own files.
 */
import type { DesignerCheckAnswer } from '../../engine/api/designerRoutes.js';
import { checkInputSafety } from '../../forms/core/index.js';
import { adminRoute, readAdminBody } from './adminRoute.js';
import { designerProblems, type DesignerContent } from './designerCheck.js';
import { discardDraft, getDraft, openDraft, processKey, saveDraft, versionNumber } from './designerDrafts.js';
import { publishDraft } from './draftPublishing.js';
import { badRequest } from './httpError.js';
import { app, type PbRequestEvent } from './pocketbase.js';
import { processList } from './processList.js';
import { versionDiff } from './versionDiff.js';
import { retireVersion } from './versionRetirement.js';

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

/** Route handlers of the designer, by route. */
export const designerRoutes = {
  /** `GET /api/tongban/admin/processes`. */
  processes: (e: PbRequestEvent) => adminRoute(e, '只有管理员可以查看流程列表。', () => ({ status: 200, body: processList(app()) })),
  /** `POST /api/tongban/admin/workflows/{key}/drafts`. */
  openDraft: (e: PbRequestEvent, key: string) => adminRoute(e, '只有管理员可以设计流程。', (auth) => openDraft(app(), auth, key, readAdminBody(e))),
  /** `GET /api/tongban/admin/workflows/{key}/drafts/{version}`. */
  getDraft: (e: PbRequestEvent, key: string, version: string) => adminRoute(e, '只有管理员可以设计流程。', () => getDraft(app(), key, versionNumber(version))),
  /** `PUT /api/tongban/admin/workflows/{key}/drafts/{version}`. */
  saveDraft: (e: PbRequestEvent, key: string, version: string) => adminRoute(e, '只有管理员可以设计流程。', (auth) => saveDraft(app(), auth, key, versionNumber(version), readAdminBody(e))),
  /** `DELETE /api/tongban/admin/workflows/{key}/drafts/{version}`. */
  discardDraft: (e: PbRequestEvent, key: string, version: string) => adminRoute(e, '只有管理员可以设计流程。', (auth) => discardDraft(app(), auth, key, versionNumber(version))),
  /** `POST /api/tongban/admin/workflows/{key}/check`. */
  check: (e: PbRequestEvent, key: string) =>
    adminRoute(e, '只有管理员可以检查流程。', () => {
      processKey(key);
      const started = Date.now();
      const body = readCheckRequest(readAdminBody(e));
      const timings: Record<string, number> = { read: Date.now() - started };
      const answer: DesignerCheckAnswer = { problems: designerProblems(key, body, typeof body.version === 'number' ? body.version : undefined, app(), timings) };
      // How long the check took on the server, per part (read, definition, form, templates), for the studio's live checking.
      e.response.header().set('Server-Timing', [...Object.entries(timings).map(([part, ms]) => `${part};dur=${ms}`), `total;dur=${Date.now() - started}`].join(', '));
      return { status: 200, body: answer };
    }),
  /** `POST /api/tongban/admin/workflows/{key}/drafts/{version}/publish`. */
  publish: (e: PbRequestEvent, key: string, version: string) => adminRoute(e, '只有管理员可以发布流程。', (auth) => publishDraft(app(), auth, key, versionNumber(version))),
  /** `GET /api/tongban/admin/workflows/{key}/diff?from=&to=`. */
  diff: (e: PbRequestEvent, key: string) =>
    adminRoute(e, '只有管理员可以比较流程版本。', () => {
      const q = e.request.url.query();
      return { status: 200, body: versionDiff(app(), key, q.get('from'), q.get('to')) };
    }),
  /** `POST /api/tongban/admin/workflows/{key}/versions/{version}/retire`. */
  retire: (e: PbRequestEvent, key: string, version: string) => adminRoute(e, '只有管理员可以停用流程版本。', (auth) => retireVersion(app(), auth, key, versionNumber(version))),
};
