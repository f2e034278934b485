/**
 * Named guards: conditions too rich for the data-only condition language, implemented in code and
 * referred to by name from a definition (`{ "guard": "<process key>.<name>" }`) and registered by
 * the process's module (see `process/processModule.ts`).
 */
import type { JsonValue } from '../definition/types.js';

/** What a guard sees. */
export interface GuardInput {
  data: Record<string, JsonValue>;
  parameters: Record<string, JsonValue>;
  args: Record<string, JsonValue>;
}

/** A named guard. */
export type Guard = (input: GuardInput) => boolean;

/** Every guard a definition may name. */
export type GuardRegistry = Record<string, Guard>;

/** The built-in guards (none yet: guards are process code, registered by process modules as `<key>.…`). */
export const builtInGuards: GuardRegistry = {};
