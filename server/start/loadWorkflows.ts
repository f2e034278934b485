/**
 * Publishes the shipped workflows (`workflows/<key>/workflow.json` with its form schema — the shared
 * form parts of `workflows/_shared/` it refers to bundled in — and UI schema, and its document templates `templates/<key>/` with the shared layout) into
 * `workflow_definitions`, idempotently by key and version, each with its form validator
 * precompiled (see precompileValidator). The templates are part of the version and of its
 * fingerprint: a definition, form or template changed under an already-published version is
 * refused — publish a new version instead. The process's sample application (`form.sample.json`)
 * is stored with each version (added to versions stored before it was) for the studio's designer. Versions published before templates were stored get
 * today's templates at the next start, as they got their precompiled validators.
 *
 * Local rules: each `workflows/<key>/overlays/<division>.json` is published after its process
 * (the server merges it over the newest national version, server/adapter/overlayPublishing.ts),
 * idempotently by division and overlay version; an overlay changed under a published overlay
 * version is refused like a changed definition — raise its `version`. An overlay for a division
 * this server's org tree does not hold (another county's rules) is left unpublished, not fatal:
 * it is published at the first start after the division is added.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { divisionKind } from '../../engine/index.js';
import type { FormSchema } from '../../forms/core/index.js';
import type { VersionTemplates } from '../adapter/documentTemplates.js';
import { readProcessTemplates, templatesRoot } from '../build/processTemplates.js';
import { precompileValidator } from '../build/precompileValidator.js';
import { readFormSchema } from '../build/readFormSchema.js';
import { RestError, type RestClient, type RestRecord } from './restClient.js';

/** The project's shipped workflows folder. */
export const workflowsRoot = path.resolve(import.meta.dirname, '../../workflows');

/** One shipped workflow read from disk. */
export interface ShippedWorkflow {
  key: string;
  version: number;
  name: string;
  definition: Record<string, unknown>;
  formSchema: Record<string, unknown> | null;
  uiSchema: Record<string, unknown> | null;
  /** The process's sample application (`form.sample.json`), stored with each version for the studio's designer; not part of the fingerprint. */
  sample: Record<string, unknown> | null;
  /** The document templates published with the version (`templates/<key>/` and `templates/_shared/`). */
  templates: VersionTemplates;
  /** The fingerprint of the version: definition, form schema, UI schema and templates. */
  sha256: string;
  /** The fingerprint without templates, as versions published before templates were stored have it. */
  legacySha256: string;
  /** The local rules under `overlays/`, by file name (`<division>.json`). */
  overlays: { file: string; overlay: Record<string, unknown> }[];
}

function readJson(file: string): Record<string, unknown> | null {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`无法解析 ${path.relative(process.cwd(), file)}：${(e as Error).message}`);
  }
}

/** The form schema in `file` with its shared parts bundled in (workflows/_shared/), or null without one. */
function readBundledForm(file: string): Record<string, unknown> | null {
  if (!existsSync(file)) return null;
  try {
    return readFormSchema(file) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`无法读取 ${path.relative(process.cwd(), file)}：${(e as Error).message}`);
  }
}

const fingerprint = (parts: unknown[]) => createHash('sha256').update(JSON.stringify(parts)).digest('hex');

/** Reads every `workflows/<key>/workflow.json` under `root`, with its templates from `templates`. */
export function readShippedWorkflows(root = workflowsRoot, templates = templatesRoot): ShippedWorkflow[] {
  if (!existsSync(root)) return [];
  return childrenFirst(readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(root, d.name, 'workflow.json')))
    .map((d) => {
      const dir = path.join(root, d.name);
      const definition = readJson(path.join(dir, 'workflow.json')) as Record<string, unknown>;
      const formSchema = readBundledForm(path.join(dir, 'form.schema.json'));
      const uiSchema = readJson(path.join(dir, 'form.ui.json'));
      const sample = readJson(path.join(dir, 'form.sample.json'));
      const key = String(definition.key);
      const versionTemplates = readProcessTemplates(key, templates);
      return {
        key,
        version: Number(definition.version),
        name: String(definition.name),
        definition,
        formSchema,
        uiSchema,
        sample,
        templates: versionTemplates,
        sha256: fingerprint([definition, formSchema, uiSchema, versionTemplates]),
        legacySha256: fingerprint([definition, formSchema, uiSchema]),
        overlays: readOverlays(path.join(dir, 'overlays')),
      };
    }));
}

