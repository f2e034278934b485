import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readShippedWorkflows, workflowsRoot } from '../../../server/start/loadWorkflows.js';

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
