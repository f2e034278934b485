/**
 * The case data a schedule's run opens a case with: its opening data by JSON pointer
 * (engine `scheduleOpeningData`) as nested form data, as the server writes it.
 */
import type { JsonValue } from '../../engine/index.js';

/** Opening data by JSON pointer as the nested case data. */
export function nestedData(byPointer: Record<string, JsonValue>): Record<string, JsonValue> {
  const data: Record<string, JsonValue> = {};
  for (const [pointer, value] of Object.entries(byPointer)) {
    const keys = pointer.slice(1).split('/');
    let at = data;
    for (const key of keys.slice(0, -1)) at = (at[key] ??= {}) as Record<string, JsonValue>;
    at[keys[keys.length - 1]!] = value;
  }
  return data;
}
