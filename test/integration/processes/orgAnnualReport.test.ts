import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import type { RecordModel } from 'pocketbase';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { command, type CommandAnswer } from '../../support/commands.js';

/**
 * 年检 and 僵尸型清理 through the real server over two simulated years: the schedules start the
 * cases, the organisations' accounts report, education@ 初审s, registration@ concludes, urges and
 * revokes; deadlines pass on the simulated clock and the sweep acts on them.
 */
const china = (local: string) => new Date(`${local}+08:00`);
const report = (year: number) => ({ year, summary: `${year - 1}年度按章程开展活动，召开理事会两次，组织活动20场。`, income: 86000, expenditure: 79000, netAssets: 41000 });

describe('年检 and 僵尸型清理 over two simulated years through the real server', () => {
  let server: TestServer;
  let su: PocketBase;
  let photo: string;
  const subjectOf = async (creditCode: string) => su.collection('subjects').getFirstListItem(`kind = "organisation" && key = "${creditCode}"`);
  const casesOf = async (workflow: string, subject?: string) => su.collection('applications').getFullList({ filter: `workflow_key = "${workflow}"${subject ? ` && subject = "${subject}"` : ''}`, sort: 'created' });
  const yearCase = async (subject: string, year: number): Promise<RecordModel> => (await casesOf('org-annual-report', subject)).find((c) => (c.data as { report?: { year?: number } }).report?.year === year)!;
  const at = async (local: string) => {
    await server.setClock(china(local));
    await server.sweep();
  };
  const summary = (c: RecordModel) => ({ id: c.id, version: c.version as number });

  beforeAll(async () => {
    server = await startPocketBase({ simulatedClock: true });
    su = await server.superuser();
    await server.setClock(china('2027-01-04T09:00:00'));
    const volunteers = await subjectOf('51320685MJ5803Q69E');
    // A registered society that will file nothing for two years.
    photo = (await su.collection('subjects').create({
      kind: 'organisation', key: '51320685MJ5813H90M', name: '海安市摄影家协会', org_kind: '社会团体', county: volunteers.county,
      facts: { status: '正常', registered: true, certificateNo: '海民社登字第0150号', orgType: '社会团体', category: '文化类' },
    })).id;
    await server.sweep();
  });
  afterAll(() => server?.dispose());

  it('on 1月1日 every registered organisation — and no body in 筹备, 注销 or 撤销 — gets its 2027 年检, due 3月31日', async () => {
    const cases = (await casesOf('org-annual-report')).filter((c) => (c.data as { report: { year: number } }).report.year === 2027);
    const names = cases.map((c) => (c.data as { organisation: { name: string } }).organisation.name).sort();
    expect(names).toEqual(['海安市书画研究会', '海安市围棋协会', '海安市摄影家协会', '海安市集邮协会', '海安市青年志愿者协会'].sort());
    for (const c of cases) expect(c).toMatchObject({ starter: 'schedule', step: 'report', applicant_org: c.subject });
    const task = await su.collection('tasks').getFirstListItem(`application = "${cases[0]!.id}"`);
    expect(new Date(task.due_at as string).toISOString()).toBe(china('2027-04-01T00:00:00').toISOString());
  });

  it('org-weiqi@ reports, education@ 初审s, registration@ concludes 合格, recorded on the organisation with its notice', async () => {
    const weiqi = await subjectOf('51320685MJ5810E67H');
    const mine = await yearCase(weiqi.id, 2027);
    const submitted = await command(await server.login('org-weiqi'), summary(mine), 'submit', { data: { report: report(2027) } });
    expect(submitted.case.step).toBe('supervisorReview');
    const passed = await command(await server.login('education'), submitted.case, 'pass', { data: { review: { opinion: '初审同意。' } } });
    expect(passed.case.step).toBe('authorityReview');
    const concluded = await command(await server.login('registration'), passed.case, 'conclude', { data: { result: { conclusion: '合格' } } });
    expect(concluded.case).toMatchObject({ status: 'done', outcome: 'approved' });
    expect((await subjectOf('51320685MJ5810E67H')).facts).toMatchObject({ annualReport: { lastYear: 2027, lastResult: '合格', results: { y2027: '合格' }, missedYears: 0 } });
    const documents = await su.collection('documents').getFullList({ filter: `application = "${mine.id}"` });
    expect(documents.map((d) => d.title)).toEqual(['年度检查结论通知书']);
  });

  it('org-volunteers@ (no 业务主管单位) reports straight to registration@, whose 基本合格 names the problems', async () => {
    const volunteers = await subjectOf('51320685MJ5803Q69E');
    const mine = await yearCase(volunteers.id, 2027);
    const submitted = await command(await server.login('org-volunteers'), summary(mine), 'submit', { data: { report: report(2027) } });
    expect(submitted.case.step).toBe('authorityReview');
    await command(await server.login('registration'), submitted.case, 'conclude', { data: { result: { conclusion: '基本合格', reasons: '未按规定召开理事会。' } } });
    expect((await subjectOf('51320685MJ5803Q69E')).facts).toMatchObject({ annualReport: { lastResult: '基本合格' } });
  });

  it('a missed 3月31日 escalates to registration@, which sends a 催报通知书; a missed 5月31日 counts a year without a report', async () => {
    await at('2027-04-01T09:00:00');
    const mine = await yearCase(photo, 2027);
    expect(mine.step).toBe('urge');
    const registration = await server.login('registration');
    const urged = await command(registration, summary(mine), 'urge');
    expect(urged.case.step).toBe('lateReport');
    expect((await su.collection('documents').getFullList({ filter: `application = "${mine.id}"` })).map((d) => d.title)).toEqual(['年度检查催报通知书']);
    await at('2027-04-12T09:00:00'); // the other silent bodies' 催报 were not sent within 5 working days: their cases move on by themselves
    await at('2027-06-01T09:00:00');
    expect(await su.collection('applications').getOne(mine.id)).toMatchObject({ status: 'done', outcome: 'terminated', step: 'notFiled' });
    expect((await su.collection('subjects').getOne(photo)).facts).toMatchObject({ status: '正常', annualReport: { missedYears: 1, dormant: false, results: { y2027: '未报' } } });
  });

  it('on 7月1日 the clean-up starts only for a body two years without a report (海安市集邮协会), not yet for one', async () => {
    await at('2027-07-01T09:00:00');
    const philately = await subjectOf('51320685MJ5812G89K');
    expect(philately.facts).toMatchObject({ annualReport: { missedYears: 3, dormant: true, cleanupPending: true } });
    expect((await casesOf('org-dormant-cleanup')).map((c) => c.subject)).toEqual([philately.id]);
  });

  it('a second year without a report makes the body dormant; the next 7月1日 orders 整改, and without it registration@ revokes with notice and 公告', async () => {
    await at('2028-01-03T09:00:00');
    const second = await yearCase(photo, 2028);
    expect(second.step).toBe('report');
    await at('2028-04-01T09:00:00');
    await at('2028-04-12T09:00:00'); // registration@ did not urge within 5 working days: the case moves on by itself
    expect((await su.collection('applications').getOne(second.id)).step).toBe('lateReport');
    await at('2028-06-01T09:00:00');
    expect((await su.collection('subjects').getOne(photo)).facts).toMatchObject({ annualReport: { missedYears: 2, dormant: true, lastMissedYear: 2028 } });

    await at('2028-07-03T09:00:00');
    const [cleanup] = await casesOf('org-dormant-cleanup', photo);
    expect(cleanup).toMatchObject({ starter: 'schedule', step: 'order', data: { organisation: { name: '海安市摄影家协会', missedYears: 2, lastMissedYear: 2028 } } });
    const registration = await server.login('registration');
    const ordered = await command(registration, summary(cleanup!), 'issue', { data: { order: { problems: '连续两年（2027、2028年度）未按规定报送年度工作报告、接受年度检查。', requirements: '补报所欠年度工作报告。' } } });
    expect(ordered.case.step).toBe('rectify');
    expect((await su.collection('subjects').getOne(photo)).facts).toMatchObject({ status: '责令整改' });

    await at('2028-08-03T09:00:00'); // 30 日 passed without a rectification
    const noticed = await su.collection('applications').getOne(cleanup!.id);
    expect(noticed.step).toBe('priorNotice');
    const notified: CommandAnswer = await command(registration, summary(noticed), 'notify');
    expect(notified.case.step).toBe('statement');
    await at('2028-08-10T09:00:00'); // no statement within 5 日
    const toRevoke = await su.collection('applications').getOne(cleanup!.id);
    expect(toRevoke.step).toBe('revoke');
    const revoked = await command(registration, summary(toRevoke), 'revoke', { data: { decision: { reasons: '责令整改期满未改正，经事先告知，未提出陈述、申辩。' } } });
    expect(revoked.case).toMatchObject({ status: 'done', outcome: 'approved' });

    const after = await su.collection('subjects').getOne(photo);
    expect(after.facts).toMatchObject({ status: '撤销', registered: false, certificateWithdrawn: true, revokedOn: '2028-08-10' });
    const titles = (await su.collection('documents').getFullList({ filter: `application = "${cleanup!.id}"`, sort: 'created' })).map((d) => d.title);
    expect(titles).toEqual(['责令整改通知书', '撤销登记事先告知书', '撤销登记决定书', '撤销登记公告']);
    const history = await registration.send<{ factHistory: { fact: string; from: unknown; to: unknown }[] }>(`/api/tongban/subjects/${photo}`, {});
    expect(history.factHistory.filter((c) => c.fact === 'status').map((c) => [c.from, c.to])).toEqual([['正常', '责令整改'], ['责令整改', '撤销']]);
    const register = await registration.send<{ items: { creditCode: string; status: string }[] }>('/api/tongban/organisations', {});
    expect(register.items).toContainEqual(expect.objectContaining({ creditCode: '51320685MJ5813H90M', status: '撤销' }));

    // A revoked body gets no 年检 the next year.
    await at('2029-01-02T09:00:00');
    expect(await yearCase(photo, 2029)).toBeUndefined();
    expect(await su.send(`/api/tongban/cases/${cleanup!.id}/verify`, {})).toMatchObject({ ok: true, replay: { ok: true } });
  });
});
