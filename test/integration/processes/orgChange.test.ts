import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { command, failure, type CommandAnswer } from '../../support/commands.js';

interface FactChange { fact: string; from: unknown; to: unknown; at: string; case: string | null }
interface History { name: string; facts: Record<string, unknown>; factHistory: FactChange[]; cases: { id: string; outcome: string | null }[] }

describe('变更登记 through the real server', () => {
  let server: TestServer;
  let su: PocketBase;
  let educationUnit: string;
  const subjectOf = async (creditCode: string) => su.collection('subjects').getFirstListItem(`kind = "organisation" && key = "${creditCode}"`);
  const open = (pb: PocketBase, data: unknown) => pb.send<CommandAnswer>('/api/tongban/cases', { method: 'POST', body: { workflow: 'org-change', commandId: randomUUID(), data } });

  beforeAll(async () => {
    server = await startPocketBase();
    su = await server.superuser();
    educationUnit = (await su.collection('org_units').getFirstListItem('kind = "supervisory_unit"')).id;
  });
  afterAll(() => server?.dispose());

  it('org-volunteers@ applies, registration@ approves, and the record changes only then, the old values kept in its history', async () => {
    const before = await subjectOf('51320685MJ5803Q69E');
    const org = await server.login('org-volunteers');
    const opened = await open(org, {
      organisation: { orgType: '社会团体', name: '海安市青年志愿者协会', creditCode: '51320685MJ5803Q69E', category: '公益慈善类' },
      change: { legalRepresentative: '林海燕', address: '海安市长江西路66号', reason: '换届选举产生新任法定代表人；办公场所迁址。' },
    });
    const submitted = await command(org, opened.case, 'submit');
    expect(submitted.case.step).toBe('accept');
    const registration = await server.login('registration');
    const accepted = await command(registration, submitted.case, 'accept');
    expect((await subjectOf('51320685MJ5803Q69E')).facts).toEqual(before.facts);

    const approved = await command(registration, accepted.case, 'approve');
    expect(approved.case).toMatchObject({ status: 'done', outcome: 'approved' });
    const after = await subjectOf('51320685MJ5803Q69E');
    expect(after.facts).toMatchObject({ legalRepresentative: '林海燕', address: '海安市长江西路66号', lastChangedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), status: '正常', certificateNo: '海民社登字第0168号' });
    const history = await registration.send<History>(`/api/tongban/subjects/${after.id}`, {});
    expect(history.factHistory).toEqual(expect.arrayContaining([
      expect.objectContaining({ fact: 'legalRepresentative', from: '陈晓雯', to: '林海燕', case: opened.case.id }),
      expect.objectContaining({ fact: 'address', from: '海安市中坝南路18号', to: '海安市长江西路66号', case: opened.case.id }),
    ]));
    expect(history.cases).toContainEqual(expect.objectContaining({ id: opened.case.id, outcome: 'approved' }));
    const documents = await su.collection('documents').getFullList({ filter: `application = "${opened.case.id}"` });
    expect(documents.map((d) => d.title as string).sort()).toEqual(['准予变更登记决定书', '受理通知书'].sort());
  });

  it('org-weiqi@ renames its society: education@ reviews first, then registration@ approves and the register shows the new name', async () => {
    const org = await server.login('org-weiqi');
    const opened = await open(org, {
      organisation: { orgType: '社会团体', name: '海安市围棋协会', creditCode: '51320685MJ5810E67H', category: '体育类', supervisorUnit: educationUnit },
      change: { name: '海安市棋类运动协会', reason: '会员大会决定扩大业务范围并相应更名。' },
    });
    const submitted = await command(org, opened.case, 'submit');
    expect(submitted.case.step).toBe('preReview');
    const registration = await server.login('registration');
    expect((await failure(command(registration, submitted.case, 'consent'))).status).toBeGreaterThanOrEqual(403);
    const education = await server.login('education');
    const consented = await command(education, submitted.case, 'consent', { data: { review: { opinion: '同意更名。' } } });
    const accepted = await command(registration, consented.case, 'accept');
    await command(registration, accepted.case, 'approve');
    const renamed = await subjectOf('51320685MJ5810E67H');
    expect(renamed).toMatchObject({ name: '海安市棋类运动协会', facts: expect.objectContaining({ name: '海安市棋类运动协会' }) });
    const register = await education.send<{ items: { creditCode: string; name: string }[] }>('/api/tongban/organisations', {});
    expect(register.items).toContainEqual(expect.objectContaining({ creditCode: '51320685MJ5810E67H', name: '海安市棋类运动协会' }));
    const history = await education.send<History>(`/api/tongban/subjects/${renamed.id}`, {});
    expect(history.factHistory).toContainEqual(expect.objectContaining({ fact: 'name', from: '海安市围棋协会', to: '海安市棋类运动协会' }));
  });

  it('a refusal leaves the record and its history as they were', async () => {
    const before = await subjectOf('51320685MJ5803Q69E');
    const org = await server.login('org-volunteers');
    const opened = await open(org, {
      organisation: { orgType: '社会团体', name: '海安市青年志愿者协会', creditCode: '51320685MJ5803Q69E', category: '公益慈善类' },
      change: { registeredCapital: 10000, reason: '减少注册资金。' },
    });
    const submitted = await command(org, opened.case, 'submit');
    const registration = await server.login('registration');
    const accepted = await command(registration, submitted.case, 'accept');
    const refused = await command(registration, accepted.case, 'refuse', { comment: '不予变更', data: { decision: { reasons: '地方性社会团体的注册资金不得少于3万元。' } } });
    expect(refused.case).toMatchObject({ status: 'done', outcome: 'rejected' });
    const after = await subjectOf('51320685MJ5803Q69E');
    expect(after.facts).toEqual(before.facts);
    expect(after.fact_history).toEqual(before.fact_history);
  });
});
