import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { uploadAttachment } from '../../support/attachments.js';
import { failure, openCase, type CaseSummary } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

const hasChinese = /[\u4e00-\u9fff]/;
const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** A file that is a PNG to a sniffer and a page to a browser. */
const polyglot = () => new Blob([new Uint8Array(pngSignature), '\x00\x00\x00\rIHDR<html><script>alert(document.cookie)</script></html>'], { type: 'image/png' });

/** Asserts the error shape of docs/api.md: `{status, code, message, errors?}`, the message in Chinese. */
function expectTongbanError(body: unknown, status: number): { code: string; message: string; errors?: { path: string; message: string }[] } {
  const b = body as { status: number; code: string; message: string; errors?: { path: string; message: string }[]; data?: unknown };
  expect(b.status).toBe(status);
  expect(b.code).toMatch(/^[a-z_]+$/);
  expect(b.message).toMatch(hasChinese);
  expect(b.data).toBeUndefined();
  for (const e of b.errors ?? []) {
    expect(e.path).toMatch(/^\//);
    expect(e.message).toMatch(hasChinese);
  }
  return b;
}

describe('one error shape, in Chinese, on every route a client can reach', () => {
  let server: TestServer;
  let theCase: CaseSummary;

  beforeAll(async () => {
    server = await startPocketBase();
    theCase = (await openCase(await server.login('applicant-a1'), demoHousehold)).case;
  });
  afterAll(() => server?.dispose());

  const raw = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${server.url}${path}`, init);
    return { status: res.status, body: (await res.json()) as unknown };
  };

  it('answers PocketBase’s own errors (not found, bad query, signed out, wrong password) in the Tongban shape', async () => {
    const a1 = await server.login('applicant-a1');
    const missing = await failure(a1.collection('applications').getOne('nosuchrecord123'));
    expect(expectTongbanError(missing.body, 404).code).toBe('not_found');
    expectTongbanError((await failure(a1.collection('applications').getList(1, 10, { filter: '(((' }))).body, 400);
    expectTongbanError((await raw('/api/no/such/route')).body, 404);
    expectTongbanError((await raw('/api/settings')).body, 401);
    const wrongPassword = await raw('/api/collections/users/auth-with-password', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identity: 'applicant-a1@demo.tongban', password: 'nope' }) });
    expect(expectTongbanError(wrongPassword.body, 400).message).toBe('账号或密码不正确。');
  });

  it('answers a refused record create with Chinese field problems at JSON paths', async () => {
    const a1 = await server.login('applicant-a1');
    const refused = await failure(a1.collection('attachments').create({ application: theCase.id, uploaded_by: a1.authStore.record!.id }));
    const body = expectTongbanError(refused.body, 400);
    expect(body.code).toBe('invalid_data');
    expect(body.errors).toContainEqual({ path: '/file', message: '此项必填。' });
  });

  describe('uploads', () => {
    const upload = async (file: Blob, name: string) => {
      const a1 = await server.login('applicant-a1');
      return uploadAttachment(a1, theCase.id, file, name);
    };

    it('refuses a PNG that is also an HTML page when it is named .html, in Chinese', async () => {
      const refused = await failure(upload(polyglot(), 'photo.html'));
      const body = expectTongbanError(refused.body, 400);
      expect(body.errors?.map((e) => e.path)).toEqual(['/file']);
      expect(body.errors?.[0]?.message).toMatch(/扩展名/);
    });

    it('refuses a file whose extension names another accepted type', async () => {
      expectTongbanError((await failure(upload(new Blob(['%PDF-1.4\n%%EOF\n']), 'scan.png'))).body, 400);
      expectTongbanError((await failure(upload(new Blob(['%PDF-1.4\n%%EOF\n']), 'scan'))).body, 400);
    });

    it('refuses a file of a type not accepted at all with the type’s problem', async () => {
      const body = expectTongbanError((await failure(upload(new Blob(['MZ not a document']), 'setup.exe'))).body, 400);
      expect(body.errors?.[0]?.message).toMatch(/文件类型不允许/);
    });

    it('keeps a file whose extension matches its content, and serves it as a sandboxed download', async () => {
      const record = await upload(polyglot(), 'photo.PNG');
      expect(record.file).toMatch(/\.png$/i);
      const a1 = await server.login('applicant-a1');
      const res = await fetch(a1.files.getURL(record, record.file as string, { token: await a1.files.getToken() }));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(res.headers.get('content-security-policy')).toContain('sandbox');
    });
  });

  describe('no existence oracles', () => {
    it('answers a 代办 for a missing account like one for another village’s resident', async () => {
      const village = await server.login('village-a1');
      const otherVillage = (await (await server.superuser()).collection('users').getFirstListItem('email = "applicant-b1@demo.tongban"')).id;
      const open = (applicant: string) => failure(village.send('/api/tongban/cases', { method: 'POST', body: { workflow: 'dibao', commandId: randomUUID(), applicant, data: {} } }));
      const foreign = await open(otherVillage);
      const missing = await open('nosuchuser12345');
      expectTongbanError(foreign.body, 403);
      expect(missing).toEqual(foreign);
    });

    it('answers a sort on a field the user cannot read like a sort on no field at all', async () => {
      const township = await server.login('township-a');
      const answers = await Promise.all(
        ['data', '-data', 'nosuchfield'].map((sort) => failure(township.collection('applications').getList(1, 10, { sort }))),
      );
      expectTongbanError(answers[0]!.body, 400);
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[2]).toEqual(answers[0]);
      const users = await Promise.all(['tokenKey', 'password', 'nosuchfield'].map((sort) => failure(township.collection('users').getList(1, 10, { sort }))));
      expect(users[0]).toEqual(users[2]);
      expect(users[1]).toEqual(users[2]);
    });
  });
});
