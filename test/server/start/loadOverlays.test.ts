import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWorkflows, readShippedWorkflows, workflowsRoot } from '../../../server/start/loadWorkflows.js';
import type { RestClient, RestRecord } from '../../../server/start/restClient.js';

const overlay = { base: 'dibao', division: '320685004', version: 1, parameters: { publicNotice: { days: 5 } } };

/** A stand-in server where the shipped 低保 version is published and `overlays` are the overlay records. */
function serverWith(overlays: RestRecord[]) {
  const created: Record<string, unknown>[] = [];
  const [dibao] = readShippedWorkflows().filter((w) => w.key === 'dibao');
  const client = {
    findFirst: async () => ({ id: 'v', sha256: dibao!.sha256, templates: dibao!.templates, validator_module: 'x' }),
    update: async () => ({}),
    create: async (_collection: string, data: Record<string, unknown>) => {
      created.push(data);
      return { id: 'new', ...data };
    },
    send: async (_method: string, url: string) => ({ items: decodeURIComponent(url).includes('division = "320685004"') ? overlays : [] }),
  };
  return { client: client as unknown as RestClient, created };
}

describe('the loader publishes the overlays of a process folder', () => {
  let temp: string | undefined;
  afterEach(() => {
    if (temp) rmSync(temp, { recursive: true, force: true });
    temp = undefined;
  });

  /** The shipped workflows with `files` under dibao/overlays/. */
  function withOverlays(files: Record<string, unknown>) {
    temp = mkdtempSync(path.join(tmpdir(), 'tongban-overlays-'));
    cpSync(workflowsRoot, temp, { recursive: true });
    mkdirSync(path.join(temp, 'dibao', 'overlays'), { recursive: true });
    for (const [name, content] of Object.entries(files)) writeFileSync(path.join(temp, 'dibao', 'overlays', name), JSON.stringify(content));
    return readShippedWorkflows(temp).filter((w) => w.key === 'dibao');
  }

  it('reads overlays/<division>.json and publishes each over its process, once', async () => {
    const workflows = withOverlays({ '320685004.json': overlay });
    expect(workflows[0]!.overlays).toEqual([{ file: '320685004.json', overlay }]);
    const fresh = serverWith([]);
    expect(await loadWorkflows(fresh.client, workflows)).toBe(1);
    expect(fresh.created).toEqual([{ key: 'dibao', status: 'published', overlay }]);
    const again = serverWith([{ id: 'o', version: workflows[0]!.version, overlay: { ...overlay } } as RestRecord]);
    expect(await loadWorkflows(again.client, workflows)).toBe(0);
    expect(again.created).toEqual([]);
  });

  it('refuses an overlay changed under its published version, and a file named after another division', async () => {
    const changed = withOverlays({ '320685004.json': { ...overlay, parameters: { publicNotice: { days: 3 } } } });
    await expect(loadWorkflows(serverWith([{ id: 'o', version: 5, overlay } as RestRecord]).client, changed)).rejects.toThrow('请提高叠加规则的 version');
    rmSync(temp!, { recursive: true, force: true });
    const misnamed = withOverlays({ '320685102.json': overlay });
    await expect(loadWorkflows(serverWith([]).client, misnamed)).rejects.toThrow('须与文件名相同');
  });
});
