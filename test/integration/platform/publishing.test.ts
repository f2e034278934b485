import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientResponseError } from 'pocketbase';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

/** A small definition that passes `tongban check`. */
const sound = {
  key: 'publishing-probe',
  version: 1,
  name: '发布检查探针',
  initial: 'apply',
  steps: {
    apply: { type: 'task', name: '提出申请', assignee: { level: 'applicant' }, actions: { submit: { kind: 'submit', label: '提交', target: 'review' } } },
    review: { type: 'task', name: '审核', assignee: { level: 'township' }, actions: { approve: { kind: 'approve', label: '同意', target: 'done' } } },
    done: { type: 'final', name: '完成', outcome: 'approved' },
  },
};

async function refusal(p: Promise<unknown>): Promise<{ status: number; body: { code?: string; errors?: { path: string; message: string }[] } }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ClientResponseError) return { status: e.status, body: e.response as never };
    throw e;
  }
  throw new Error('expected publishing to be refused');
}

describe('publishing a process version through the API', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startPocketBase();
  });
  afterAll(() => server?.dispose());

  it('publishes a definition that passes the checks', async () => {
    const su = await server.superuser();
    const saved = await su.collection('workflow_definitions').create({ key: sound.key, version: 1, status: 'published', name: sound.name, definition: sound });
    expect(saved.status).toBe('published');
  });

  it('refuses, with the same problems as tongban check, a definition whose route leads nowhere, and writes nothing', async () => {
    const su = await server.superuser();
    const broken = { ...sound, key: 'publishing-broken', steps: { ...sound.steps, review: { ...sound.steps.review, actions: { approve: { kind: 'approve', label: '同意', target: 'nowhere' } } } } };
    const answer = await refusal(su.collection('workflow_definitions').create({ key: broken.key, version: 1, status: 'published', name: broken.name, definition: broken }));
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe('invalid_definition');
    expect(answer.body.errors?.map((e) => e.path)).toContain('/definition/steps/review/actions/approve/target');
    expect(await su.collection('workflow_definitions').getFullList({ filter: `key = "${broken.key}"` })).toEqual([]);
  });

  it('refuses a guard no process registers, and a definition published under another key', async () => {
    const su = await server.superuser();
    const unguarded = { ...sound, key: 'publishing-guard', steps: { ...sound.steps, review: { ...sound.steps.review, actions: { approve: { kind: 'approve', label: '同意', target: 'done', guard: { guard: 'nobody.knows' } } } } } };
    const guard = await refusal(su.collection('workflow_definitions').create({ key: unguarded.key, version: 1, status: 'published', name: unguarded.name, definition: unguarded }));
    expect(guard.status).toBe(409);
    expect(guard.body.errors?.[0]?.path).toMatch(/^\/definition\/steps\/review\/actions\/approve\/guard/);
    const renamed = await refusal(su.collection('workflow_definitions').create({ key: 'publishing-other', version: 1, status: 'published', name: sound.name, definition: sound }));
    expect(renamed.body.errors?.map((e) => e.path)).toEqual(['/definition/key']);
  });

  it('lets a draft be saved unchecked, and checks it when it is published', async () => {
    const su = await server.superuser();
    const draft = { ...sound, key: 'publishing-draft', initial: 'missing' };
    const saved = await su.collection('workflow_definitions').create({ key: draft.key, version: 1, status: 'draft', name: draft.name, definition: draft });
    const publish = await refusal(su.collection('workflow_definitions').update(saved.id, { status: 'published' }));
    expect(publish.status).toBe(409);
    expect((await su.collection('workflow_definitions').getOne(saved.id)).status).toBe('draft');
  });
});
