/**
 * Field permissions per workflow step: which parts of the case data a step may write, read, see
 * masked, or not see at all. Enforced on the server (a crafted request cannot change a read field)
 * and mirrored in the form elements.
 *
 * Keys are JSON pointers; a `*` segment matches any array index or key
 * (`/household/members/*\/idNumber`). The most specific matching key wins (more segments, then
 * fewer wildcards); paths no key covers are hidden.
 */
import { listSchemaFields } from './schemaFields.js';
import type { FieldError, FieldPermission, FieldPermissions, FormSchema, MaskKind } from './types.js';

const segmentsOf = (pointer: string) => (pointer === '' ? [] : pointer.split('/').slice(1));

/** How well a permission key matches a pointer: -1 when it does not, else a score (longer and more literal is higher). */
function matchScore(key: string, pointer: string[]): number {
  const k = segmentsOf(key);
  if (k.length > pointer.length) return -1;
  let wildcards = 0;
  for (let i = 0; i < k.length; i++) {
    if (k[i] === '*') wildcards++;
    else if (k[i] !== pointer[i]) return -1;
  }
  return k.length * 100 - wildcards;
}

/** The permission of a JSON pointer: the most specific matching key wins; uncovered paths are hidden. */
export function permissionAt(permissions: FieldPermissions, pointer: string): FieldPermission {
  const segments = segmentsOf(pointer);
  let best: FieldPermission = 'hidden';
  let bestScore = -1;
  for (const key of Object.keys(permissions)) {
    const score = matchScore(key, segments);
    if (score > bestScore) { best = permissions[key]!; bestScore = score; }
  }
  return best;
}

/** The permissions of keys strictly below `pointer` (which may change what applies to its children). */
function deeperRules(permissions: FieldPermissions, pointer: string): FieldPermission[] {
  const segments = segmentsOf(pointer);
  const out: FieldPermission[] = [];
  for (const key of Object.keys(permissions)) {
    const k = segmentsOf(key);
    if (k.length > segments.length && k.slice(0, segments.length).every((s, i) => s === '*' || s === segments[i])) out.push(permissions[key]!);
  }
  return out;
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

/** Whether merging the patch `value` into `before` would leave it as it is. */
function changesNothing(value: unknown, before: unknown): boolean {
  if (value === null) return before === undefined;
  if (isObj(value) && isObj(before)) return Object.keys(value).every((k) => changesNothing(value[k], Object.prototype.hasOwnProperty.call(before, k) ? before[k] : undefined));
  return same(value, before);
}

/**
 * Merges `incoming` into `stored` where writable, as a JSON Merge Patch (RFC 7396): objects are
 * merged field by field (omitted fields keep their stored value), `null` removes a field, arrays
 * and other values are replaced whole. A change to a `read`, `masked` or `hidden` path is refused
 * with its path; sending back what is stored (or a part of it) is accepted. `stored` is not modified.
 */
export function applyPermissions(permissions: FieldPermissions, incoming: Record<string, unknown>, stored: Record<string, unknown>): { ok: true; data: Record<string, unknown> } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const merge = (inc: Record<string, unknown>, sto: Record<string, unknown>, path: string): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...sto };
    for (const key of Object.keys(inc)) {
      const value = inc[key];
      const p = `${path}/${esc(key)}`;
      if (forbiddenKeys.has(key)) { errors.push({ path: p, message: `不允许的字段名“${key}”。`, keyword: 'forbiddenKey' }); continue; }
      const perm = permissionAt(permissions, p);
      const deeper = deeperRules(permissions, p);
      const before = Object.prototype.hasOwnProperty.call(sto, key) ? sto[key] : undefined;
      const writable = perm === 'write' && deeper.every((d) => d === 'write');
      if (isObj(value) && (before === undefined || isObj(before)) && (perm === 'write' || deeper.includes('write'))) {
        out[key] = merge(value, before ?? {}, p);
      } else if (changesNothing(value, before)) {
        continue;
      } else if (writable) {
        if (value === null) delete out[key];
        else out[key] = value;
      } else {
        errors.push({ path: p, message: perm === 'hidden' ? '此步骤不能填写该字段。' : '该字段在此步骤为只读，不能修改。', keyword: 'permission' });
      }
    }
    return out;
  };
  const data = merge(incoming, stored, '');
  return errors.length > 0 ? { ok: false, errors } : { ok: true, data };
}

