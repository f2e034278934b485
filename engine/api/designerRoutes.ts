/**
 * Wire types of the studio's designer routes (docs/api.md, "The designer: drafts, checks,
 * simulation and publishing"): an administrator lists the processes and their versions, opens a
 * draft of a new version copied from a published one, edits its definition, form, UI schema and
 * templates, has every edit checked with the checks of `tongban check`, simulates it, previews its
 * documents on A4, and publishes it as a new immutable version (running cases stay on theirs),
 * recorded in the audit log with its diff against the version it was drawn from. The server
 * (server/adapter) and the web app (web/src/pages/studio) both use these types.
 */
import type { JsonValue, OverallLimit } from '../definition/types.js';
import type { SimulationEntry } from '../simulate/simulateCase.js';

/** A JSON object as the designer edits it (a definition, a form schema, a UI schema, a sample). */
export type JsonObject = { [key: string]: JsonValue };

/** Where a version stands: a draft may change; a published version never does; a retired one starts no case. */
export type VersionStatus = 'draft' | 'published' | 'retired';

/** One problem the checks found, at a JSON pointer into the draft: `/definition/…`, `/formSchema/…`, `/uiSchema/…`, `/sample/…`, `/templates/documents/<name>`. */
export interface DesignerProblem {
  path: string;
  message: string;
}

/** One version record of a process (national, or a division's overlay over one). */
export interface ProcessVersionSummary {
  id: string;
  version: number;
  status: VersionStatus;
  /** `""` national, else the division code of an overlay. */
  division: string;
  /** 0 for a national version. */
  overlayVersion: number;
  /** Cases still running on this version. */
  runningCases: number;
  /** The version a designer's version was drawn from (0 for a version not made in the designer). */
  basedOn?: number;
  created: string;
  updated: string;
}

/** A process in the studio's list: its key, name and every version, newest first. */
export interface ProcessSummary {
  key: string;
  name: string;
  versions: ProcessVersionSummary[];
}

/** `GET /api/tongban/admin/processes`. */
export interface ProcessListAnswer {
  processes: ProcessSummary[];
}

/**
 * The document templates of a version: the process's own documents by name (`accepted` for
 * `templates/<key>/accepted.hbs`) and the shared partials (the A4 layout and its CSS), as stored
 * with the version.
 */
export interface DraftTemplates {
  documents: Record<string, string>;
  shared: Record<string, string>;
}

/**
 * A draft version as the designer edits it (`GET`/`PUT /api/tongban/admin/workflows/{key}/drafts/{version}`;
 * `POST /api/tongban/admin/workflows/{key}/drafts` opens one). `problems` are the checks' findings
 * on what is saved; a draft with problems may be saved but not published.
 */
export interface DesignerDraft {
  id: string;
  key: string;
  version: number;
  /** The published version the draft was copied from. */
  basedOn: number;
  name: string;
  definition: JsonObject;
  formSchema: JsonObject | null;
  uiSchema: JsonObject | null;
  templates: DraftTemplates;
  /** The process's sample application (the form's data), for the preview, the simulation and the documents. */
  sample: JsonObject | null;
  problems: DesignerProblem[];
  /** When it was last saved; send it back as `expectedUpdated` so two administrators never overwrite each other. */
  updated: string;
}

/** `POST /api/tongban/admin/workflows/{key}/drafts`: open a draft copied from a published version (the newest when `from` is absent). An open draft of the process is answered instead of a second one. */
export interface OpenDraftRequest {
  from?: number;
}

/** `PUT /api/tongban/admin/workflows/{key}/drafts/{version}`: what changed; omitted parts stay. A stale `expectedUpdated` is a 409 `conflict`. */
export interface DraftEdit {
  definition?: JsonObject;
  formSchema?: JsonObject | null;
  uiSchema?: JsonObject | null;
  templates?: DraftTemplates;
  sample?: JsonObject | null;
  expectedUpdated?: string;
}

