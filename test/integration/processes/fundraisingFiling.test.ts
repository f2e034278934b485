import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { command, failure, type CommandAnswer } from '../../support/commands.js';
import { demoFundraisingPlan } from '../../../server/demo/fundraisingDemoCases.js';

describe('公开募捐方案备案 through the real server', () => {
  let server: TestServer;
  let su: PocketBase;
  const open = (pb: PocketBase, data: unknown) => pb.send<CommandAnswer>('/api/tongban/cases', { method: 'POST', body: { workflow: 'fundraising-filing', commandId: randomUUID(), data } });
  const subjectOf = async (creditCode: string) => su.collection('subjects').getFirstListItem(`kind = "organisation" && key = "${creditCode}"`);
  const titles = async (caseId: string) => (await su.collection('documents').getFullList({ filter: `application = "${caseId}"` })).map((d) => d.title as string).sort();

  beforeAll(async () => {
    server = await startPocketBase({ simulatedClock: true });
    await server.setClock(new Date('2026-09-15T09:00:00+08:00'));
    su = await server.superuser();
  });
  afterAll(() => server?.dispose());

  it('refuses an organisation without 公募资格 at the start, saying why', async () => {
    const eldercare = await server.login('org-eldercare');
    const refused = await failure(open(eldercare, demoFundraisingPlan('海安市城南社区养老服务中心', '52320685MJ5805T12A')));
    expect(refused).toMatchObject({ status: 403, body: { code: 'starter_not_allowed', message: expect.stringContaining('只有取得公开募捐资格的慈善组织') } });
  });

  it('org-volunteers files 16 日 ahead, registration@ publishes it with a 备案回执, and the organisation owes one disclosure task per quarter and a final one', async () => {
    const org = await server.login('org-volunteers');
    const opened = await open(org, demoFundraisingPlan());
    const submitted = await command(org, opened.case, 'submit');
    expect(submitted.case.step).toBe('review');
    const registration = await server.login('registration');
    expect((await failure(command(await server.login('education'), submitted.case, 'accept'))).status).toBeGreaterThanOrEqual(403);
    const accepted = await command(registration, submitted.case, 'accept', { data: { review: { recordNo: '海民募备〔2026〕7号' } } });
    expect(accepted.case.step).toBe('disclosures');
    expect(await titles(opened.case.id)).toEqual(['公开募捐方案备案回执']);
    expect((await subjectOf('51320685MJ5803Q69E')).facts).toMatchObject({ charity: { publicFundraising: true, lastFilingRecordNo: '海民募备〔2026〕7号' } });

    const disclosures = await su.collection('applications').getFullList({ filter: `parent = "${opened.case.id}"`, sort: 'case_no' });
    expect(disclosures.map((d) => [d.workflow_key, (d.data as { report: { dueDate: string } }).report.dueDate])).toEqual([
      ['fundraising-disclosure', '2027-01-01'], ['fundraising-disclosure', '2027-04-01'], ['fundraising-disclosure', '2027-07-01'], ['fundraising-disclosure', '2027-12-30'],
    ]);
    // Each is a task of the organisation, due at the end of its due date.
    const tasks = await su.collection('tasks').getFullList({ filter: disclosures.map((d) => `application = "${d.id}"`).join(' || ') });
    expect(tasks.map((t) => [t.level, t.status, new Date(t.due_at as string).toISOString()]).sort()).toEqual([
      ['applicant', 'open', '2027-01-01T16:00:00.000Z'], ['applicant', 'open', '2027-04-01T16:00:00.000Z'], ['applicant', 'open', '2027-07-01T16:00:00.000Z'], ['applicant', 'open', '2027-12-30T16:00:00.000Z'],
    ]);
    for (const [i, d] of disclosures.entries()) {
      const report = { ...(d.data as { report: Record<string, unknown> }).report, raised: 100000 + i, spent: 50000, summary: `第${i + 1}次公开：募得款物与使用情况。`, publishedOn: '2026-12-28' };
      const done = await command(org, { id: d.id, version: d.version as number }, 'submit', { data: { report } });
      expect(done.case).toMatchObject({ status: 'done', outcome: 'approved' });
    }
    const parent = await su.collection('applications').getOne(opened.case.id);
    expect(parent).toMatchObject({ status: 'done', outcome: 'approved', step: 'completed' });
  });

  it('a supervised charity needs its 业务主管单位: education@ consents, registration@ asks for more, and a filing left 5 日 is refused', async () => {
    const stem = await subjectOf('51320685MJ5804K01A');
    await su.collection('subjects').update(stem.id, { facts: { ...(stem.facts as object), status: '正常', charity: { publicFundraising: true } } });
    const supervisor = (stem.facts as { supervisorUnit: string }).supervisorUnit;
    const org = await server.login('org-stem');
    const plan = demoFundraisingPlan('海安市青少年科技教育促进会', '51320685MJ5804K01A');
    const opened = await open(org, plan);
    expect((await failure(command(org, opened.case, 'submit'))).body.message).toContain('有业务主管单位的，须选择业务主管单位');
    const submitted = await command(org, opened.case, 'submit', { data: { organisation: { ...plan.organisation, supervisorUnit: supervisor } } });
    expect(submitted.case.step).toBe('consent');
    const registration = await server.login('registration');
    expect((await failure(command(registration, submitted.case, 'consent'))).status).toBeGreaterThanOrEqual(403);
    const consented = await command(await server.login('education'), submitted.case, 'consent', { data: { consent: { opinion: '同意开展。' } } });
    expect(consented.case.step).toBe('review');
    const returned = await command(registration, consented.case, 'requestCompletion', { returnTo: 'supplement', comment: '材料不齐', data: { review: { missing: ['募捐箱设置地点清单'] } } });
    expect(returned.case.step).toBe('supplement');
    await server.setClock(new Date('2026-09-21T09:00:00+08:00'));
    await server.sweep();
    const lapsed = await su.collection('applications').getOne(opened.case.id);
    expect(lapsed).toMatchObject({ status: 'done', outcome: 'rejected', step: 'lapsed' });
    expect(await titles(opened.case.id)).toEqual(['公开募捐方案备案补齐材料通知书', '公开募捐方案不予备案告知书'].sort());
  }, 150_000); // 8–45 s alone; the sweep over six simulated days runs every due timer and schedule, above 60 s on a loaded 2-core machine
});
