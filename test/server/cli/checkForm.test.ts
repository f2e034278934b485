import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../../engine/index.js';
import { checkFormFiles } from '../../../server/cli/checkForm.js';

const shipped = path.resolve(import.meta.dirname, '../../../workflows/dibao');
const definition = JSON.parse(readFileSync(path.join(shipped, 'workflow.json'), 'utf8')) as WorkflowDefinition;

/** A copy of the shipped 低保 folder with one file changed. */
function copyWith(name: string, change: (json: Record<string, unknown>) => unknown): string {
  const root = mkdtempSync(path.join(tmpdir(), 'tongban-form-'));
  const dir = path.join(root, 'dibao');
  cpSync(shipped, dir, { recursive: true });
  cpSync(path.join(shipped, '../_shared'), path.join(root, '_shared'), { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(change(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)));
  return dir;
}

describe('checkFormFiles', () => {
  it('passes the shipped 低保 form, its layout and its sample', () => {
    expect(checkFormFiles(shipped, definition)).toEqual([]);
  });

  it('reports a shared form part the form names but workflows/_shared does not have', () => {
    const dir = copyWith('form.schema.json', (s) => ({ ...s, properties: { ...(s.properties as object), extra: { $ref: '../_shared/household.schema.json#/$defs/pets' } } }));
    expect(checkFormFiles(dir, definition)).toEqual([{ where: 'form.schema.json', message: expect.stringContaining('没有 $defs/pets') as string }]);
  });

  it('says why a schema does not compile (a misspelt keyword)', () => {
    const dir = copyWith('form.schema.json', (s) => ({ ...s, properties: { ...(s.properties as object), extra: { type: 'string', minLenght: 2 } } }));
    const [problem] = checkFormFiles(dir, definition);
    expect(problem?.where).toBe('form.schema.json');
    expect(problem?.message).toMatch(/^无法编译：.*minLenght/);
  });

  it('names a layout control whose field does not exist, at its place in form.ui.json', () => {
    const dir = copyWith('form.ui.json', (ui) => ({ type: 'Section', elements: [{ type: 'Control', scope: '/applicant/nickname' }], _: ui.type }));
    expect(checkFormFiles(dir, definition)).toEqual([{ where: 'form.ui.json/elements/0/scope', message: '表单中没有字段“/applicant/nickname”。' }]);
  });

  it('checks the sample against the schema, with the field path and the Chinese message', () => {
    const dir = copyWith('form.sample.json', (d) => ({ ...d, applicant: { ...(d.applicant as object), phone: '12345' } }));
    const problems = checkFormFiles(dir, definition);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ where: 'form.sample.json/applicant/phone' });
    expect(problems[0]!.message).toContain('联系电话');
  });

  it('asks a field a step takes its unit from to offer units of that kind', () => {
    const withUnit = (field: Record<string, unknown>) => {
      const dir = copyWith('form.schema.json', (s) => ({ ...s, properties: { ...(s.properties as object), organisation: { type: 'object', properties: { supervisorUnit: field } } } }));
      const routed = structuredClone(definition);
      (routed.steps.accept as { assignee: object }).assignee = { unitFrom: { path: '/organisation/supervisorUnit', kind: 'supervisory_unit' } };
      return checkFormFiles(dir, routed);
    };
    expect(withUnit({ type: 'string', title: '业务主管单位', 'x-org-unit': { kind: 'supervisory_unit' } })).toEqual([]);
    expect(withUnit({ type: 'string', title: '业务主管单位' })).toEqual([
      { where: 'workflow.json/steps/accept/assignee/unitFrom/path', message: '字段“/organisation/supervisorUnit”须标注 "x-org-unit": {"kind": "supervisory_unit"}，表单才会列出这类单位供选择。' },
    ]);
    expect(withUnit({ type: 'string', 'x-org-unit': { kind: 'assessor' } })).toHaveLength(1);
  });

  it('finds sections a step shows or an action writes that the form does not have', () => {
    const broken = structuredClone(definition);
    const accept = broken.steps.accept as { form?: { sections: Record<string, string> }; actions: Record<string, { writes?: string[] }> };
    accept.form!.sections.acceptence = 'write';
    accept.actions.accept!.writes = ['acceptence'];
    expect(checkFormFiles(shipped, broken)).toEqual([
      { where: 'workflow.json/steps/accept/form/sections/acceptence', message: '表单中没有“acceptence”部分。' },
      { where: 'workflow.json/steps/accept/actions/accept/writes/0', message: '表单中没有“acceptence”部分。' },
    ]);
  });

  it('has nothing to say about a workflow without form files', () => {
    expect(checkFormFiles(mkdtempSync(path.join(tmpdir(), 'tongban-noform-')), definition)).toEqual([]);
  });
});
