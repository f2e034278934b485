/**
 * Publishes the shipped workflows (`workflows/<key>/workflow.json` with its form schema and UI
 * schema) into `workflow_definitions`, idempotently by key and version, each with its form
 * validator precompiled (see precompileValidator). A definition whose content changed under an
 * already-published version is refused: publish a new version instead.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FormSchema } from '../../forms/core/index.js';
import { precompileValidator } from '../build/precompileValidator.js';
import type { RestClient } from './restClient.js';

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
  sha256: string;
}

function readJson(file: string): Record<string, unknown> | null {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`无法解析 ${path.relative(process.cwd(), file)}：${(e as Error).message}`);
  }
}

/** Reads every `workflows/<key>/workflow.json` under `root`. */
export function readShippedWorkflows(root = workflowsRoot): ShippedWorkflow[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(root, d.name, 'workflow.json')))
    .map((d) => {
      const dir = path.join(root, d.name);
      const definition = readJson(path.join(dir, 'workflow.json')) as Record<string, unknown>;
      const formSchema = readJson(path.join(dir, 'form.schema.json'));
      const uiSchema = readJson(path.join(dir, 'form.ui.json'));
      const sha256 = createHash('sha256').update(JSON.stringify([definition, formSchema, uiSchema])).digest('hex');
      return { key: String(definition.key), version: Number(definition.version), name: String(definition.name), definition, formSchema, uiSchema, sha256 };
    });
}

/** Publishes the shipped workflows; returns how many were created. `client` must be a superuser. */
export async function loadWorkflows(client: RestClient, workflows = readShippedWorkflows()): Promise<number> {
  let created = 0;
  for (const wf of workflows) {
    const existing = await client.findFirst('workflow_definitions', `key = "${wf.key}" && version = ${wf.version}`);
    if (existing) {
      if (existing.sha256 !== wf.sha256) {
        throw new Error(
          `流程 ${wf.key} 第 ${wf.version} 版已发布，但其内容已被修改。已发布的版本不可更改，请提高 version 后重新发布。\n` +
            `Workflow ${wf.key} v${wf.version} is already published with different content; bump its version.`,
        );
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
      definition: wf.definition,
      form_schema: wf.formSchema,
      ui_schema: wf.uiSchema,
      sha256: wf.sha256,
      validator_module: wf.formSchema ? await precompileValidator(wf.formSchema as FormSchema) : '',
    });
    created++;
  }
  return created;
}
