import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { buildHooks, hookBundlePath } from '../../../server/build/buildHooks.js';
import { hookEntrySource } from '../../../server/build/hookEntry.js';
import { processModuleFiles } from '../../../server/build/processModules.js';

function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'tongban-entry-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

describe('the hook bundle entry', () => {
  it('registers every process folder with a process.ts, by key, and exports the adapter, but no template (templates are published with each version)', () => {
    const root = project({
      'workflows/alpha/workflow.json': '{}',
      'workflows/alpha/process.ts': 'export const processModule = { key: "alpha" };',
      'workflows/beta/workflow.json': '{}',
      'templates/beta/notice.hbs': '{{caseNo}}',
      'templates/beta/notice.sample.json': '{}',
    });
    expect(processModuleFiles(path.join(root, 'workflows')).map((m) => m.key)).toEqual(['alpha']);
    const source = hookEntrySource(root);
    expect(source).toContain('import { processModule as process0 } from "./workflows/alpha/process.ts";');
    expect(source).toContain('registerProcessModules([process0]);');
    expect(source).not.toContain('notice');
    expect(source).not.toContain('registerTemplates');
    expect(source).toContain("export * from './server/adapter/index.ts';");
  });

  it('puts the shipped processes into the bundle although the adapter names none', async () => {
    await buildHooks();
    const bundle = readFileSync(hookBundlePath, 'utf8');
    const module = { exports: {} as Record<string, unknown> };
    runInNewContext(bundle, { module, exports: module.exports, console });
    expect(typeof (module.exports.routes as Record<string, unknown>).sendCommand).toBe('function');
    expect(bundle).toContain('dibao.monthlyAmount');
    expect(bundle).not.toContain('最低生活保障确认通知书');
  }, 60_000);
});
