import { randomBytes, randomUUID } from 'node:crypto';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command, failure, openCase, type CaseSummary } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

const china = (local: string) => new Date(`${local}+08:00`);
type SubjectView = { facts: { tekun?: Record<string, unknown> }; factHistory: { fact: string; from: unknown; to: unknown; case: string | null }[] };

const person = { name: '陈德贵', idNumber: '320621195001010019', phone: '13912340001', address: '海安市曲塘镇杨庄村2组3号' };
const all = (answer: '能' | '不能') => ({ eating: answer, dressing: answer, transfer: answer, toileting: answer, walking: answer, bathing: answer });

describe('特困 re-assessment and termination through the real server, by the demo accounts', () => {
  let server: TestServer;
  let su: PocketBase;
  const people: string[] = [];
  const view = async (pb: PocketBase, id: string) => (await pb.send<{ case: CaseSummary }>(`/api/tongban/cases/${id}`, {})).case;
  const html = async (id: string, title: string) => (await su.collection('documents').getFirstListItem(`application = "${id}" && title = "${title}"`)).html as string;
  // One sign-in per user for the whole file (sign-ins are rate-limited).
  const clients = new Map<string, Promise<PocketBase>>();
  const login = (user: string): Promise<PocketBase> => {
    if (!clients.has(user)) clients.set(user, server.login(user));
    return clients.get(user)!;
  };
  const subject = async (id: string) => (await login('county')).send<SubjectView>(`/api/tongban/subjects/${id}`, {});

  beforeAll(async () => {
    server = await startPocketBase({ simulatedClock: true });
    su = await server.superuser();
    await server.setClock(china('2026-05-06T09:00:00'));
    // Three persons of 杨庄村 the 特困 process recognised 半护理 (1,300 + 600 a month), one of 孙庄社区.
    const unit = (code: string) => su.collection('org_units').getFirstListItem<{ id: string; township: string; county: string }>(`code = "${code}"`);
    const yangZhuang = await unit('320685102290');
    const sunZhuang = await unit('320685004001');
    for (const [home, name] of [[yangZhuang, '陈*贵'], [yangZhuang, '李*兰'], [yangZhuang, '赵*山'], [sunZhuang, '孙*平']] as const) {
      people.push((await su.collection('subjects').create({ kind: 'person', key: randomBytes(32).toString('hex'), name, village: home.id, township: home.township, county: home.county, facts: { tekun: { status: '在册', careTier: '半护理', monthlyAmount: 1900, since: '2026-01-20' } } })).id);
    }
  });
  afterAll(() => server?.dispose());

  it('曲塘镇 re-assesses a person after a stroke: 全护理 confirmed by the county, the amount and the facts follow, with their history', async () => {
    const townshipA = await login('township-a');
    const county = await login('county');
    let c = (await openCase(townshipA, {}, { workflow: 'tekun-review', subject: people[0] })).case;
    expect(c.step).toBe('reassess');
    c = (await command(townshipA, c, 'complete', { data: { applicant: person, change: { kind: '生活自理能力变化', reportedOn: '2026-05-06', description: '2026年4月中风，卧床' }, assessment: { ...all('不能'), assessor: '曲塘镇社会事务办', date: '2026-05-08' } } })).case;
    expect(c.step).toBe('confirmTier');
    expect((await failure(command(townshipA, c, 'changeTier'))).status).toBe(403);
    c = (await command(county, c, 'changeTier', { data: { decision: { opinion: '同意' } } })).case;
    expect(c).toMatchObject({ status: 'done', step: 'tierChanged', outcome: 'approved' });
    const notice = await html(c.id, '特困人员照料护理等级变更通知书');
    for (const text of ['半护理', '全护理', '2,500.00元', '1,900.00元', '2026年6月', '六十日内', '六个月内']) expect(notice).toContain(text);
    const facts = await subject(people[0]!);
    expect(facts.facts.tekun).toMatchObject({ status: '在册', careTier: '全护理', monthlyAmount: 2500, reassessedOn: '2026-05-06' });
    expect(facts.factHistory).toContainEqual(expect.objectContaining({ fact: 'tekun.careTier', from: '半护理', to: '全护理', case: c.id }));
    expect(await county.send(`/api/tongban/cases/${c.id}/verify`, {})).toMatchObject({ ok: true });
  });

  it('terminates after a 7-day 公示 without ID numbers: the county decides, 特困 ends from next month, the township delivers', async () => {
    const townshipA = await login('township-a');
    const county = await login('county');
    let c = (await openCase(townshipA, {}, { workflow: 'tekun-review', subject: people[1] })).case;
    c = (await command(townshipA, c, 'save', { data: { applicant: { ...person, name: '李秀兰', idNumber: '320621195203040021' }, change: { kind: '经济状况变化', reportedOn: '2026-05-06' }, termination: { grounds: ['具备或者恢复劳动能力'], reasons: ['已在镇工业园区就业，月工资2800元'] } } })).case;
    c = (await command(townshipA, c, 'proposeTermination')).case;
    expect(c.step).toBe('terminationNotice');
    const list = await html(c.id, '特困人员终止救助供养公示');
    expect(list).toContain('李*兰');
    expect(list).not.toContain('320621195203040021');
    expect((await failure(command(county, c, 'terminate'))).status).toBe(409);
    await server.setClock(china('2026-05-15T10:00:00'));
    await server.sweep();
    c = await view(county, c.id);
    expect(c.step).toBe('confirmTermination');
    c = (await command(county, c, 'terminate')).case;
    const notice = await html(c.id, '特困人员终止救助供养通知书');
    for (const text of ['终止', '具备或者恢复劳动能力', '工业园区', '2026年6月', '六十日内', '六个月内']) expect(notice).toContain(text);
    expect((await subject(people[1]!)).facts.tekun).toMatchObject({ status: '终止', monthlyAmount: 0, terminatedOn: '2026-05-15' });
    c = (await command(townshipA, c, 'delivered', { data: { delivery: { deliveredOn: '2026-05-18', method: '直接送达' } } })).case;
    expect(c).toMatchObject({ status: 'done', step: 'terminated', outcome: 'terminated' });
  }, 120_000); // 40 s on a loaded 2-core machine (the 公示's sweep), above the default 60 s there at times

  it('曲塘镇 may start the 复核 of its recognised persons in bulk; the visit is due in 10 working days, reminded and escalated to the county', async () => {
    const townshipA = await login('township-a');
    const county = await login('county');
    const run = await townshipA.send<{ id: string; started: number; failed: number }>('/api/tongban/bulk-starts', { method: 'POST', body: { workflow: 'tekun-review', commandId: randomUUID(), selector: { fact: { path: 'tekun.status', equals: '在册' } } } });
    // 陈*贵 and 赵*山 (李*兰's 特困 ended; 孙*平 is 孙庄街道's).
    expect(run).toMatchObject({ started: 2, failed: 0 });
    const cases = await su.collection('applications').getFullList({ filter: `bulk_run = "${run.id}"` });
    expect(cases.map((r) => r.subject).sort()).toEqual([people[0], people[2]].sort());
    const one = cases.find((r) => r.subject === people[2])!;
    // The township records the change and the assessment, then lets the 10 working days pass.
    await command(townshipA, await view(townshipA, one.id), 'save', { data: { applicant: { ...person, name: '赵大山', idNumber: '320621194805060017' }, change: { kind: '生活自理能力变化', reportedOn: '2026-05-15' }, assessment: { ...all('能'), dressing: '不能', bathing: '不能' } } });
    await server.setClock(china('2026-06-10T10:00:00'));
    await server.sweep();
    const actions = (await su.collection('events').getFullList({ filter: `application = "${one.id}"`, sort: 'seq' })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['deadline.remind', 'deadline.overdue']));
    const c = await view(county, one.id);
    const townshipView = await townshipA.send<{ actions: { action: string }[] }>(`/api/tongban/cases/${one.id}`, {});
    expect(townshipView.actions.map((a) => a.action)).not.toContain('complete');
    const done = await command(county, c, 'complete');
    expect(done.case.step).toBe('confirmTier');
    expect((await command(county, done.case, 'keepTier')).case.step).toBe('tierKept');
  });
});
