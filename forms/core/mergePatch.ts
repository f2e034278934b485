/**
 * The JSON Merge Patch (RFC 7386) from one version of form data to another: only what changed —
 * changed fields of objects, `null` for removed fields, changed arrays and values whole. What a page
 * sends for a command, so that values it did not touch (masked ones included) are not sent back.
 */

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The merge patch that turns `before` into `after` (`{}` when nothing changed). */
export function mergePatchBetween(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    const a = after[key];
    const b = Object.prototype.hasOwnProperty.call(before, key) ? before[key] : undefined;
    if (same(a, b) || a === undefined) continue;
    patch[key] = isObj(a) && isObj(b) ? mergePatchBetween(b, a) : a;
  }
  for (const key of Object.keys(before)) if (!Object.prototype.hasOwnProperty.call(after, key) || after[key] === undefined) patch[key] = null;
  return patch;
}