/** `POST /api/tongban/admin/workflows/{key}/check`: check unsaved content as `tongban check` would (nothing is written). */
export interface DesignerCheckRequest {
  definition: JsonValue;
  formSchema?: JsonValue;
  uiSchema?: JsonValue;
  templates?: DraftTemplates;
  /** The sample application, checked against the form (problems under `/sample`) as `tongban check` checks form.sample.json. */
  sample?: JsonValue;
  /** The draft's version number: the definition's `version` must then be it. */
  version?: number;
}

/** The answer of a check: no problems means it may be published. */
export interface DesignerCheckAnswer {
  problems: DesignerProblem[];
}

/**
 * `POST /api/tongban/admin/workflows/{key}/drafts/{version}/simulate`: walk the saved draft along a
 * path of moves (the words of `tongban simulate`: `village:accept`, `timer`, …) with the real engine
 * on a simulated clock, from `start` (a date, default today) with the draft's sample or the one sent.
 */
export interface SimulateDraftRequest {
  moves: string[];
  start?: string;
  sample?: JsonObject;
}

/** A document a simulated state rendered, as HTML. */
export interface SimulatedDocumentView {
  template: string;
  title: string;
  html: string;
}

/** One state of the simulation, as the studio shows it. */
export interface SimulatedStateView {
  entry: SimulationEntry;
  /** Who would get each open task there: the level's unit and its officers' names in the demo org tree where known. */
  assignees: { task: string; level: string; unit: string; officers: string[] }[];
  /** The documents this state rendered. */
  documents: SimulatedDocumentView[];
}

/** The answer of a simulation: every state, and the refusal that ended it early if one did. */
export interface SimulateDraftAnswer {
  states: SimulatedStateView[];
  /** The text report `tongban simulate` prints for the same walk. */
  report: string[];
  refused?: { move: number; message: string };
}

/** `POST /api/tongban/admin/workflows/{key}/drafts/{version}/preview`: render one template (the saved one, or `source`) on the sample, as print-ready A4 HTML. */
export interface PreviewTemplateRequest {
  template: string;
  source?: string;
  sample?: JsonObject;
}

/** The rendered document, or the template's problems (422) when it does not check. */
export interface PreviewTemplateAnswer {
  html: string;
}

/** One difference between two versions, at a JSON pointer under `/definition`, `/formSchema`, `/uiSchema` or `/templates`. */
export interface VersionChange {
  kind: 'added' | 'removed' | 'changed';
  path: string;
  before?: JsonValue;
  after?: JsonValue;
}

/** `POST /api/tongban/admin/workflows/{key}/drafts/{version}/publish`: the published version and its diff against the version it was drawn from (also in the audit log). A draft that does not check is a 409 `invalid_definition` with the problems. */
export interface PublishAnswer {
  key: string;
  version: number;
  basedOn: number;
  changes: VersionChange[];
}

/** `GET /api/tongban/admin/workflows/{key}/diff?from=<version>&to=<version>`. */
export interface VersionDiffAnswer {
  key: string;
  from: number;
  to: number;
  changes: VersionChange[];
}

/** One version record of `GET /api/tongban/admin/workflows/{key}/versions`: a national version or a division's overlay over one, with the rules a new case there starts on. */
export interface VersionEntry {
  id: string;
  version: number;
  status: string;
  /** '' for a national version; else the division the overlay applies to. */
  division: string;
  /** The division's name in the org tree ('' when it is not a unit of the tree, e.g. a province). */
  divisionName: string;
  /** The overlay's own version (0 for a national version). */
  overlayVersion: number;
  /** The national version record an overlay was merged over. */
  base: string;
  /** The overlay document as published (null for a national version). */
  overlay: JsonValue | null;
  parameters: Record<string, JsonValue>;
  limit: OverallLimit | null;
  created: string;
}

/** `GET /api/tongban/admin/workflows/{key}/versions`: every version record of a process, newest first. */
export interface VersionsAnswer {
  key: string;
  versions: VersionEntry[];
}
