/**
 * Masks never become data. A viewer who is shown masked values (`320621********0023`, `****`) and
 * sends a form back unchanged sends those masks; these functions turn them back into the stored
 * values they stand for, refuse a mask anywhere else in a sensitive field, and mask every sensitive
 * field (`x-mask`) by field whatever the section's permission.
 */
import { maskValue, permissionAt } from './permissions.js';
import type { FieldError, FieldPermissions } from './types.js';

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const own = (o: Record<string, unknown>, k: string): unknown => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);
const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
/** A concrete pointer as a `masks` key: array indexes become `*`. */
const patternOf = (pointer: string) => pointer.replace(/\/\d+(?=\/|$)/g, '/*');

/**
 * The permissions with every sensitive field (a pointer of `masks`, `*` for array items) set to
 * `masked`, unless the field is hidden there anyway. Sections keep their permission for the other
 * fields: a `read` or `write` section no longer shows a sensitive field in full.
 */
export function maskSensitiveFields(permissions: FieldPermissions, masks: Record<string, string>): FieldPermissions {
  const out: FieldPermissions = { ...permissions };
  for (const pointer of Object.keys(masks)) if (permissionAt(permissions, pointer) !== 'hidden') out[pointer] = 'masked';
  return out;
}

/**
 * `incoming` with every value that equals what the viewer was shown (`shown`, from
 * `redactForView`) in place of a different stored value replaced by the stored value: a form sent
 * back as it was shown changes nothing. Arrays are matched item by item; `incoming` is not modified.
 */
export function restoreMaskedValues(incoming: Record<string, unknown>, stored: Record<string, unknown>, shown: Record<string, unknown>): Record<string, unknown> {
  const walk = (inc: unknown, sto: unknown, sho: unknown): unknown => {
    if (isObj(inc)) {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(inc)) out[k] = walk(inc[k], isObj(sto) ? own(sto, k) : undefined, isObj(sho) ? own(sho, k) : undefined);
      return out;
    }
    if (Array.isArray(inc)) return inc.map((v, i) => walk(v, Array.isArray(sto) ? sto[i] : undefined, Array.isArray(sho) ? sho[i] : undefined));
    if (typeof inc === 'string' && sto !== undefined && sho === inc && sho !== sto) return sto;
    return inc;
  };
  return walk(incoming, stored, shown) as Record<string, unknown>;
}

/**
 * Errors for sensitive fields (pointers of `masks`) whose incoming text contains a mask character
 * (`*`) and differs from the stored value: a mask is never accepted as a value. Run it on data
 * restored by {@link restoreMaskedValues}, so that a mask sent back unchanged is not an error.
 */
export function maskedValueErrors(incoming: Record<string, unknown>, stored: Record<string, unknown>, masks: Record<string, string>): FieldError[] {
  const errors: FieldError[] = [];
  const walk = (inc: unknown, sto: unknown, path: string): void => {
    if (isObj(inc)) {
      for (const k of Object.keys(inc)) walk(inc[k], isObj(sto) ? own(sto, k) : undefined, `${path}/${esc(k)}`);
    } else if (Array.isArray(inc)) {
      inc.forEach((v, i) => walk(v, Array.isArray(sto) ? sto[i] : undefined, `${path}/${i}`));
    } else if (typeof inc === 'string' && inc !== sto && inc.includes('*') && Object.prototype.hasOwnProperty.call(masks, patternOf(path))) {
      errors.push({ path, message: '该字段是屏蔽显示的值（含“*”），不能作为内容提交；请填写完整内容或不修改此字段。', keyword: 'maskedValue' });
    }
  };
  walk(incoming, stored, '');
  return errors;
}

/**
 * Every sensitive text in `data` (at a pointer of `masks`) with its mask, longest first — for
 * masking copies of the data outside the form, such as rendered documents.
 */
export function sensitiveTexts(data: Record<string, unknown>, masks: Record<string, string>): { value: string; masked: string }[] {
  const found = new Map<string, string>();
  const walk = (v: unknown, path: string): void => {
    if (isObj(v)) for (const k of Object.keys(v)) walk(v[k], `${path}/${esc(k)}`);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}/${i}`));
    else if (typeof v === 'string' && v !== '') {
      const kind = Object.prototype.hasOwnProperty.call(masks, patternOf(path)) ? masks[patternOf(path)] : undefined;
      if (kind !== undefined && !found.has(v)) found.set(v, String(maskValue(v, kind)));
    }
  };
  walk(data, '');
  return [...found].map(([value, masked]) => ({ value, masked })).sort((a, b) => b.value.length - a.value.length);
}
