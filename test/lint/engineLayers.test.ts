import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layers inside the engine and around process modules (eslint.config.js): the case model sits
 * below org/ and registry/, which never import the runtime; process modules import only the
 * engine; the adapter imports no process.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the engine layers', () => {
  it('let org/ and registry/ import the case model and the definition types', async () => {
    const source = "import type { Actor } from '../model/index.js';\nimport type { JsonValue } from '../definition/types.js';\nexport type Probe = [Actor, JsonValue];\n";
    expect(await restrictedImports('engine/org/probe.ts', source)).toEqual([]);
    expect(await restrictedImports('engine/registry/probe.ts', source)).toEqual([]);
  });

  it('refuse org/ and registry/ importing upward from runtime/ or compile/', async () => {
    const source = "import type { DecideEnv } from '../runtime/decide.js';\nimport type { CompiledWorkflow } from '../compile/compileWorkflow.js';\nexport type Probe = [DecideEnv, CompiledWorkflow];\n";
    expect(await restrictedImports('engine/org/probe.ts', source)).toHaveLength(2);
    expect(await restrictedImports('engine/registry/probe.ts', source)).toHaveLength(2);
  });

  it('keep the case model at the bottom: definition types only, no packages', async () => {
    expect(await restrictedImports('engine/model/probe.ts', "import type { JsonValue } from '../definition/types.js';\nexport type Probe = JsonValue;\n")).toEqual([]);
    const up = "import type { OpenTask } from '../runtime/enterStep.js';\nimport type { Guard } from '../registry/guards.js';\nimport { setup } from 'xstate';\nexport const probe = [setup] as unknown as OpenTask | Guard;\n";
    expect(await restrictedImports('engine/model/probe.ts', up)).toHaveLength(3);
  });

  it('still hold the engine-wide arrows in the lower layers (no node, no forms)', async () => {
    expect(await restrictedImports('engine/org/probe.ts', "import fs from 'node:fs';\nimport { x } from '../../forms/core/index.js';\nexport const probe = [fs, x];\n")).toHaveLength(2);
  });
});

describe('process modules and the adapter', () => {
  it('let a process module import the engine, and nothing else', async () => {
    expect(await restrictedImports('workflows/probe/process.ts', "import type { ProcessModule } from '../../engine/index.js';\nexport const m: ProcessModule = { key: 'probe' };\n")).toEqual([]);
    const other = "import { maskValue } from '../../forms/core/index.js';\nimport { app } from '../../server/adapter/pocketbase.js';\nimport Handlebars from 'handlebars';\nexport const probe = [maskValue, app, Handlebars];\n";
    expect(await restrictedImports('workflows/probe/process.ts', other)).toHaveLength(3);
  });

  it('keep every process out of the adapter: no workflows/ or templates/ import', async () => {
    const source = "import { processModule } from '../../workflows/dibao/process.js';\nimport notice from '../../templates/dibao/notice.hbs';\nexport const probe = [processModule, notice];\n";
    expect(await restrictedImports('server/adapter/probe.ts', source)).toHaveLength(2);
    expect(await restrictedImports('server/build/probe.ts', "import { processModule } from '../../workflows/dibao/process.js';\nexport const probe = processModule;\n")).toEqual([]);
  });
});
