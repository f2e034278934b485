/**
 * Publishing local rules (overlays, engine/definition/overlay.ts) through the record API: a
 * `workflow_definitions` record sent with `overlay` (the overlay document) is materialised before
 * it is saved — merged over its base (the `base` record named, or the newest published national
 * version of the overlay's process), checked with the base's form, process module and the org
 * tree (the division must be one of its units, or a city or province holding one), and given the
 * base's version, form, templates and validator — so a case points at one immutable version record
 * and everything downstream (the workflow cache, replay, verify) reads it like any version.
 * A refused overlay answers 409 `invalid_definition` with paths under `/overlay`, and nothing is written.
 *
 * A new national version carries the overlays with it: publishing it merges each division's
 * newest overlay over it and saves those records with it, or — when an overlay no longer fits the
 * new version (it names a step the version removed, its deadlines exceed the limit …) — refuses
 * the version with the overlay's problems under `/overlays/<division>`: a local rule is never
 * silently dropped, and never silently applied to a version it was not checked against.
 */
import { checkOverlay, divisionKind, mergeOverlay, type DefinitionOverlay, type WorkflowDefinition } from '../../engine/index.js';
import { HttpError } from './httpError.js';
import { app, newRecord, readJson, type PbRecord } from './pocketbase.js';
import { processModuleFor } from './processModules.js';
import { formSummary, publishedCatalogue } from './publishing.js';

/** The fields a materialised record takes from its base record. */
const copiedFromBase = ['form_schema', 'ui_schema', 'templates', 'validator_module', 'sha256', 'name'];

/** Whether the org tree holds the division: a unit with the code, or for a city or province a county inside it. */
export function divisionInOrgTree(code: string): boolean {
  const kind = divisionKind(code);
  if (!kind) return false;
  try {
    if (kind === 'province' || kind === 'city') app().findFirstRecordByFilter('org_units', 'level = "county" && code ~ {:prefix}', { prefix: `${code.slice(0, kind === 'province' ? 2 : 4)}%` });
    else app().findFirstRecordByFilter('org_units', 'code = {:code} && level = {:level}', { code, level: kind });
    return true;
  } catch {
    return false;
  }
}

/** The newest published national version record of a key, or undefined. */
function newestNational(key: string): PbRecord | undefined {
  return app().findRecordsByFilter('workflow_definitions', 'key = {:key} && status = "published" && division = ""', '-version', 1, 0, { key })[0];
}

/** The overlay's problems with its base, under `prefix` (`/overlay`, or `/overlays/<division>`). */
function problemsOver(overlay: unknown, base: PbRecord, prefix: string): { path: string; message: string }[] {
  const definition = readJson<WorkflowDefinition>(base, 'definition');
  return checkOverlay(overlay, definition, { form: formSummary(base), process: processModuleFor(definition.key), catalogue: publishedCatalogue(), divisionKnown: divisionInOrgTree }).map((p) => ({ path: `${prefix}${p.path === '/' ? '' : p.path}`, message: p.message }));
}

/** Fills a record with the overlay merged over its base record. */
function materialise(record: PbRecord, overlay: DefinitionOverlay, base: PbRecord): void {
  const definition = mergeOverlay(readJson<WorkflowDefinition>(base, 'definition'), overlay);
  record.set('key', definition.key);
  record.set('version', definition.version);
  record.set('division', overlay.division);
  record.set('overlay_version', overlay.version);
  record.set('base', base.id);
  record.set('definition', definition);
  for (const field of copiedFromBase) record.set(field, field === 'name' || field === 'sha256' || field === 'validator_module' ? base.getString(field) : readJson<unknown>(base, field));
}

/**
 * For a record sent with an `overlay`, being published: materialises it over its base (mutating
 * the record before it is saved), or answers why not. Null for any other record.
 */
