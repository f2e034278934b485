import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { command, failure, type CommandAnswer } from '../../support/commands.js';

interface FactChange { fact: string; from: unknown; to: unknown; case: string | null }

const liquidation = {
  leader: '孙弈', members: ['王建国', '李秀英'], startedOn: '2026-04-20', completedOn: '2026-05-25', remainingAssets: 8000,
  assetsDisposal: '剩余财产8000元捐赠海安市体育总会，用于青少年棋类推广。', debtsSettled: true, report: '清算组清理债权债务完毕，无未了结诉讼，剩余财产已按章程处置。', completed: true,
};

describe('注销登记 through the real server', () => {
  let server: TestServer;
  let su: PocketBase;
  let educationUnit: string;
  const subjectOf = async (creditCode: string) => su.collection('subjects').getFirstListItem(`kind = "organisation" && key = "${creditCode}"`);
  const open = (pb: PocketBase, data: unknown) => pb.send<CommandAnswer>('/api/tongban/cases', { method: 'POST', body: { workflow: 'org-deregistration', commandId: randomUUID(), data } });

  beforeAll(async () => {
    server = await startPocketBase();
    su = await server.superuser();
    educationUnit = (await su.collection('org_units').getFirstListItem('kind = "supervisory_unit"')).id;
  });
  afterAll(() => server?.dispose());

  it('org-weiqi@ completes its 清算 and applies, education@ consents, registration@ deregisters: status 注销, certificate withdrawn, history kept', async () => {
    const org = await server.login('org-weiqi');
    const opened = await open(org, {
      organisation: { orgType: '社会团体', name: '海安市围棋协会', creditCode: '51320685MJ5810E67H', category: '体育类', supervisorUnit: educationUnit, legalRepresentative: '孙弈' },
      dissolution: { reason: '分立、合并', resolutionDate: '2026-04-18' },
    });
    const resolved = await command(org, opened.case, 'submit');
    expect(resolved.case.step).toBe('liquidation');
    // Not before the 清算 is complete.
    expect((await failure(command(org, resolved.case, 'submit', { data: { liquidation: { ...liquidation, completed: false } } }))).status).toBeGreaterThanOrEqual(400);
    const filed = await command(org, resolved.case, 'submit', { data: { liquidation } });
    expect(filed.case.step).toBe('preReview');

    const education = await server.login('education');
    const consented = await command(education, filed.case, 'consent', { data: { review: { opinion: '清算在本单位指导下完成，同意注销。' } } });
    const registration = await server.login('registration');
    const accepted = await command(registration, consented.case, 'accept');
    expect((await subjectOf('51320685MJ5810E67H')).facts).toMatchObject({ status: '正常', registered: true });

    const approved = await command(registration, accepted.case, 'approve');
    expect(approved.case).toMatchObject({ status: 'done', outcome: 'approved' });
    const after = await subjectOf('51320685MJ5810E67H');
    expect(after.facts).toMatchObject({ status: '注销', registered: false, certificateWithdrawn: true, liquidationCompletedOn: '2026-05-25', deregisteredOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), certificateNo: '海民社登字第0121号' });
    const history = await registration.send<{ factHistory: FactChange[] }>(`/api/tongban/subjects/${after.id}`, {});
    expect(history.factHistory).toContainEqual(expect.objectContaining({ fact: 'status', from: '正常', to: '注销', case: opened.case.id }));
    const documents = await su.collection('documents').getFullList({ filter: `application = "${opened.case.id}"` });
    expect(documents.map((d) => d.title as string).sort()).toEqual(['受理通知书', '准予注销登记决定书', '注销登记证明书'].sort());
    const register = await registration.send<{ items: { creditCode: string; status: string }[] }>('/api/tongban/organisations', {});
    expect(register.items).toContainEqual(expect.objectContaining({ creditCode: '51320685MJ5810E67H', status: '注销' }));

    // A body 注销 cannot start again.
    const again = await open(org, {
      organisation: { orgType: '社会团体', name: '海安市围棋协会', creditCode: '51320685MJ5810E67H', category: '体育类', supervisorUnit: educationUnit, legalRepresentative: '孙弈' },
      dissolution: { reason: '自行解散', resolutionDate: '2026-07-01' },
    });
    expect((await failure(command(org, again.case, 'submit'))).status).toBeGreaterThanOrEqual(400);
  });

  it('org-volunteers@ (直接登记) goes straight to registration@, whose refusal leaves the record as it was', async () => {
    const before = await subjectOf('51320685MJ5803Q69E');
    const org = await server.login('org-volunteers');
    const opened = await open(org, {
      organisation: { orgType: '社会团体', name: '海安市青年志愿者协会', creditCode: '51320685MJ5803Q69E', category: '公益慈善类', legalRepresentative: '陈晓雯' },
      dissolution: { reason: '自行解散', resolutionDate: '2026-04-18' },
    });
    const resolved = await command(org, opened.case, 'submit');
    const filed = await command(org, resolved.case, 'submit', { data: { liquidation: { ...liquidation, leader: '陈晓雯' } } });
    expect(filed.case.step).toBe('accept');
    const registration = await server.login('registration');
    const accepted = await command(registration, filed.case, 'accept');
    const refused = await command(registration, accepted.case, 'refuse', { comment: '不予注销', data: { decision: { reasons: '清算报告未列明对外债务的清偿情况。' } } });
    expect(refused.case).toMatchObject({ status: 'done', outcome: 'rejected' });
    expect((await subjectOf('51320685MJ5803Q69E')).facts).toEqual(before.facts);
  });
});
