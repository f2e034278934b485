/**
 * The wire contract of the case routes (`/api/tongban/cases…`): what a client sends and what the
 * server answers. The server's route code and the web app's API layer both use these types (see
 * docs/api.md for the routes and runnable examples).
 *
 * @packageDocumentation
 */
import type { JsonValue } from '../definition/types.js';
import type { CaseNamesView, Command, ExpectedStepView, CaseSummaryView, ChildCaseView, FieldPermissionView, ParentCaseView } from '../model/index.js';
import type { ActionOffer } from '../runtime/availableActions.js';
import type { VerbOffer } from '../runtime/taskVerbs.js';

/** `POST /api/tongban/cases`: open a case of the newest published version of `workflow`. */
export interface OpenCaseRequest {
  workflow: string;
  data?: Record<string, JsonValue>;
  /** Chosen by the client (a UUID): a repeated id answers the first answer, never a second case. */
  commandId: string;
  /** 代办 for a resident with an account: their user id. */
  applicant?: string;
  /** 代办 for a resident without an account. */
  proxy?: boolean;
  /** An officer's case about an existing subject. */
  subject?: string;
  /** The case this one follows up (复核, 终止 …); its subject is the new case's. */
  follows?: string;
}

/**
 * `POST /api/tongban/cases/{id}/commands`: act on a case — the client's part of the engine's
 * {@link Command} (`data` is a JSON Merge Patch of the sections the action writes; `version` the case
 * version the client saw, a stale one refused with 409), plus what the host resolves before deciding.
 */
export type CommandRequest = Pick<Command, 'action' | 'data' | 'comment' | 'version' | 'commandId' | 'returnTo' | 'ballot'> & {
  /** Task verbs: the users named (user ids) and a signer's position. */
  to?: string[];
  position?: string;
  /** 委托: the delegator the signed-in delegate acts for. */
  onBehalfOf?: string;
};

/** The answer of opening a case or of an accepted command. */
export interface CommandAnswer {
  case: CaseSummaryView;
  /** The event recorded: its place in the case's hash chain. */
  event: { seq: number; hash: string };
  /** What the asker may do next. */
  actions: ActionOffer[];
  verbs?: VerbOffer[];
}

/** `GET /api/tongban/cases/{id}`: the case with the data the asker may see on this step and what they may do. */
export interface CaseViewAnswer {
  /** The summary, with the case's child cases and the case that started it (if any). */
  case: CaseSummaryView & { children: ChildCaseView[]; parentCase: ParentCaseView | null };
  /** The case data: hidden parts dropped, sensitive fields masked (the applicant sees their own whole). */
  data: Record<string, unknown>;
  actions: ActionOffer[];
  verbs: VerbOffer[];
  permissions: FieldPermissionView;
  /** Fields (`*` for rows) this step lets the asker reveal in full, with a reason. */
  reveal: string[];
  /** The words of the definition's steps and actions, for the case's history (the events record keys). */
  names: CaseNamesView;
  /** The steps still ahead on the case's expected path with their expected dates (none once the case has ended). */
  expected: ExpectedStepView[];
}

/** Every refusal: an HTTP status, a stable code, a Chinese message and, for bad input, the paths at fault. */
export interface ApiErrorBody {
  status: number;
  code: string;
  message: string;
  errors?: { path: string; message: string }[];
}
