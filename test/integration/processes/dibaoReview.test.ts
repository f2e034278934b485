import { randomBytes, randomUUID } from 'node:crypto';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { command, failure, openCase, type CaseSummary } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

const china = (local: string) => new Date(`${local}+08:00`);
type Facts = { dibao?: Record<string, unknown> };
type SubjectView = { facts: Facts; factHistory: { fact: string; from: unknown; to: unknown; case: string | null }[]; cases: { id: string; workflow: string }[] };
interface RunView { id: string; status: string; total: number; started: number; failed: number }

/** What the township finds at a 复核 visit: the demo household (2 members), with the income given. */
const findings = (income: Record<string, number>, review: Record<string, unknown> = {}) => ({
  applicant: demoHousehold.applicant,
  household: demoHousehold.household,
  income,
  assets: demoHousehold.assets,
  review: { method: '入户调查', investigators: ['赵村干', '钱社工'], stopGround: '无', nextCycle: '年度', ...review },
});

describe('低保 复核 (动态管理) through the real server, by the demo accounts', () => {
  let server: TestServer;
  let su: PocketBase;
  /** 王秀英's household (曲塘镇杨庄村), confirmed by the 低保 process: 1,200 元 a month. */
  let household: string;
  /** Other 曲塘镇 households receiving 低保, one 孙庄街道 household, one 曲塘镇 household whose 低保 stopped. */
  let quTang: string[];
  let sunZhuang: string;
  let sunZhuangHalfYearly: string;
  let stopped: string;
  const titles = async (id: string) => (await su.collection('documents').getFullList({ filter: `application = "${id}"`, sort: 'created' })).map((d) => d.title as string);
  const html = async (id: string, title: string) => (await su.collection('documents').getFirstListItem(`application = "${id}" && title = "${title}"`)).html as string;
  const view = async (pb: PocketBase, id: string) => (await pb.send<{ case: CaseSummary }>(`/api/tongban/cases/${id}`, {})).case;
  const subject = async (id: string) => (await server.login('county')).send<SubjectView>(`/api/tongban/subjects/${id}`, {});
  const bulkStart = async (pb: PocketBase, body: Record<string, unknown>) => pb.send<RunView>('/api/tongban/bulk-starts', { method: 'POST', body: { workflow: 'dibao-review', commandId: randomUUID(), ...body } });
  /** The newest active 复核 of a subject. */
  const reviewOf = async (subjectId: string) => su.collection('applications').getFirstListItem(`workflow_key = "dibao-review" && subject = "${subjectId}" && status = "active"`, { sort: '-created' });

  beforeAll(async () => {
    server = await startPocketBase({ simulatedClock: true });
    su = await server.superuser();
    await server.setClock(china('2026-03-02T09:00:00'));
    // The household's 低保 is confirmed first: the 复核 reads and changes the facts it leaves.
    const a1 = await server.login('applicant-a1');
    const townshipA = await server.login('township-a');
    const county = await server.login('county');
    let c: CaseSummary = (await openCase(a1, demoHousehold)).case;
    c = (await command(a1, c, 'submit')).case;
    c = (await command(townshipA, c, 'accept', { data: { acceptance: { complete: true, relativeFiling: false } } })).case;
    c = (await command(await server.login('village-a1'), c, 'complete', { data: { investigation: { investigators: ['赵村干', '钱社工'] } } })).case;
    c = (await command(county, c, 'complete', { data: { verification: { result: '一致' } } })).case;
    c = (await command(townshipA, c, 'approve', { data: { townshipReview: { opinion: '符合条件' } } })).case;
    await server.setClock(china('2026-03-12T10:00:00'));
    await server.sweep();
    c = (await command(county, await view(county, c.id), 'confirm', { data: { countyReview: { opinion: '同意' } } })).case;
    expect(c.outcome).toBe('approved');
    household = (await su.collection('applications').getOne(c.id)).subject as string;

    const unit = (code: string) => su.collection('org_units').getFirstListItem<{ id: string; township: string; county: string }>(`code = "${code}"`);
    const yangZhuang = await unit('320685102290');
    const sunZhuangCommunity = await unit('320685004001');
    const create = async (home: { id: string; township: string; county: string }, name: string, dibao: Record<string, unknown>) =>
      (await su.collection('subjects').create({ kind: 'person', key: randomBytes(32).toString('hex'), name, village: home.id, township: home.township, county: home.county, facts: { dibao } })).id;
    quTang = [
      await create(yangZhuang, '周*芳', { status: '在保', category: '全户保', monthlyAmount: 800, members: 1, since: '2024-05-01' }),
      await create(yangZhuang, '吴*军', { status: '在保', category: '单人保', monthlyAmount: 1000, members: 1, since: '2025-01-01', reviewCycle: '半年度' }),
    ];
    stopped = await create(yangZhuang, '郑*明', { status: '停保', category: '全户保', monthlyAmount: 0, members: 3 });
    sunZhuang = await create(sunZhuangCommunity, '冯*华', { status: '在保', category: '全户保', monthlyAmount: 600, members: 2 });
    sunZhuangHalfYearly = await create(sunZhuangCommunity, '陈*强', { status: '在保', category: '全户保', monthlyAmount: 450, members: 3, reviewCycle: '半年度' });
  });
  afterAll(() => server?.dispose());

  it('曲塘镇 starts the 复核 of all its 低保 households in bulk: one case each, at its own 复核 visit, none for other townships or stopped households', async () => {
    const townshipA = await server.login('township-a');
    const run = await bulkStart(townshipA, { selector: { fact: { path: 'dibao.status', equals: '在保' } } });
    expect(run).toMatchObject({ status: 'done', total: 3, started: 3, failed: 0 });
    const cases = await su.collection('applications').getFullList({ filter: `bulk_run = "${run.id}"` });
    expect(cases.map((c) => c.subject).sort()).toEqual([household, ...quTang].sort());
    expect(cases.every((c) => c.step === 'review' && c.starter === 'officer')).toBe(true);
    expect(cases.map((c) => c.subject)).not.toContain(sunZhuang);
    expect(cases.map((c) => c.subject)).not.toContain(stopped);
    // The 曲塘镇 officers see the three visits in their queue; 孙庄街道 sees none of them.
    const queue = await townshipA.collection('tasks').getFullList({ filter: `application.workflow_key = "dibao-review"` });
    expect(queue).toHaveLength(3);
    const other = await (await server.login('township-b')).collection('tasks').getFullList({ filter: `application.workflow_key = "dibao-review"` });
    expect(other).toHaveLength(0);
    // A village officer may not start a 复核, a township may not for another township's household.
    expect((await failure(bulkStart(await server.login('village-a1'), { subjects: [household] }))).status).toBe(403);
    const foreign = await bulkStart(townshipA, { subjects: [sunZhuang] });
    expect(foreign).toMatchObject({ started: 0, failed: 1 });
  });

  it('减发 when the household’s income rose: the county decides, the notice gives the old and new amounts with reasons and appeal rights, and the facts change with their history', async () => {
    const townshipA = await server.login('township-a');
    const county = await server.login('county');
    let c = await view(townshipA, (await reviewOf(household)).id);
    c = (await command(townshipA, c, 'submit', { data: findings({ wages: 1000, transfer: 200 }, { reasons: ['子女张明在社区公益岗位就业，月收入增加'], nextCycle: '半年度' }) })).case;
    expect(c.step).toBe('confirm');
    const stored = await su.collection('applications').getOne(c.id);
    expect(stored.data).toMatchObject({ previous: { monthlyAmount: 1200, category: '全户保', members: 2 }, proposal: { change: '减发', monthlyAmount: 800, previousAmount: 1200 } });
    // The township cannot decide where the county confirms.
    expect((await failure(command(townshipA, c, 'adjust'))).status).toBe(403);
    c = (await command(county, c, 'adjust', { data: { decision: { opinion: '同意减发' } } })).case;
    expect(c).toMatchObject({ status: 'done', step: 'adjusted', outcome: 'approved' });
    expect(await titles(c.id)).toEqual(['最低生活保障金额变更通知书']);
    const notice = await html(c.id, '最低生活保障金额变更通知书');
    for (const text of ['减发', '1,200', '800', '公益岗位', '六十日内', '六个月内', '2026年4月']) expect(notice).toContain(text);

    const facts = await subject(household);
    expect(facts.facts.dibao).toMatchObject({ status: '在保', monthlyAmount: 800, reviewCycle: '半年度', reviewedOn: '2026-03-12', changedOn: '2026-03-12' });
    expect(facts.factHistory).toContainEqual(expect.objectContaining({ fact: 'dibao.monthlyAmount', from: 1200, to: 800, case: c.id }));
    expect(await county.send(`/api/tongban/cases/${c.id}/verify`, {})).toMatchObject({ ok: true });
  });

  it('停发 goes through a 7-day 公示 without ID numbers, then the county stops it, the township delivers, and the household is 停保', async () => {
    const townshipA = await server.login('township-a');
    const county = await server.login('county');
    const target = quTang[0]!;
    let c = await view(townshipA, (await reviewOf(target)).id);
    c = (await command(townshipA, c, 'submit', { data: findings({ wages: 0 }, { stopGround: '保障对象死亡', reasons: ['户主周某芳于2026年2月死亡，无其他共同生活成员'] }) })).case;
    expect(c.step).toBe('publicNotice');
    const list = await html(c.id, '最低生活保障停发公示');
    expect(list).toContain('王*英');
    expect(list).not.toContain(demoHousehold.applicant.idNumber);
    expect((await failure(command(county, c, 'stop'))).status).toBe(409);
    await server.setClock(china('2026-03-20T10:00:00'));
    await server.sweep();
    c = await view(county, c.id);
    expect(c.step).toBe('confirm');
    c = (await command(county, c, 'stop')).case;
    expect(c.step).toBe('deliverStop');
    const stop = await html(c.id, '最低生活保障停发通知书');
    for (const text of ['停发', '死亡', '六十日内', '六个月内']) expect(stop).toContain(text);
    expect((await subject(target)).facts.dibao).toMatchObject({ status: '停保', monthlyAmount: 0, stoppedOn: '2026-03-20' });
    c = (await command(townshipA, c, 'delivered', { data: { delivery: { deliveredOn: '2026-03-23', method: '直接送达' } } })).case;
    expect(c).toMatchObject({ status: 'done', step: 'stopped', outcome: 'terminated' });
  });

  it('a 近亲属备案 household goes to the county’s check, which only the county may do', async () => {
    const townshipA = await server.login('township-a');
    const county = await server.login('county');
    let c = await view(townshipA, (await reviewOf(quTang[1]!)).id);
    c = (await command(townshipA, c, 'submit', { data: { ...findings({ wages: 0 }, { relativeFiling: true, reasons: ['户主之妻为村委会委员'] }), applicant: { name: '吴建军', idNumber: '320621197001010034', phone: '13900000001' }, household: { members: [{ name: '吴建军', idNumber: '320621197001010034', relation: '本人' }] } } })).case;
    expect(c.step).toBe('countyCheck');
    expect((await failure(command(townshipA, c, 'agree'))).status).toBe(403);
    c = (await command(county, c, 'agree', { data: { countyCheck: { visited: true, investigators: ['孙科员', '李科员'], opinion: '情况属实' } } })).case;
    expect(c.step).toBe('confirm');
    c = (await command(county, c, 'maintain')).case;
    expect(c.step).toBe('maintained');
    expect(await titles(c.id)).toEqual(['最低生活保障复核结果通知书（维持）']);
    expect((await subject(quTang[1]!)).facts.dibao).toMatchObject({ status: '在保', monthlyAmount: 1000, relativeFiling: true });
  });

  it('a household whose income rose above the line through work keeps its payment through a 渐退期 of 3 months, then stops', async () => {
    const townshipA = await server.login('township-a');
    const county = await server.login('county');
    // 王秀英's household again, started singly by the township after a reported change.
    let c = (await openCase(townshipA, {}, { workflow: 'dibao-review', subject: household })).case;
    c = (await command(townshipA, c, 'submit', { data: findings({ wages: 3000, transfer: 200 }, { employmentIncome: true, reasons: ['子女张明稳定就业，月工资3000元'] }) })).case;
    expect(c.step).toBe('publicNotice');
    await server.setClock(china('2026-04-01T10:00:00'));
    await server.sweep();
    c = await view(county, c.id);
    c = (await command(county, c, 'gradualStop')).case;
    const notice = await html(c.id, '最低生活保障渐退通知书');
    for (const text of ['3 个月', '800', '2026年8月', '六十日内']) expect(notice).toContain(text);
    expect((await subject(household)).facts.dibao).toMatchObject({ status: '渐退', gradualMonths: 3, monthlyAmount: 800 });
    c = (await command(townshipA, c, 'delivered')).case;
    expect(c).toMatchObject({ status: 'active', step: 'gradualPeriod' });
    await server.setClock(china('2026-07-10T10:00:00'));
    await server.sweep();
    c = await view(county, c.id);
    expect(c).toMatchObject({ status: 'done', step: 'gradualEnded', outcome: 'terminated' });
    expect((await subject(household)).facts.dibao).toMatchObject({ status: '停保', monthlyAmount: 0, stoppedOn: '2026-07-10' });
  });

  it('reminds 曲塘镇 of its 复核 visit and escalates it to the county when 15 working days pass', async () => {
    const townshipA = await server.login('township-a');
    const county = await server.login('county');
    const started = await bulkStart(townshipA, { subjects: [quTang[1]!] });
    expect(started.started).toBe(1);
    const c0 = await reviewOf(quTang[1]!);
    // The township records what it found so far, then lets the 15 working days pass.
    await command(townshipA, await view(townshipA, c0.id), 'save', { data: findings({ wages: 0 }) });
    await server.setClock(china('2026-08-10T10:00:00'));
    await server.sweep();
    const actions = (await su.collection('events').getFullList({ filter: `application = "${c0.id}"`, sort: 'seq' })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['deadline.remind', 'deadline.overdue']));
    const c = await view(county, c0.id);
    const townshipView = await townshipA.send<{ actions: { action: string }[] }>(`/api/tongban/cases/${c.id}`, {});
    expect(townshipView.actions.map((a) => a.action)).not.toContain('submit');
    // The household was filed as a 近亲属 case at its last review: the county checks it again.
    expect((await command(county, c, 'submit')).case.step).toBe('countyCheck');
  });

  it('the yearly schedule starts a 复核 of every household in 保 not on a half-yearly cycle on 12月1日, with its standing from the facts', async () => {
    await server.setClock(china('2026-12-01T09:00:00'));
    await server.sweep();
    const runs = await su.collection('schedule_runs').getFullList({ filter: 'workflow_key = "dibao-review"', sort: 'schedule' });
    expect(runs.map((r) => [r.schedule, r.period, r.status])).toEqual([['halfYearly', '2026-H2', 'started'], ['yearly', '2026', 'started']]);
    const scheduled = await su.collection('applications').getFullList({ filter: 'workflow_key = "dibao-review" && starter = "schedule"' });
    // 孙庄街道's 冯*华 and 曲塘镇's 吴*军 (put on a yearly cycle by its last review) yearly, 陈*强 half-yearly; 王秀英 and 周*芳 have stopped.
    const bySubject = new Map(scheduled.map((c) => [c.subject as string, c]));
    expect([...bySubject.keys()].sort()).toEqual([sunZhuang, sunZhuangHalfYearly, quTang[1]!].sort());
    expect(bySubject.get(sunZhuang)).toMatchObject({ step: 'review', township: (await su.collection('subjects').getOne(sunZhuang)).township, data: { review: { period: '2026' }, previous: { monthlyAmount: 600, members: 2 } } });
    expect(bySubject.get(quTang[1]!)).toMatchObject({ data: { review: { period: '2026' }, previous: { monthlyAmount: 1000, category: '单人保' } } });
    expect(bySubject.get(sunZhuangHalfYearly)).toMatchObject({ data: { review: { period: '2026-H2' }, previous: { monthlyAmount: 450, members: 3 } } });
    // 孙庄街道's officers now have its two 复核 visits.
    const queue = await (await server.login('township-b')).collection('tasks').getFullList({ filter: `application.workflow_key = "dibao-review"` });
    expect(queue).toHaveLength(2);
  });
});