/**
 * Masks a text by kind (reference: JR/T 0171-2020 信息屏蔽 for cards): 身份证 and bank card 前6后4,
 * mobile `138****1234`, names keep the first and last character (`张*三`, `李*`), addresses keep the
 * first 6 characters, `full` hides everything. Non-text values are returned unchanged.
 */
export function maskValue(value: unknown, kind: MaskKind | string): unknown {
  if (typeof value !== 'string' || value.length === 0) return value;
  switch (kind) {
    case 'id-card':
    case 'bank-card': return value.length > 10 ? `${value.slice(0, 6)}${'*'.repeat(value.length - 10)}${value.slice(-4)}` : '****';
    case 'mobile': return value.length === 11 ? `${value.slice(0, 3)}****${value.slice(-4)}` : '****';
    case 'name': {
      const chars = Array.from(value);
      return chars.length <= 1 ? '*' : chars.length === 2 ? `${chars[0]}*` : `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
    }
    case 'address': {
      const chars = Array.from(value);
      return chars.length > 6 ? `${chars.slice(0, 6).join('')}****` : '****';
    }
    default: return '****';
  }
}

function guessMask(key: string): MaskKind {
  if (/id(Number|Card)$/i.test(key)) return 'id-card';
  if (/phone|mobile/i.test(key)) return 'mobile';
  if (/bank|account/i.test(key)) return 'bank-card';
  if (/name$/i.test(key)) return 'name';
  if (/address$/i.test(key)) return 'address';
  return 'full';
}

/** The `x-mask` kinds a schema declares, keyed by pointer with `*` for array items — the `masks` of {@link redactForView}. */
export function masksFromSchema(schema: FormSchema): Record<string, string> {
  const masks: Record<string, string> = {};
  for (const f of listSchemaFields(schema)) if (typeof f.schema['x-mask'] === 'string') masks[f.pointer] = f.schema['x-mask'];
  return masks;
}

/**
 * The data as a step may see it: hidden parts dropped, masked texts masked by the kind in `masks`
 * (pointer with `*` for array items → kind, see {@link masksFromSchema}), else by the field name
 * (`idNumber`, `phone`, `bankAccount`, `…name`, `address`), else fully. Figures and yes/no values
 * under `masked` stay visible: use `hidden` to withhold them. `shownUnderMask` (pointers with `*`)
 * are left as stored under `masked` — attachment references, see attachmentReferences.ts.
 */
export function redactForView(permissions: FieldPermissions, data: Record<string, unknown>, masks: Record<string, string> = {}, shownUnderMask: readonly string[] = []): Record<string, unknown> {
  const shown = new Set(shownUnderMask);
  const walk = (value: unknown, path: string, key: string): unknown => {
    const perm = permissionAt(permissions, path);
    if (perm === 'hidden' && !deeperRules(permissions, path).some((d) => d !== 'hidden')) return undefined;
    if (isObj(value)) {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(value)) {
        if (forbiddenKeys.has(k)) continue;
        const r = walk(value[k], `${path}/${esc(k)}`, k);
        if (r !== undefined) out[k] = r;
      }
      return out;
    }
    if (Array.isArray(value)) return value.map((v, i) => walk(v, `${path}/${i}`, key)).filter((v) => v !== undefined);
    if (perm === 'masked') {
      const pattern = path.replace(/\/\d+(?=\/|$)/g, '/*');
      return shown.has(pattern) ? value : maskValue(value, masks[pattern] ?? guessMask(key));
    }
    return value;
  };
  return (walk(data, '', '') as Record<string, unknown> | undefined) ?? {};
}
