/**
 * The studio's trial of a draft before publishing: walking it along a path of moves with the real
 * engine (the same walk and report as `tongban simulate`) and previewing a document template on the
 * sample on A4 (docs/api.md, "walk a draft before publishing", "a document template on A4"); and
 * reading and saving the draft those pages work on. The request and answer types are the server's
 * own (engine/api/designerRoutes.ts).
 */
import type { DesignerDraft, DraftTemplates, PreviewTemplateAnswer, SimulateDraftAnswer, SimulateDraftRequest } from '../../../engine/index.js';
import { pb } from './client.js';

const draftPath = (key: string, version: string | number) => `/api/tongban/admin/workflows/${encodeURIComponent(key)}/drafts/${encodeURIComponent(String(version))}`;

/** The draft as saved (404 when the version is no draft). */
export function draftToTry(key: string, version: string | number): Promise<DesignerDraft> {
  return pb.send(draftPath(key, version), {});
}

/** Walks the saved draft along `request.moves`; a refused move ends the walk (`refused`). Nothing is written. */
export function simulateDraft(key: string, version: string | number, request: SimulateDraftRequest): Promise<SimulateDraftAnswer> {
  return pb.send(`${draftPath(key, version)}/simulate`, { method: 'POST', body: request });
}

/** Renders a template (the saved one, or `source`) on the sample as A4 HTML; a template that does not check is a 422 with its problems. */
export function previewTemplate(key: string, version: string | number, template: string, source?: string): Promise<PreviewTemplateAnswer> {
  return pb.send(`${draftPath(key, version)}/preview`, { method: 'POST', body: source === undefined ? { template } : { template, source } });
}

/** Saves the draft's templates; a stale `expectedUpdated` is a 409 `conflict`. */
export function saveDraftTemplates(key: string, version: string | number, templates: DraftTemplates, expectedUpdated: string): Promise<DesignerDraft> {
  return pb.send(draftPath(key, version), { method: 'PUT', body: { templates, expectedUpdated } });
}
