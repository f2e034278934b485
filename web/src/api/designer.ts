/**
 * The studio's process designer: the processes and their versions, a process's overlays per
 * division, drafts (open, read, save), the live check, publishing and a version's diff
 * (docs/api.md, "The designer: drafts, checks, simulation and publishing"). The request and answer
 * types are the server's own (engine/api/designerRoutes.ts).
 */
import type { DesignerCheckAnswer, DesignerCheckRequest, DesignerDraft, DraftEdit, ProcessListAnswer, PublishAnswer, VersionDiffAnswer, VersionsAnswer } from '../../../engine/index.js';
import { pb } from './client.js';

const workflowPath = (key: string) => `/api/tongban/admin/workflows/${encodeURIComponent(key)}`;

/** Every process with its versions, newest first. */
export function listProcesses(): Promise<ProcessListAnswer> {
  return pb.send('/api/tongban/admin/processes', {});
}


/** Every version record of a process, overlays (with their divisions' names) included. */
export function processVersions(key: string): Promise<VersionsAnswer> {
  return pb.send(`${workflowPath(key)}/versions`, {});
}

/** Opens a draft copied from a published version (the newest when `from` is absent); an open draft is answered instead of a second one. */
export function openDraft(key: string, from?: number): Promise<DesignerDraft> {
  return pb.send(`${workflowPath(key)}/drafts`, { method: 'POST', body: from === undefined ? {} : { from } });
}

/** A draft as saved. */
export function readDraft(key: string, version: number): Promise<DesignerDraft> {
  return pb.send(`${workflowPath(key)}/drafts/${version}`, {});
}

/** Saves what changed; a stale `expectedUpdated` is a 409 `conflict`. */
export function saveDraft(key: string, version: number, edit: DraftEdit): Promise<DesignerDraft> {
  return pb.send(`${workflowPath(key)}/drafts/${version}`, { method: 'PUT', body: edit });
}

/** Checks unsaved content as `tongban check` would; nothing is written. */
export function checkDefinition(key: string, request: DesignerCheckRequest): Promise<DesignerCheckAnswer> {
  return pb.send(`${workflowPath(key)}/check`, { method: 'POST', body: request });
}

/** Publishes the saved draft as a new immutable version; a draft that does not check is a 409 with its problems. */
export function publishDraft(key: string, version: number): Promise<PublishAnswer> {
  return pb.send(`${workflowPath(key)}/drafts/${version}/publish`, { method: 'POST', body: {} });
}

/** The differences between two versions of a process. */
export function versionDiff(key: string, from: number, to: number): Promise<VersionDiffAnswer> {
  return pb.send(`${workflowPath(key)}/diff?from=${from}&to=${to}`, {});
}
