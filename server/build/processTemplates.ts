/**
 * Reads a process's document templates from disk, to be published with its version: the
 * documents in `templates/<key>/<name>.hbs` (with their samples `<name>.sample.json`, used only by
 * `tongban check`) and the shared partials in `templates/_shared/` (`<name>.hbs`, and `<name>.css`
 * as the partial `<name>`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { VersionTemplates } from '../adapter/documentTemplates.js';

/** The project's templates folder. */
export const templatesRoot = path.resolve(import.meta.dirname, '../../templates');

/** The folder of the shared layout and its CSS. */
export const sharedFolder = '_shared';

function filesOf(dir: string, extensions: string[]): [string, string][] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((f) => f.isFile() && extensions.some((ext) => f.name.endsWith(ext)))
    .map((f) => f.name)
    .sort()
    .map((name) => [name, readFileSync(path.join(dir, name), 'utf8')]);
}

const stem = (name: string) => name.slice(0, name.lastIndexOf('.'));

/** The templates of process `key` under `root`, as published with its versions. */
export function readProcessTemplates(key: string, root = templatesRoot): VersionTemplates {
  const documents: Record<string, string> = {};
  const shared: Record<string, string> = {};
  for (const [name, text] of filesOf(path.join(root, key), ['.hbs'])) documents[stem(name)] = text;
  for (const [name, text] of filesOf(path.join(root, sharedFolder), ['.hbs', '.css'])) shared[stem(name)] = text;
  return { documents, shared };
}

/** The samples of process `key`'s documents (`<name>.sample.json`), parsed; an unreadable one is left as its text. */
export function readTemplateSamples(key: string, root = templatesRoot): Record<string, unknown> {
  const samples: Record<string, unknown> = {};
  for (const [name, text] of filesOf(path.join(root, key), ['.sample.json'])) {
    try {
      samples[name.slice(0, -'.sample.json'.length)] = JSON.parse(text) as unknown;
    } catch {
      samples[name.slice(0, -'.sample.json'.length)] = text;
    }
  }
  return samples;
}
