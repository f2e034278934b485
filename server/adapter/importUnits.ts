/**
 * Finding an org unit named in a spreadsheet cell, as older systems export them: by its code
 * (GB/T 2260 division code, or a department's 统一社会信用代码) or by its name. A name that two
 * units of the level share is refused as ambiguous. Shared by the register imports.
 */
import type { PbApp, PbRecord } from './pocketbase.js';

/** What a cell names: the unit, or why none (Chinese). */
export type UnitLookup = { ok: true; unit: PbRecord } | { ok: false; message: string };

/** The unit of `levels` whose code or name is `text`. */
export function unitByCodeOrName(app: PbApp, text: string, levels: readonly string[], what: string): UnitLookup {
  const levelFilter = levels.map((_, i) => `level = {:l${i}}`).join(' || ');
  const params: Record<string, unknown> = Object.fromEntries(levels.map((l, i) => [`l${i}`, l]));
  const byCode = app.findRecordsByFilter('org_units', `code = {:text} && (${levelFilter})`, '', 1, 0, { ...params, text })[0];
  if (byCode) return { ok: true, unit: byCode };
  const byName = app.findRecordsByFilter('org_units', `name = {:text} && (${levelFilter})`, '', 2, 0, { ...params, text });
  if (byName.length === 1) return { ok: true, unit: byName[0]! };
  if (byName.length > 1) return { ok: false, message: `有多个名为“${text}”的${what}，请填写代码。` };
  return { ok: false, message: `没有代码或名称为“${text}”的${what}。` };
}

/** A date cell as `YYYY-MM-DD` (also 2024/3/1, 2024.3.1, 2024年3月1日), or undefined when it is no real date. */
export function sheetDate(text: string): string | undefined {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || y < 1880) return undefined;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
