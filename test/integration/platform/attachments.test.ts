import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { pdf, uploadAttachment } from '../../support/attachments.js';
import { command, failure, openCase, type CaseSummary } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';


describe('attachments of a case in PocketBase', () => {
  let server: TestServer;
  let theCase: CaseSummary;
  let applicantId: string;

  beforeAll(async () => {
    server = await startPocketBase();
    const a1 = await server.login('applicant-a1');
    applicantId = a1.authStore.record!.id;
    theCase = (await openCase(a1, demoHousehold)).case;
  });
  afterAll(() => server?.dispose());

  const upload = (pb: Awaited<ReturnType<TestServer['login']>>, file: Blob, name: string, uploadedBy?: string) => uploadAttachment(pb, theCase.id, file, name, uploadedBy);

  it('stores an applicant’s PDF in a protected file that only a token opens, and the case data can refer to it', async () => {
    const a1 = await server.login('applicant-a1');
    const record = await upload(a1, pdf(), '户口簿.pdf');
    expect(record.file).toMatch(/\.pdf$/);
    const plain = await fetch(a1.files.getURL(record, record.file as string));
    expect(plain.status).toBeGreaterThanOrEqual(400);
    const token = await a1.files.getToken();
    const opened = await fetch(a1.files.getURL(record, record.file as string, { token }));
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain('%PDF-1.4');

    const documents = [{ name: '户口簿.pdf', size: 60, type: 'application/pdf', file: `${record.id}/${record.file as string}` }];
    const submitted = await command(a1, theCase, 'submit', { data: { applicant: { ...demoHousehold.applicant, documents } } });
    theCase = submitted.case;
    const own = await a1.send<{ data: { applicant: { documents: unknown[] } } }>(`/api/tongban/cases/${theCase.id}`, {});
    expect(own.data.applicant.documents).toEqual(documents);
  });

  it('refuses a file of another type or over 10 MB, and an upload in someone else’s name', async () => {
    const a1 = await server.login('applicant-a1');
    expect((await failure(upload(a1, new Blob(['MZ not a document'], { type: 'application/x-msdownload' }), 'setup.exe'))).status).toBe(400);
    expect((await failure(upload(a1, new Blob([new Uint8Array(10 * 1024 * 1024 + 1)], { type: 'application/pdf' }), 'big.pdf'))).status).toBe(400);
    const village = await server.login('village-a1');
    expect((await failure(upload(village, pdf(), 'x.pdf', applicantId))).status).toBe(400);
  });

  it('shows the files to officers of the case’s area, not to another applicant or another township, and lets nobody change or delete them', async () => {
    const village = await server.login('village-a1');
    const seen = await village.collection('attachments').getFullList({ filter: `application = "${theCase.id}"` });
    expect(seen.length).toBe(1);
    const fromVillage = await upload(village, pdf(), '入户调查照片.pdf');
    expect(fromVillage.application).toBe(theCase.id);
    for (const user of ['applicant-b1', 'township-b']) {
      const pb = await server.login(user);
      expect(await pb.collection('attachments').getFullList({ filter: `application = "${theCase.id}"` }), user).toEqual([]);
      expect((await failure(upload(pb, pdf(), 'x.pdf'))).status, user).toBe(400);
    }
    const a1 = await server.login('applicant-a1');
    expect((await failure(a1.collection('attachments').update(seen[0]!.id, { application: theCase.id }))).status).toBe(403);
    expect((await failure(a1.collection('attachments').delete(seen[0]!.id))).status).toBe(403);
  });

  it('stores a file under a random name with its extension, not the name the person gave it', async () => {
    const a1 = await server.login('applicant-a1');
    const record = await upload(a1, pdf(), '320621195503120023_王秀英身份证.PDF');
    expect(record.file).toMatch(/^[a-z0-9]{20}\.pdf$/);
    const village = await server.login('village-a1');
    const seen = await village.collection('attachments').getOne(record.id);
    expect(JSON.stringify(seen)).not.toMatch(/320621195503120023|王秀英/);
    const token = await a1.files.getToken();
    expect((await fetch(a1.files.getURL(record, record.file as string, { token }))).status).toBe(200);
  });
});
