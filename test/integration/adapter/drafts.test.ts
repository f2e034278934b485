import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { command, failure, openCase } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

describe('drafts: saved loosely, submitted strictly', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startPocketBase();
  });
  afterAll(() => server?.dispose());

  it('opens and saves an application with fields still missing, and keeps what was not sent', async () => {
    const a1 = await server.login('applicant-a1');
    const opened = await openCase(a1, { applicant: { name: '王秀英' } });
    const saved = await command(a1, opened.case, 'save', { data: { applicant: { phone: '13912345678' }, income: { wages: 600 } } });
    expect(saved.case.step).toBe('apply');
    const own = await a1.send<{ data: { applicant: Record<string, unknown>; income: Record<string, unknown> } }>(`/api/tongban/cases/${opened.case.id}`, {});
    expect(own.data.applicant).toMatchObject({ name: '王秀英', phone: '13912345678' });
    expect(own.data.income.wages).toBe(600);
  });

  it('still refuses in a draft what is filled in wrongly', async () => {
    const a1 = await server.login('applicant-a1');
    const opened = await openCase(a1, { applicant: { name: '王秀英' } });
    const refused = await failure(command(a1, opened.case, 'save', { data: { applicant: { idNumber: '320621195503120024' } } }));
    expect(refused.status).toBe(422);
    expect(refused.body.errors?.map((e) => e.path)).toEqual(['/data/applicant/idNumber']);
  });

  it('refuses to submit a loosely saved draft that is incomplete, even when the submit sends nothing new', async () => {
    const a1 = await server.login('applicant-a1');
    const opened = await openCase(a1, { ...demoHousehold, applicant: { name: '王秀英', idNumber: demoHousehold.applicant.idNumber } });
    const refused = await failure(command(a1, opened.case, 'submit'));
    expect(refused.status).toBe(422);
    expect(refused.body.errors?.map((e) => e.path)).toContain('/data/applicant/phone');
    const saved = await command(a1, opened.case, 'save', { data: { applicant: { phone: '13912345678', address: demoHousehold.applicant.address } } });
    expect((await command(a1, saved.case, 'submit')).case.step).toBe('accept');
  });
});
