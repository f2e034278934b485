/**
 * Named guards: conditions too rich for the data-only condition language, implemented in code and
 * referred to by name from a definition (`{ "guard": "dibao.incomeBelowStandard" }`).
 */
import type { JsonValue } from '../definition/types.js';
import { householdFigures } from './dibaoAmount.js';

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

/** The built-in guards. */
export const builtInGuards: GuardRegistry = {
  /** 家庭人均月收入低于低保标准. */
  'dibao.incomeBelowStandard': ({ data, parameters }) => {
    const f = householdFigures(data, Number(parameters.standard));
    return f.perCapitaIncome < Number(parameters.standard);
  },
};
