/**
 * A process module: the code a process needs where its data cannot say it — registered guards,
 * effects and assignee resolvers, and how its documents see a case. It lives beside the process's
 * definition (`workflows/<key>/process.ts`, exporting `processModule`), imports only engine types,
 * and is found by the process key: the engine and the server adapter never name a process.
 *
 * Every name a module registers is namespaced by its key (`<key>.monthlyAmount` in the module of
 * `<key>`), so it can neither shadow a built-in nor another process's implementation.
 *
 * To extend the mechanism with a new kind of process code (panels, subject facts …), add an
 * optional member here, read it through `CompiledWorkflow.process` (or the host's registry), and
 * check it in {@link processModuleProblems}.
 */
import type { JsonValue } from '../definition/types.js';
import type { EffectRegistry } from '../registry/effects.js';
import type { GuardRegistry } from '../registry/guards.js';
import type { ResolverRegistry } from '../registry/resolvers.js';

/** Formatting helpers the host lends a document view (the module itself imports no form code). */
export interface DocumentFormat {
  /** A date as a Chinese calendar date in China time, e.g. `2026年3月2日`. */
  date(value: Date): string;
  /** A sensitive value masked by its kind (`name`, `id-card`, `mobile` …), as at every other exit. */
  mask(value: string, kind: string): string;
}

/** What a process's document view sees when a document of one of its cases is rendered. */
export interface DocumentContext {
  /** The template key being rendered, `<process key>/<name>`. */
  template: string;
  /** The document kind (`notice`, `decision` …) from the `renderDocument` effect. */
  kind: string;
  /** The case's form data after the command (unmasked; the view decides what it shows). */
  data: Record<string, JsonValue>;
  /** The definition's parameters. */
  parameters: Record<string, JsonValue>;
  /** The comment of the command that rendered the document, if any. */
  comment?: string;
  /** The time of the command. */
  now: Date;
  /**
   * The view every document gets from the host: `caseNo`, `submittedAt`, `decidedAt`,
   * `authority`, `reviewAuthority`, `county`, `township`, `limitWorkingDays`, `limitText`, `dueDate`.
   */
  base: Readonly<Record<string, unknown>>;
  format: DocumentFormat;
}

/** A process's document view: the template variables it adds to (or overrides in) the base view. */
export type DocumentView = (context: DocumentContext) => Record<string, unknown>;

/** What a process's 公示 list row sees of a case waiting in one of its timer steps. */
export interface PublicNoticeContext {
  /** The case's form data (unmasked; the row decides what it shows). */
  data: Record<string, JsonValue>;
  /** The definition's parameters. */
  parameters: Record<string, JsonValue>;
  format: DocumentFormat;
}

/**
 * A case's row on the printable 公示 list of its village: the name as the 公示 shows it, the
 * household size and the amount — never an ID number or contact detail (the host copies only these).
 */
export interface PublicNoticeRow {
  name: string;
  householdSize?: number;
  amount?: number | string;
}

/** A process's 公示 row: how one of its cases reads on the village's printed list while its 公示 runs. */
export type PublicNoticeRowView = (context: PublicNoticeContext) => PublicNoticeRow;

/**
 * The programme a current recipient of this process holds in the subject register: what an import
 * of recipients from a bureau's spreadsheet writes for a row naming the programme.
 */
export interface RegisterProgramme {
  /** The programme's name as a bureau's sheet writes it. */
  label: string;
  /** The fact group the process's cases keep (`<fact>.status`, `<fact>.since`). */
  fact: string;
  /** What `<fact>.status` holds for a current recipient, as the process's own effects set it. */
  status: string;
}

/** The code of one process; every member is optional. */
export interface ProcessModule {
  /** The process key, equal to the definition's `key` and the folder name under `workflows/`. */
  key: string;
  /** Guards a definition of this process may name in conditions (`{ "guard": "<key>.…" }`). */
  guards?: GuardRegistry;
  /** Effects a definition of this process may name (`{ "effect": "<key>.…" }`). */
  effects?: EffectRegistry;
  /** Assignee resolvers a definition of this process may name (`assignee.resolver`). */
  resolvers?: ResolverRegistry;
  /** The template variables of this process's documents, beside the host's base view. */
  documentView?: DocumentView;
  /** The row of a case on its village's printable 公示 list (the waits of its timer steps); without it, its cases are not listed. */
  publicNoticeRow?: PublicNoticeRowView;
  /** The programme its recipients hold in the subject register (recipients imported from a sheet); without it, a sheet cannot name it. */
  registerProgramme?: RegisterProgramme;
}