/** The processes a definition starts as child cases (its `children` steps' and `startChildCase` effects' workflows). */
function childProcesses(definition: Record<string, unknown>): string[] {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'children' && Array.isArray(o.start)) for (const s of o.start) if (s && typeof (s as { workflow?: unknown }).workflow === 'string') out.add((s as { workflow: string }).workflow);
      if (o.effect === 'startChildCase' && o.args && typeof (o.args as { workflow?: unknown }).workflow === 'string') out.add((o.args as { workflow: string }).workflow);
      Object.values(o).forEach(walk);
    }
  };
  walk(definition.steps);
  return [...out];
}

/**
 * The workflows in name order, each after the children it starts: publishing checks that a parent's
 * child processes exist, so a child is published first (a cycle, refused by the checker, keeps name order).
 */
function childrenFirst(workflows: ShippedWorkflow[]): ShippedWorkflow[] {
  const byKey = new Map(workflows.map((w) => [w.key, w]));
  const out: ShippedWorkflow[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (w: ShippedWorkflow): void => {
    if (state.has(w.key)) return;
    state.set(w.key, 'visiting');
    for (const child of childProcesses(w.definition)) {
      const c = byKey.get(child);
      if (c) visit(c);
    }
    state.set(w.key, 'done');
    out.push(w);
  };
  [...workflows].sort((a, b) => a.key.localeCompare(b.key)).forEach(visit);
  return out;
}

/** The overlay files of a process folder's `overlays/`, in name order. */
function readOverlays(dir: string): ShippedWorkflow['overlays'] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, overlay: readJson(path.join(dir, file)) as Record<string, unknown> }));
}

/** Canonical JSON (keys sorted), to compare an overlay on disk with the one published. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(value);
}

/** Whether the org tree holds the division: a unit with the code, or for a city or province a county inside it (as the server checks on publishing). */
async function holdsDivision(client: RestClient, division: string): Promise<boolean> {
  const kind = divisionKind(division);
  if (!kind) return true; // a malformed code: let the server refuse it with its reasons
  const filter = kind === 'province' || kind === 'city' ? `level = "county" && code ~ ${JSON.stringify(`${division.slice(0, kind === 'province' ? 2 : 4)}%`)}` : `code = ${JSON.stringify(division)} && level = "${kind}"`;
  return (await client.findFirst('org_units', filter)) !== undefined;
}

/** Publishes a process's overlays over its newest version (the server merges and checks them); returns how many were created. */
async function loadOverlays(client: RestClient, wf: ShippedWorkflow): Promise<number> {
  let created = 0;
  for (const { file, overlay } of wf.overlays) {
    const division = String(overlay.division);
    const version = Number(overlay.version);
    if (`${division}.json` !== file) throw new Error(`叠加规则 ${wf.key}/overlays/${file} 的行政区划代码 (division) 须与文件名相同。\nOverlay ${wf.key}/overlays/${file}: division must match the file name.`);
    const published = await client.send<{ items: RestRecord[] }>('GET', `/api/collections/workflow_definitions/records?perPage=500&skipTotal=1&filter=${encodeURIComponent(`key = "${wf.key}" && division = "${division}" && overlay_version = ${Number.isInteger(version) ? version : -1}`)}`);
    if (published.items.some((r) => canonical(r.overlay) !== canonical(overlay))) {
      throw new Error(`叠加规则 ${wf.key}/overlays/${file} 第 ${version} 版已发布，但其内容已被修改。请提高叠加规则的 version 后重新发布。\nOverlay ${wf.key}/overlays/${file} v${version} is already published with different content; bump its version.`);
    }
    if (published.items.some((r) => Number(r.version) === wf.version)) continue;
    if (!(await holdsDivision(client, division))) continue;
    await client.create('workflow_definitions', { key: wf.key, status: 'published', overlay });
    created++;
  }
  return created;
}

/**
 * Publishes the shipped workflows; returns how many were created. `client` must be a superuser.
 * A version number an administrator already took in the studio (a draft, or a version published
 * from one) stays the bureau's: the shipped version of that number is not loaded, and `warn` says
 * so at every start until the administrator has compared and published it under a new number.
 */
