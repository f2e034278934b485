/**
 * The studio designer's routes (server/pb_hooks/tongban_designer.pb.js), for administrators and
 * superusers; the wire types are engine/api/designerRoutes.ts and docs/api.md describes each.
 * Other routes under `…/drafts/{version}/` (simulation, template preview) live in their own files.
 */
import { adminRoute, readAdminBody } from './adminRoute.js';
import { checkContent } from './contentCheckRoute.js';
import { discardDraft, getDraft, openDraft, saveDraft } from './designerDrafts.js';
import { versionNumber } from './designerRecords.js';
import { publishDraft } from './draftPublishing.js';
import { app, type PbRequestEvent } from './pocketbase.js';
import { processList } from './processList.js';
import { versionDiff } from './versionDiff.js';
import { retireVersion } from './versionRetirement.js';

/** Route handlers of the designer, by route. */
export const designerRoutes = {
  /** `GET …/admin/processes`. */
  processes: (e: PbRequestEvent) => adminRoute(e, '只有管理员可以查看流程列表。', () => ({ status: 200, body: processList(app()) })),
  /** `POST …/admin/workflows/{key}/drafts`. */
  openDraft: (e: PbRequestEvent, key: string) => adminRoute(e, '只有管理员可以设计流程。', (auth) => openDraft(app(), auth, key, readAdminBody(e))),
  /** `GET …/admin/workflows/{key}/drafts/{version}`. */
  getDraft: (e: PbRequestEvent, key: string, version: string) => adminRoute(e, '只有管理员可以设计流程。', () => getDraft(app(), key, versionNumber(version))),
  /** `PUT …/admin/workflows/{key}/drafts/{version}`. */
  saveDraft: (e: PbRequestEvent, key: string, version: string) => adminRoute(e, '只有管理员可以设计流程。', (auth) => saveDraft(app(), auth, key, versionNumber(version), readAdminBody(e))),
  /** `DELETE …/admin/workflows/{key}/drafts/{version}`. */
  discardDraft: (e: PbRequestEvent, key: string, version: string) => adminRoute(e, '只有管理员可以设计流程。', (auth) => discardDraft(app(), auth, key, versionNumber(version))),
  /** The live check (`POST …/{key}/check`). */
  check: (e: PbRequestEvent, key: string) =>
    adminRoute(e, '只有管理员可以检查流程。', () => {
      const { answer, timing } = checkContent(app(), key, () => readAdminBody(e));
      // How long the check took on the server, per part, for the studio's live checking.
      e.response.header().set('Server-Timing', timing);
      return answer;
    }),
  /** `POST …/admin/workflows/{key}/drafts/{version}/publish`. */
  publish: (e: PbRequestEvent, key: string, version: string) => adminRoute(e, '只有管理员可以发布流程。', (auth) => publishDraft(app(), auth, key, versionNumber(version))),
  /** `GET …/admin/workflows/{key}/diff?from=&to=`. */
  diff: (e: PbRequestEvent, key: string) =>
    adminRoute(e, '只有管理员可以比较流程版本。', () => {
      const q = e.request.url.query();
      return { status: 200, body: versionDiff(app(), key, q.get('from'), q.get('to')) };
    }),
  /** `POST …/admin/workflows/{key}/versions/{version}/retire`. */
  retire: (e: PbRequestEvent, key: string, version: string) => adminRoute(e, '只有管理员可以停用流程版本。', (auth) => retireVersion(app(), auth, key, versionNumber(version))),
};
