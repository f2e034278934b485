/**
 * Field permissions per workflow step: which parts of the case data a step may write, read, see
 * masked, or not see at all. Enforced on the server (a crafted request cannot change a read field)
 * and mirrored in the form elements.
 */
import type { FieldError, FieldPermission, FieldPermissions } from './types.js';

/** The permission of a JSON pointer: the longest matching prefix wins; uncovered paths are hidden. */
export function permissionAt(permissions: FieldPermissions, pointer: string): FieldPermission {
  let best: FieldPermission = 'hidden';
  let bestLength = -1;
  for (const [prefix, permission] of Object.entries(permissions)) {
    const matches = pointer === prefix || pointer.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`) || prefix === '';
    if (matches && prefix.length > bestLength) { best = permission; bestLength = prefix.length; }
  }
  return best;
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

/** Merges `incoming` into `stored` where writable; any change to a non-writable path is refused with its path. */
export function applyPermissions(permissions: FieldPermissions, incoming: Record<string, unknown>, stored: Record<string, unknown>): { ok: true; data: Record<string, unknown> } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const merge = (inc: Record<string, unknown>, sto: Record<string, unknown>, path: string): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...sto };
    for (const [key, value] of Object.entries(inc)) {
      const p = `${path}/${esc(key)}`;
      const perm = permissionAt(permissions, p);
      if (perm === 'write') { out[key] = value; continue; }
      if (isObj(value) && isObj(sto[key]) && Object.keys(permissions).some((k) => k.startsWith(`${p}/`))) {
        out[key] = merge(value, sto[key] as Record<string, unknown>, p);
        continue;
      }
      if (isObj(value) && sto[key] === undefined && Object.keys(permissions).some((k) => k.startsWith(`${p}/`))) {
        out[key] = merge(value, {}, p);
        continue;
      }
      if (!same(value, sto[key])) errors.push({ path: p, message: perm === 'hidden' ? '此步骤不能填写该字段。' : '该字段在此步骤为只读，不能修改。', keyword: 'permission' });
    }
    return out;
  };
  const data = merge(incoming, stored, '');
  return errors.length > 0 ? { ok: false, errors } : { ok: true, data };
}

/** Masks a value by kind: 身份证 前6后4, phone 前3后4, bank card 前6后4, names keep the first and last character. */
export function maskValue(value: unknown, kind: string): unknown {
  if (typeof value !== 'string' || value.length === 0) return value;
  switch (kind) {
    case 'id-card': return value.length > 10 ? `${value.slice(0, 6)}${'*'.repeat(value.length - 10)}${value.slice(-4)}` : '****';
    case 'mobile': return value.length === 11 ? `${value.slice(0, 3)}****${value.slice(-4)}` : '****';
    case 'bank-card': return value.length > 10 ? `${value.slice(0, 6)}${'*'.repeat(value.length - 10)}${value.slice(-4)}` : '****';
    case 'name': return value.length <= 1 ? '*' : value.length === 2 ? `${value[0]}*` : `${value[0]}${'*'.repeat(value.length - 2)}${value[value.length - 1]}`;
    default: return '****';
  }
}

function guessMask(key: string, value: unknown): string {
  if (typeof value !== 'string') return 'other';
  if (/id(Number|Card)$/i.test(key)) return 'id-card';
  if (/phone|mobile/i.test(key)) return 'mobile';
  if (/bank|account/i.test(key)) return 'bank-card';
  if (/name$/i.test(key)) return 'name';
  return 'other';
}

/** The data as a step may see it: hidden parts dropped, masked strings masked (by `x-mask` kinds or field names). */
export function redactForView(permissions: FieldPermissions, data: Record<string, unknown>, masks: Record<string, string> = {}): Record<string, unknown> {
  const walk = (value: unknown, path: string, key: string): unknown => {
    const perm = permissionAt(permissions, path);
    const deeper = Object.keys(permissions).some((k) => k.startsWith(`${path}/`));
    if (perm === 'hidden' && !deeper) return undefined;
    if (isObj(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const r = walk(v, `${path}/${esc(k)}`, k);
        if (r !== undefined) out[k] = r;
      }
      return out;
    }
    if (Array.isArray(value)) return value.map((v, i) => walk(v, `${path}/${i}`, key));
    if (perm === 'masked') return maskValue(value, masks[path.replace(/\/\d+(?=\/|$)/g, '/*')] ?? guessMask(key, value));
    return value;
  };
  return (walk(data, '', '') as Record<string, unknown>) ?? {};
}