export async function loadWorkflows(client: RestClient, workflows = readShippedWorkflows(), warn: (line: string) => void = (line) => console.warn(line)): Promise<number> {
  let created = 0;
  for (const wf of workflows) {
    const existing = await client.findFirst('workflow_definitions', `key = "${wf.key}" && version = ${wf.version} && division = ""`);
    if (existing && Number(existing.based_on ?? 0) > 0) {
      const how = existing.status === 'draft' ? '起草中' : '已发布';
      warn(
        `流程 ${wf.key} 第 ${wf.version} 版已由管理员在工作台${how}，随软件提供的同号版本未载入；请在工作台对照后以新版本号发布。\n` +
          `Workflow ${wf.key} v${wf.version} was made in the studio; the shipped v${wf.version} was not loaded.`,
      );
      continue;
    }
    if (existing) {
      const withoutTemplates = !hasTemplates(existing.templates);
      // Published before templates were stored, with the same content otherwise: add today's templates.
      if (withoutTemplates && existing.sha256 === wf.legacySha256) {
        await client.update('workflow_definitions', existing.id, { templates: wf.templates, sha256: wf.sha256 });
        existing.sha256 = wf.sha256;
      }
      if (existing.sha256 !== wf.sha256) {
        throw new Error(
          `流程 ${wf.key} 第 ${wf.version} 版已发布，但其内容已被修改。已发布的版本不可更改，请提高 version 后重新发布。\n` +
            `Workflow ${wf.key} v${wf.version} is already published with different content; bump its version.`,
        );
      }
      // Published before samples were stored: add the process's sample (not part of the version's rules).
      if (wf.sample && (existing.sample === null || existing.sample === undefined)) {
        await client.update('workflow_definitions', existing.id, { sample: asWritten(wf.sample) });
      }
      // Published before validators were precompiled: add the module now (same content, same version).
      if (!existing.validator_module && wf.formSchema) {
        await client.update('workflow_definitions', existing.id, { validator_module: await precompileValidator(wf.formSchema as FormSchema) });
      }
      continue;
    }
    await client.create('workflow_definitions', {
      key: wf.key,
      version: wf.version,
      status: 'published',
      name: wf.name,
      definition: asWritten(wf.definition),
      form_schema: asWritten(wf.formSchema),
      ui_schema: asWritten(wf.uiSchema),
      templates: wf.templates,
      sample: asWritten(wf.sample),
      sha256: wf.sha256,
      validator_module: wf.formSchema ? await precompileValidator(wf.formSchema as FormSchema) : '',
    });
    created++;
  }
  await addTemplatesToEarlierVersions(client, workflows);
  for (const wf of workflows) created += await loadOverlays(client, wf);
  return created;
}

/**
 * A JSON value sent so that PocketBase stores it as written. An object in a request body is read
 * into a map and stored with its keys sorted, which would put a form's fields (and a definition's
 * steps) in alphabetical order; a JSON text sent as a string is stored as it is, in the author's order.
 */
function asWritten(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** Whether a stored `templates` field holds any document. */
function hasTemplates(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const documents = (value as { documents?: unknown }).documents;
  return documents !== null && typeof documents === 'object' && Object.keys(documents).length > 0;
}

/** Earlier versions of the shipped processes, published before templates were stored, get today's templates. */
async function addTemplatesToEarlierVersions(client: RestClient, workflows: ShippedWorkflow[]): Promise<void> {
  for (const wf of workflows) {
    if (Object.keys(wf.templates.documents).length === 0) continue;
    const page = await client.send<{ items: RestRecord[] }>('GET', `/api/collections/workflow_definitions/records?perPage=500&skipTotal=1&filter=${encodeURIComponent(`key = "${wf.key}" && version < ${wf.version} && division = ""`)}`);
    for (const record of page.items) {
      if (hasTemplates(record.templates)) continue;
      try {
        await client.update('workflow_definitions', record.id, { templates: wf.templates });
      } catch (e) {
        // An earlier version naming a template that no longer exists keeps none: its cases answer 409 with the problems.
        if (!(e instanceof RestError && e.status === 409)) throw e;
      }
    }
  }
}
