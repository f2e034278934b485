import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesignerCheckAnswer, DesignerDraft, ProcessListAnswer, PublishAnswer, VersionDiffAnswer } from '../../../engine/api/designerRoutes.js';
import { templatesRoot } from '../../../server/build/processTemplates.js';
import { checkFile } from '../../../server/cli/checkCommand.js';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { workflowsRoot } from '../../../server/start/loadWorkflows.js';
import { failure, openCase } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

type Json = Record<string, unknown>;
/** A division's local rules over 低保 (as overlays.test publishes them): carried over to each new version. */
const sunzhuang = {
  base: 'dibao',
  division: '320685004',
  version: 1,
  name: '孙庄街道最低生活保障审核确认时限（测试）',
  legalBasis: '测试用地方规则',
  parameters: { publicNotice: { days: 5 } },
  limit: { workingDays: 25, extendedWorkingDays: 40 },
  steps: { investigation: { deadline: { workingDays: 5 } }, countyReview: { deadline: { workingDays: 7 } } },
};

type CaseView = { case: { id: string; workflow: { key: string; version: number } } };

describe('the studio’s process designer: drafts, the live check, publishing, the diff and retiring, for administrators only', () => {
  let server: TestServer;
  let admin: PocketBase;
  let county: PocketBase;
  let applicant: PocketBase;
  let su: PocketBase;
  /** 低保's newest published version on this server (read, never assumed). */
  let shipped: number;
  let draft: DesignerDraft;
  let runningBefore: string;
  let published: PublishAnswer;

  const call = <T>(pb: PocketBase, method: string, route: string, body?: unknown) => pb.send<T>(route, { method, ...(body === undefined ? {} : { body }) });
  const caseVersion = async (id: string) => (await admin.send<CaseView>(`/api/tongban/cases/${id}`, {})).case.workflow.version;
  const dibaoVersions = async () => (await call<ProcessListAnswer>(admin, 'GET', '/api/tongban/admin/processes')).processes.find((p) => p.key === 'dibao')!.versions;

  beforeAll(async () => {
    server = await startPocketBase();
    [admin, county, applicant, su] = await Promise.all([server.login('admin'), server.login('county'), server.login('applicant-a1'), server.superuser()]);
    const newest = await su.collection('workflow_definitions').getFirstListItem('key = "dibao" && status = "published" && division = ""', { sort: '-version' });
    shipped = newest.version as number;
    runningBefore = (await openCase(applicant, demoHousehold)).case.id;
    await su.collection('workflow_definitions').create({ key: 'dibao', status: 'published', overlay: sunzhuang });
  }, 240_000);
  afterAll(() => server?.dispose());

  it('refuses an officer every designer route with 403 and a Chinese message', async () => {
    for (const [method, route] of [['GET', '/api/tongban/admin/processes'], ['POST', '/api/tongban/admin/workflows/dibao/drafts'], ['POST', '/api/tongban/admin/workflows/dibao/check'], ['GET', '/api/tongban/admin/workflows/dibao/diff?from=1&to=2'], ['POST', '/api/tongban/admin/workflows/dibao/versions/1/retire']] as const) {
      const refused = await failure(call(county, method, route, method === 'POST' ? {} : undefined));
      expect(refused.status, route).toBe(403);
      expect(refused.body.code).toBe('forbidden');
      expect(refused.body.message).toMatch(/^只有管理员/);
    }
  });

  it('lists every process with its versions and the cases running on each', async () => {
    const list = await call<ProcessListAnswer>(admin, 'GET', '/api/tongban/admin/processes');
    const dibao = list.processes.find((p) => p.key === 'dibao')!;
    expect(dibao.name).toContain('最低生活保障');
    expect(dibao.versions[0]).toMatchObject({ version: shipped, status: 'published', division: '', overlayVersion: 0 });
    expect(dibao.versions.find((v) => v.version === shipped && v.division === '')!.runningCases).toBeGreaterThanOrEqual(1);
    expect(dibao.versions.find((v) => v.division === '320685004')).toMatchObject({ version: shipped, overlayVersion: 1, status: 'published' }); // the divisions' overlays
  });

  it('opens a draft of the next version copied from the newest published one, with the sample, and answers the open draft again', async () => {
    const opened = await admin.send<DesignerDraft>('/api/tongban/admin/workflows/dibao/drafts', { method: 'POST', body: {} });
    draft = opened;
    expect(draft).toMatchObject({ key: 'dibao', version: shipped + 1, basedOn: shipped, problems: [] });
    expect(draft.definition.version).toBe(shipped + 1);
    expect(Object.keys((draft.formSchema as { properties: Json }).properties)).toContain('applicant');
    expect(Object.keys(draft.templates.documents).length).toBeGreaterThan(0);
    expect(draft.sample).toHaveProperty('applicant');
    const again = await fetch(`${server.url}/api/tongban/admin/workflows/dibao/drafts`, { method: 'POST', headers: { Authorization: admin.authStore.token, 'Content-Type': 'application/json' }, body: '{}' });
    expect(again.status).toBe(200);
    expect(((await again.json()) as DesignerDraft).id).toBe(draft.id);
    expect((await dibaoVersions()).find((v) => v.version === shipped + 1)).toMatchObject({ status: 'draft', runningCases: 0 });
  });

  it('checks unsaved content as `tongban check` does: a broken route fails at its path, the fixed one passes — quickly, nothing written', async () => {
    const steps = draft.definition.steps as Record<string, { actions?: Record<string, { target?: string }> }>;
    const action = Object.entries(steps.accept!.actions!).find(([, a]) => typeof a.target === 'string')!;
    const broken = structuredClone(draft.definition) as Json;
    ((broken.steps as typeof steps).accept!.actions![action[0]]!).target = 'nowhere';
    const body = (definition: Json) => ({ definition, formSchema: draft.formSchema, uiSchema: draft.uiSchema, templates: draft.templates, sample: draft.sample, version: draft.version });
    const failed = await call<DesignerCheckAnswer>(admin, 'POST', '/api/tongban/admin/workflows/dibao/check', body(broken));
    expect(failed.problems.length).toBeGreaterThan(0);
    expect(failed.problems.map((p) => p.path)).toContain(`/definition/steps/accept/actions/${action[0]}/target`);
    expect(failed.problems[0]!.message).toMatch(/[\u4e00-\u9fff]/);
    const timings: number[] = [];
    const onServer: string[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const answer = await fetch(`${server.url}/api/tongban/admin/workflows/dibao/check`, { method: 'POST', headers: { Authorization: admin.authStore.token, 'Content-Type': 'application/json' }, body: JSON.stringify(body(draft.definition)) });
      expect(((await answer.json()) as DesignerCheckAnswer).problems).toEqual([]);
      timings.push(performance.now() - started);
      onServer.push(answer.headers.get('Server-Timing') ?? '');
    }
    console.log(`designer check of 低保, warm round trips: ${timings.map((t) => t.toFixed(0)).join(', ')} ms; on the server: ${onServer.join(' | ')}`);
    const badForm = await call<DesignerCheckAnswer>(admin, 'POST', '/api/tongban/admin/workflows/dibao/check', { ...body(draft.definition), sample: { applicant: { idNumber: 'not-an-id' } } });
    expect(badForm.problems.some((p) => p.path.startsWith('/sample/applicant'))).toBe(true);
    const badTemplate = await call<DesignerCheckAnswer>(admin, 'POST', '/api/tongban/admin/workflows/dibao/check', { ...body(draft.definition), templates: { documents: { ...draft.templates.documents, extra: '{{{raw}}}' }, shared: draft.templates.shared } });
    expect(badTemplate.problems.map((p) => p.path)).toContain('/templates/documents/extra');
    expect((await call<DesignerDraft>(admin, 'GET', `/api/tongban/admin/workflows/dibao/drafts/${draft.version}`)).updated).toBe(draft.updated);
  });

  it('finds exactly what `tongban check` finds in the same definition, at the same paths with the same messages', async () => {
    // The shipped workflows, with 低保's definition broken (a route to no step, an unknown level) (its other files and process module as shipped).
    const root = mkdtempSync(path.join(tmpdir(), 'tongban-designer-check-'));
    try {
      for (const folder of readdirSync(workflowsRoot)) if (folder !== 'dibao') symlinkSync(path.join(workflowsRoot, folder), path.join(root, folder));
      mkdirSync(path.join(root, 'dibao'));
      for (const file of readdirSync(path.join(workflowsRoot, 'dibao'))) if (file !== 'workflow.json') symlinkSync(path.join(workflowsRoot, 'dibao', file), path.join(root, 'dibao', file));
      const broken = JSON.parse(readFileSync(path.join(workflowsRoot, 'dibao', 'workflow.json'), 'utf8')) as Json;
      const steps = broken.steps as Record<string, { actions?: Record<string, { target?: string; guard?: unknown }> }>;
      const [name, action] = Object.entries(steps.accept!.actions!).find(([, a]) => typeof a.target === 'string')!;
      action.target = 'nowhere';
      (broken.parameters as Json).confirmLevel = 'nation';
      writeFileSync(path.join(root, 'dibao', 'workflow.json'), JSON.stringify(broken));
      const cli = await checkFile(path.join(root, 'dibao', 'workflow.json'), { templatesRoot });
      expect(cli.exitCode).toBe(1);
      const designer = await call<DesignerCheckAnswer>(admin, 'POST', '/api/tongban/admin/workflows/dibao/check', { definition: broken, formSchema: draft.formSchema, uiSchema: draft.uiSchema, templates: draft.templates, sample: draft.sample });
      expect(designer.problems.map((p) => p.path)).toContain(`/definition/steps/accept/actions/${name}/target`);
      expect(designer.problems.map((p) => `${p.path.replace(/^\/definition/, '') || '/'}: ${p.message}`)).toEqual(cli.lines.slice(0, -1));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('saves a draft with problems and answers them, refuses a stale save with 409, and refuses publishing it with the problems, changing nothing', async () => {
    const broken = structuredClone(draft.definition) as Json;
    (broken.steps as Json).accept = { ...((broken.steps as Json).accept as Json), type: 'nonsense' };
    const saved = await call<DesignerDraft>(admin, 'PUT', `/api/tongban/admin/workflows/dibao/drafts/${draft.version}`, { definition: broken, expectedUpdated: draft.updated });
    expect(saved.problems.length).toBeGreaterThan(0);
    expect(saved.updated).not.toBe(draft.updated);
    const stale = await failure(call(admin, 'PUT', `/api/tongban/admin/workflows/dibao/drafts/${draft.version}`, { definition: draft.definition, expectedUpdated: draft.updated }));
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('conflict');
    const refused = await failure(call(admin, 'POST', `/api/tongban/admin/workflows/dibao/drafts/${draft.version}/publish`));
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('invalid_definition');
    expect(refused.body.errors!.length).toBe(saved.problems.length);
    expect((await dibaoVersions()).find((v) => v.version === draft.version)!.status).toBe('draft');
    draft = saved;
  });

  it('publishes the fixed draft with the 公示 days changed: its diff, the audit entry, and new cases start on it while a running case stays on its version', async () => {
    const fixed = (await su.collection('workflow_definitions').getFirstListItem(`key = "dibao" && version = ${shipped} && division = ""`)).definition as Json;
    const days = ((fixed.parameters as Json).publicNotice as { days: number }).days;
    const next = { ...fixed, version: draft.version, parameters: { ...(fixed.parameters as Json), publicNotice: { days: days - 2 } } };
    const saved = await call<DesignerDraft>(admin, 'PUT', `/api/tongban/admin/workflows/dibao/drafts/${draft.version}`, { definition: next, expectedUpdated: draft.updated });
    expect(saved.problems).toEqual([]);
    published = await call<PublishAnswer>(admin, 'POST', `/api/tongban/admin/workflows/dibao/drafts/${draft.version}/publish`);
    expect(published).toMatchObject({ key: 'dibao', version: shipped + 1, basedOn: shipped });
    expect(published.changes).toContainEqual({ kind: 'changed', path: '/definition/parameters/publicNotice/days', before: days, after: days - 2 });
    expect(published.changes).toContainEqual({ kind: 'changed', path: '/definition/version', before: shipped, after: shipped + 1 });
    const versions = await dibaoVersions();
    expect(versions.find((v) => v.version === shipped + 1 && v.division === '')!.status).toBe('published');
    // Each division's overlay is carried over to the new version.
    expect(versions.find((v) => v.version === shipped + 1 && v.division === '320685004')).toMatchObject({ status: 'published', overlayVersion: 1 });
    const audit = await su.collection('audit_log').getFullList({ filter: su.filter('action = "workflow.publish" && target_id = {:id}', { id: draft.id }) });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_role: 'admin', actor_name: expect.any(String) });
    expect((audit[0]!.after as { changes: unknown[] }).changes).toContainEqual({ kind: 'changed', path: '/definition/parameters/publicNotice/days', before: days, after: days - 2 });
    expect(await caseVersion(runningBefore)).toBe(shipped);
    const fresh = (await openCase(applicant, demoHousehold)).case.id;
    expect(await caseVersion(fresh)).toBe(shipped + 1);
    const diff = await call<VersionDiffAnswer>(admin, 'GET', `/api/tongban/admin/workflows/dibao/diff?from=${shipped}&to=${shipped + 1}`);
    expect(diff).toEqual({ key: 'dibao', from: shipped, to: shipped + 1, changes: published.changes });
  });

  it('serves the published draft’s validator module, made on the server, which validates like the shipped version’s', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tongban-validators-'));
    try {
      const load = async (version: number) => {
        const answer = await fetch(`${server.url}/api/tongban/workflows/dibao/${version}/validator.js`);
        expect(answer.status).toBe(200);
        const code = await answer.text();
        expect(code).not.toMatch(/new Function|\beval\(/);
        const file = path.join(dir, `v${version}.mjs`);
        writeFileSync(file, code);
        return (await import(pathToFileURL(file).href)).default as ((data: unknown) => boolean) & { errors?: { instancePath: string; keyword: string }[] | null };
      };
      const [original, made] = [await load(shipped), await load(shipped + 1)];
      const bad = { ...structuredClone(draft.sample), applicant: { ...((draft.sample as Json).applicant as Json), idNumber: '110101199003071234', phone: '123' } };
      for (const data of [draft.sample, bad, {}, { applicant: 5 }]) {
        expect(made(data)).toBe(original(data));
        expect((made.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`)).toEqual((original.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`));
      }
      expect(made(bad)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never changes a published version: not through the drafts routes, not through the record API', async () => {
    const route = `/api/tongban/admin/workflows/dibao/drafts/${shipped + 1}`;
    expect((await failure(call(admin, 'PUT', route, { definition: draft.definition }))).body.code).toBe('not_a_draft');
    expect((await failure(call(admin, 'DELETE', route))).body.code).toBe('not_a_draft');
    const record = await su.collection('workflow_definitions').getFirstListItem(`key = "dibao" && version = ${shipped} && division = ""`);
    const changed = { ...(record.definition as Json), name: '改过的名称' };
    const refused = await failure(su.collection('workflow_definitions').update(record.id, { definition: changed }));
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('immutable_version');
    expect(refused.body.errors).toEqual([{ path: '/definition', message: expect.any(String) }]);
    for (const field of ['form_schema', 'templates']) expect((await failure(su.collection('workflow_definitions').update(record.id, { [field]: { changed: true } }))).body.code).toBe('immutable_version');
    expect((await failure(su.collection('workflow_definitions').update(record.id, { status: 'draft' }))).body.code).toBe('immutable_version');
    expect((await failure(su.collection('workflow_definitions').delete(record.id))).body.code).toBe('immutable_version');
    expect((await su.collection('workflow_definitions').getOne(record.id)).definition).toEqual(record.definition);
  });

  it('retires a version: new cases start on the newest still published, a case running on it continues', async () => {
    const onNew = (await openCase(applicant, demoHousehold)).case.id;
    const retired = await call<{ status: string; newCasesStartOn: number | null }>(admin, 'POST', `/api/tongban/admin/workflows/dibao/versions/${shipped + 1}/retire`);
    expect(retired).toMatchObject({ status: 'retired', divisions: ['320685004'], newCasesStartOn: shipped });
    const versions = await dibaoVersions();
    expect(versions.filter((v) => v.version === shipped + 1).every((v) => v.status === 'retired')).toBe(true);
    expect(await caseVersion((await openCase(applicant, demoHousehold)).case.id)).toBe(shipped);
    expect(await caseVersion(onNew)).toBe(shipped + 1);
    expect((await fetch(`${server.url}/api/tongban/workflows/dibao/${shipped + 1}/validator.js`)).status).toBe(200);
    const audit = await su.collection('audit_log').getFullList({ filter: su.filter('action = "workflow.retire" && target_id = {:id}', { id: draft.id }) });
    expect(audit).toHaveLength(1);
    expect((await failure(call(admin, 'POST', `/api/tongban/admin/workflows/dibao/versions/${shipped + 1}/retire`))).status).toBe(409);
  });

  it('discards a draft, and only a draft', async () => {
    const opened = await call<DesignerDraft>(admin, 'POST', '/api/tongban/admin/workflows/dibao/drafts', { from: shipped });
    expect(opened).toMatchObject({ version: shipped + 2, basedOn: shipped });
    expect(await call(admin, 'DELETE', `/api/tongban/admin/workflows/dibao/drafts/${opened.version}`)).toMatchObject({ discarded: true });
    expect((await dibaoVersions()).some((v) => v.version === shipped + 2)).toBe(false);
    expect((await failure(call(admin, 'GET', `/api/tongban/admin/workflows/dibao/drafts/${opened.version}`))).status).toBe(404);
  });

  it('stores the process’s sample with each shipped version', async () => {
    const record = await su.collection('workflow_definitions').getFirstListItem(`key = "dibao" && version = ${shipped} && division = ""`, { fields: 'sample' });
    expect(record.sample).toHaveProperty('applicant');
  });
});
