import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The import arrows of DESIGN.md §1 are enforced by eslint.config.js. These tests lint small
 * probe sources as if they lived in each folder, so a loosened rule fails here.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

describe('import arrows', () => {
  it('let engine/ import xstate, chinese-days and its own files', async () => {
    const found = await restrictedImports(
      'engine/runtime/probe.ts',
      "import { setup } from 'xstate';\nimport days from 'chinese-days';\nimport type { X } from '../definition/types.js';\nexport const probe = [setup, days] as unknown as X;\n",
    );
    expect(found).toEqual([]);
  });

  it('refuse node builtins, UI packages and other folders in engine/', async () => {
    const found = await restrictedImports(
      'engine/runtime/probe.ts',
      "import fs from 'node:fs';\nimport { html } from 'lit';\nimport { x } from '../../forms/core/index.js';\nexport const probe = [fs, html, x];\n",
    );
    expect(found).toHaveLength(3);
    expect(found[0]).toContain('engine/');
  });

  it('refuse anything but ajv in forms/core', async () => {
    const found = await restrictedImports(
      'forms/core/probe.ts',
      "import Ajv from 'ajv/dist/2020.js';\nimport { html } from 'lit';\nimport { decide } from '../../engine/index.js';\nexport const probe = [Ajv, html, decide];\n",
    );
    expect(found).toHaveLength(2);
  });

  it('let forms/elements use lit and forms/core but not the engine', async () => {
    const found = await restrictedImports(
      'forms/elements/probe.ts',
      "import { html } from 'lit';\nimport { a } from '../core/index.js';\nimport { decide } from '../../engine/index.js';\nexport const probe = [html, a, decide];\n",
    );
    expect(found).toHaveLength(1);
  });

  it('keep Node APIs out of the adapter that runs in PocketBase, but allow them in the start script', async () => {
    expect(await restrictedImports('server/adapter/probe.ts', "import fs from 'node:fs';\nexport const probe = fs;\n")).toHaveLength(1);
    expect(await restrictedImports('server/start/probe.ts', "import fs from 'node:fs';\nexport const probe = fs;\n")).toEqual([]);
  });

  it('keep web/ and server/ from importing each other', async () => {
    const fromWeb = await restrictedImports('web/src/probe.ts', "import { a } from '../../server/adapter/index.js';\nexport const probe = a;\n");
    const fromServer = await restrictedImports('server/adapter/probe.ts', "import { a } from '../../web/src/main.js';\nexport const probe = a;\n");
    expect(fromWeb).toHaveLength(1);
    expect(fromServer).toHaveLength(1);
  });
});
