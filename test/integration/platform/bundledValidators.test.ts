import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesignerDraft, PublishAnswer } from '../../../engine/api/designerRoutes.js';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { failure, openCase } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

type Json = Record<string, unknown>;
type ValidatorSource = { key: string; version: number; form: boolean; precompiled: boolean };

describe('form validators precompiled into the hook bundle, on a real server', () => {
  let server: TestServer;
  let su: PocketBase;
  let admin: PocketBase;
  let applicant: PocketBase;
  let shipped: ValidatorSource;
  const source = async (key: string) => su.send<ValidatorSource>(`/api/tongban/bench/validators/${key}`, {});

  beforeAll(async () => {
    server = await startPocketBase({ env: { TONGBAN_BENCH: '1' } });
    [su, admin, applicant] = await Promise.all([server.superuser(), server.login('admin'), server.login('applicant-a1')]);
    shipped = await source('dibao');
  }, 240_000);
  afterAll(() => server?.dispose());

  it('validate a shipped process’s form without compiling it in the VM, and refuse bad data with the form’s messages', async () => {
    expect(shipped).toMatchObject({ key: 'dibao', form: true, precompiled: true });
    const bad = await failure(openCase(applicant, { ...demoHousehold, applicant: { ...demoHousehold.applicant, phone: '12345' } }));
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toContainEqual({ path: '/data/applicant/phone', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    expect((await openCase(applicant, demoHousehold)).case.id).toEqual(expect.any(String));
  });

  it('compile a form a designer published (the bundle does not carry it), and validate by it', async () => {
    const draft = await admin.send<DesignerDraft>('/api/tongban/admin/workflows/dibao/drafts', { method: 'POST', body: {} });
    const form = structuredClone(draft.formSchema) as { properties: { applicant: { properties: { name: Json } } } };
    form.properties.applicant.properties.name = { ...form.properties.applicant.properties.name, maxLength: 2, 'x-messages': { maxLength: '姓名最多两个字（测试规则）。' } };
    const sample = structuredClone(draft.sample) as { applicant: Json };
    sample.applicant.name = '王英';
    const saved = await admin.send<DesignerDraft>(`/api/tongban/admin/workflows/dibao/drafts/${draft.version}`, { method: 'PUT', body: { formSchema: form, sample, expectedUpdated: draft.updated } });
    expect(saved.problems).toEqual([]);
    const published = await admin.send<PublishAnswer>(`/api/tongban/admin/workflows/dibao/drafts/${draft.version}/publish`, { method: 'POST' });
    expect(published.version).toBe(shipped.version + 1);
    expect(await source('dibao')).toMatchObject({ version: shipped.version + 1, form: true, precompiled: false });
    const refused = await failure(openCase(applicant, demoHousehold));
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toContainEqual({ path: '/data/applicant/name', message: '姓名最多两个字（测试规则）。' });
    const opened = await applicant.send<{ case: { workflow?: unknown } }>('/api/tongban/cases', { method: 'POST', body: { workflow: 'dibao', commandId: crypto.randomUUID(), data: { ...demoHousehold, applicant: { ...demoHousehold.applicant, name: '王英' } } } });
    expect(opened.case).toBeTruthy();
  });
});