export function overlayRefusal(record: PbRecord): HttpError | null {
  let overlay: unknown;
  try {
    overlay = readJson<unknown>(record, 'overlay');
  } catch {
    return new HttpError(409, 'invalid_definition', '叠加规则不是有效的 JSON，不能发布。');
  }
  if (overlay === null || overlay === undefined) {
    return record.getString('division') ? new HttpError(409, 'invalid_definition', '按行政区划发布的版本须带有叠加规则 (overlay)。', [{ path: '/overlay', message: '缺少叠加规则。' }]) : null;
  }
  if (record.getString('status') !== 'published') return null;
  const baseKey = typeof (overlay as { base?: unknown }).base === 'string' ? (overlay as { base: string }).base : record.getString('key');
  let base: PbRecord | undefined;
  const named = record.getString('base');
  if (named) {
    try {
      base = app().findRecordById('workflow_definitions', named);
    } catch {
      base = undefined;
    }
    if (base && (base.getString('division') !== '' || base.getString('status') !== 'published')) base = undefined;
  } else if (baseKey) base = newestNational(baseKey);
  if (!base) return new HttpError(409, 'invalid_definition', `没有可叠加的已发布流程“${baseKey}”（全国版本）。`, [{ path: '/overlay/base', message: '基础流程未发布。' }]);
  // New cases start on the newest national version only: an overlay over an older one would never apply.
  const newest = newestNational(base.getString('key'));
  if (newest && newest.id !== base.id) return new HttpError(409, 'invalid_definition', `叠加规则只能叠加在流程的最新版本（第 ${newest.getInt('version')} 版）上。`, [{ path: '/overlay/base', message: `第 ${base.getInt('version')} 版不是最新的已发布版本。` }]);
  if (record.getString('key') && record.getString('key') !== base.getString('key')) return new HttpError(409, 'invalid_definition', '叠加规则的基础流程与发布记录的 key 不一致。', [{ path: '/overlay/base', message: `发布记录的 key 是“${record.getString('key')}”。` }]);
  const problems = problemsOver(overlay, base, '/overlay');
  if (problems.length > 0) return new HttpError(409, 'invalid_definition', `叠加规则未通过检查（${problems.length} 个问题），不能发布。`, problems);
  materialise(record, overlay as DefinitionOverlay, base);
  return null;
}

/** The overlays a national version being published must carry: each division's newest published overlay on an earlier version. */
function overlaysToCarry(record: PbRecord): PbRecord[] {
  if (record.getString('status') !== 'published' || record.getString('division') !== '') return [];
  const key = record.getString('key');
  const version = record.getInt('version');
  const newest = newestNational(key);
  if (newest && newest.id !== record.id && newest.getInt('version') > version) return [];
  const newestPerDivision = new Map<string, PbRecord>();
  for (const r of app().findRecordsByFilter('workflow_definitions', 'key = {:key} && status = "published" && division != ""', '-version,-overlay_version', 10000, 0, { key })) {
    if (!newestPerDivision.has(r.getString('division'))) newestPerDivision.set(r.getString('division'), r);
  }
  return [...newestPerDivision.values()].filter((r) => r.getInt('version') < version);
}

/**
 * Before a national version is saved: the overlays it must carry, checked over it. Answers the
 * refusal when one no longer fits, else a function that saves the carried overlays once the
 * version record is saved (it needs the record's id).
 */
export function carryOverlays(record: PbRecord): { refusal: HttpError } | { save: () => number } {
  const carried = overlaysToCarry(record);
  if (carried.length === 0) return { save: () => 0 };
  const problems = carried.flatMap((r) => problemsOver(readJson<unknown>(r, 'overlay'), record, `/overlays/${r.getString('division')}`));
  if (problems.length > 0) {
    const divisions = [...new Set(carried.map((r) => r.getString('division')))].join('、');
    return { refusal: new HttpError(409, 'invalid_definition', `新版本与行政区划 ${divisions} 的叠加规则不相容（${problems.length} 个问题）：请先修改叠加规则，或修改新版本。`, problems) };
  }
  return {
    save: () => {
      for (const earlier of carried) {
        const next = newRecord(app(), 'workflow_definitions');
        next.set('status', 'published');
        materialise(next, readJson<DefinitionOverlay>(earlier, 'overlay'), record);
        next.set('overlay', readJson<unknown>(earlier, 'overlay'));
        app().save(next);
      }
      return carried.length;
    },
  };
}
