/**
 * The template part of `tongban check`: the documents a definition names exist in
 * `templates/<key>/`, every template and shared partial keeps the rules (whitelisted helpers,
 * shared partials only, no unescaped output), and every document renders its sample
 * (`<name>.sample.json`) in strict mode without a missing variable.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { WorkflowDefinition } from '../../engine/index.js';
import { versionTemplateProblems } from '../adapter/documentTemplates.js';
import { readProcessTemplates, readTemplateSamples, sharedFolder } from '../build/processTemplates.js';

const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

/** Where a problem lies, as a file under `root` for template problems, else its JSON pointer. */
function where(problemPath: string, key: string, root: string): string {
  const file = (...parts: string[]) => path.join(path.relative(process.cwd(), root) || '.', ...parts);
  const match = /^\/templates\/(documents|shared|samples)\/(.+)$/.exec(problemPath);
  if (!match) return problemPath;
  const name = unescape(match[2]!);
  if (match[1] === 'documents') return file(key, `${name}.hbs`);
  if (match[1] === 'samples') return file(key, `${name}.sample.json`);
  const shared = ['.hbs', '.css'].map((ext) => `${name}${ext}`).find((f) => existsSync(path.join(root, sharedFolder, f)));
  return file(sharedFolder, shared ?? name);
}

/** The template problems of a definition, as lines `where: message`. */
export function templateCheckLines(definition: WorkflowDefinition, root: string): string[] {
  const key = String(definition.key);
  const templates = readProcessTemplates(key, root);
  return versionTemplateProblems(definition, templates, readTemplateSamples(key, root)).map((p) => `${where(p.path, key, root)}: ${p.message}`);
}
