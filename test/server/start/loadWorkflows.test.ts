import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { templatesRoot } from '../../../server/build/processTemplates.js';
import { loadWorkflows, readShippedWorkflows, workflowsRoot } from '../../../server/start/loadWorkflows.js';
import type { RestClient } from '../../../server/start/restClient.js';

describe('readShippedWorkflows', () => {
  let temp: string | undefined;
  afterEach(() => {
    if (temp) rmSync(temp, { recursive: true, force: true });
    temp = undefined;
  });

  function copyOfShipped(): string {
    temp = mkdtempSync(path.join(tmpdir(), 'tongban-workflows-'));
    cpSync(workflowsRoot, temp, { recursive: true });
    return temp;
  }

  it('reads the 低保 workflow with its form schema and UI schema', () => {
    const dibao = readShippedWorkflows().find((w) => w.key === 'dibao');
    expect(dibao).toBeDefined();
    expect(dibao!.version).toBeGreaterThanOrEqual(1);
    expect(dibao!.formSchema).toMatchObject({ type: 'object' });
    expect(dibao!.uiSchema).not.toBeNull();
    expect(dibao!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same fingerprint to the same content and a new one to any edit, form schema included', () => {
    const root = copyOfShipped();
    const [before] = readShippedWorkflows(root);
    expect(readShippedWorkflows(root)[0]!.sha256).toBe(before!.sha256);
    const formFile = path.join(root, before!.key, 'form.schema.json');
    writeFileSync(formFile, JSON.stringify({ ...before!.formSchema, title: '改过的表单' }));
    expect(readShippedWorkflows(root)[0]!.sha256).not.toBe(before!.sha256);
  });

  it('publishes the templates with the version: a template or the shared layout edited gives a new fingerprint', () => {
    temp = mkdtempSync(path.join(tmpdir(), 'tongban-templates-'));
    cpSync(templatesRoot, temp, { recursive: true });
    const [before] = readShippedWorkflows(workflowsRoot, temp);
    expect(Object.keys(before!.templates.documents)).toContain('confirm');
    expect(before!.templates.shared.layout).toContain('{{> @partial-block}}');
    writeFileSync(path.join(temp, before!.key, 'confirm.hbs'), '{{#> layout title="改过的通知书"}}{{/layout}}');
    const [edited] = readShippedWorkflows(workflowsRoot, temp);
    expect(edited!.sha256).not.toBe(before!.sha256);
    expect(edited!.legacySha256).toBe(before!.legacySha256);
    writeFileSync(path.join(temp, '_shared', 'a4.css'), '@page { size: A4; }');
    expect(readShippedWorkflows(workflowsRoot, temp)[0]!.sha256).not.toBe(edited!.sha256);
  });

  it('names the file that is not valid JSON, in Chinese', () => {
    const root = copyOfShipped();
    const [shipped] = readShippedWorkflows(root);
    writeFileSync(path.join(root, shipped!.key, 'workflow.json'), '{ "key": "dibao", ');
    expect(() => readShippedWorkflows(root)).toThrow(/无法解析 .*workflow\.json/);
  });

  it('finds nothing in a folder without workflows', () => {
    temp = mkdtempSync(path.join(tmpdir(), 'tongban-workflows-'));
    expect(readShippedWorkflows(temp)).toEqual([]);
  });
});

describe('loadWorkflows over versions published before templates were stored', () => {
  /** A stand-in for the server holding one such version: the record API cannot produce one any more (publishing checks the templates). */
  function serverWith(record: Record<string, unknown>, earlier: Record<string, unknown>[] = []) {
    const updates: [string, Record<string, unknown>][] = [];
    const client = {
      findFirst: async () => record,
      update: async (_collection: string, id: string, data: Record<string, unknown>) => {
        updates.push([id, data]);
        return { id, ...data };
      },
      create: async () => {
        throw new Error('nothing is created');
      },
      send: async () => ({ items: earlier }),
    };
    return { client: client as unknown as RestClient, updates };
  }

  it('gives the shipped version today’s templates and its new fingerprint when the rest is unchanged, and earlier versions today’s templates', async () => {
    const [dibao] = readShippedWorkflows();
    const { client, updates } = serverWith({ id: 'v3', sha256: dibao!.legacySha256, templates: null, validator_module: 'x' }, [{ id: 'v2', templates: null }, { id: 'v1', templates: { documents: { old: '…' }, shared: {} } }]);
    expect(await loadWorkflows(client, [dibao!])).toBe(0);
    expect(updates).toEqual([
      ['v3', { templates: dibao!.templates, sha256: dibao!.sha256 }],
      ['v3', { sample: JSON.stringify(dibao!.sample) }],
      ['v2', { templates: dibao!.templates }],
    ]);
  });

  it('stores the process’s sample once with a version stored without one, as written, and leaves a stored sample alone', async () => {
    const [first] = readShippedWorkflows();
    expect(first!.sample).not.toBeNull();
    const fresh = serverWith({ id: 'v3', sha256: first!.sha256, templates: first!.templates, validator_module: 'x', sample: null });
    await loadWorkflows(fresh.client, [first!]);
    expect(fresh.updates).toEqual([['v3', { sample: JSON.stringify(first!.sample) }]]);
    const again = serverWith({ id: 'v3', sha256: first!.sha256, templates: first!.templates, validator_module: 'x', sample: first!.sample });
    await loadWorkflows(again.client, [first!]);
    expect(again.updates).toEqual([]);
  });

  it('still refuses a version whose definition changed', async () => {
    const [dibao] = readShippedWorkflows();
    const { client, updates } = serverWith({ id: 'v3', sha256: 'other', templates: null, validator_module: 'x' });
    await expect(loadWorkflows(client, [dibao!])).rejects.toThrow('已发布，但其内容已被修改');
    expect(updates).toEqual([]);
  });

  it('leaves a version number an administrator took in the studio to the bureau, says so, and starts', async () => {
    const dibao = readShippedWorkflows().find((w) => w.key === 'dibao');
    for (const status of ['draft', 'published']) {
      const { client, updates } = serverWith({ id: 'v8', status, based_on: dibao!.version - 1, sha256: 'made in the studio', templates: null, validator_module: 'x' });
      const warnings: string[] = [];
      expect(await loadWorkflows(client, [dibao!], (line) => warnings.push(line))).toBe(0);
      expect(updates).toEqual([]);
      expect(warnings).toEqual([expect.stringContaining(`流程 dibao 第 ${dibao!.version} 版已由管理员在工作台${status === 'draft' ? '起草中' : '已发布'}`)]);
    }
  });
});
