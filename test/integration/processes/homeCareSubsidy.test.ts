import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { command, failure, openCase, type CaseSummary } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

const china = (local: string) => new Date(`${local}+08:00`);

/** 杨庄村 files (代办) for 周玉芳, 86, a 低保 recipient living alone, who has no account. */
const villageFiling = {
  applicant: { name: '周玉芳', idNumber: '320621194003120022', phone: '13862712001', address: '海安市曲塘镇杨庄村5组12号' },
  household: { members: [{ name: '周玉芳', idNumber: '320621194003120022', relation: '本人' }] },
  elder: { name: '周玉芳', idNumber: '320621194003120022', category: '低保', livingSituation: '独居', selfCare: '部分自理', servicesWanted: ['助餐', '助洁'], applicantRole: '村（居）委会代办' },
};

/** 王秀英 (applicant-a1) applies for her father-in-law 陆德明, 87, an 经济困难的高龄老年人: the county approves. */
const familyApplication = {
  applicant: demoHousehold.applicant,
  household: demoHousehold.household,
  elder: { name: '陆德明', idNumber: '320621193807050010', category: '经济困难的高龄老年人', livingSituation: '与子女同住', selfCare: '部分自理', applicantRole: '家属申请' },
};

const assessed = { assessment: { visitedOn: '2026-03-04', assessor: '张敏', selfCareScore: 55, serviceLevel: '二级', services: ['助餐', '助洁', '助医'], opinion: '部分失能，独居，需助餐助洁' } };

describe('居家养老服务补贴 through the real server, by the demo accounts', () => {
  let server: TestServer;
  let su: PocketBase;
  const titles = async (id: string) => (await su.collection('documents').getFullList({ filter: `application = "${id}"`, sort: 'created' })).map((d) => d.title as string);
  const record = async (id: string) => su.collection('applications').getOne(id);

  beforeAll(async () => {
    server = await startPocketBase({ simulatedClock: true });
    su = await server.superuser();
    await server.setClock(china('2026-03-02T09:00:00'));
  });
  afterAll(() => server?.dispose());

  it('goes from the village’s 代办 filing through 补正, 受理 and the assessor’s visit to the township’s approval of a 低保 elder at the level’s amount', async () => {
    const village = await server.login('village-a1');
    const townshipA = await server.login('township-a');
    const assessor = await server.login('assessor');
    let c: CaseSummary = (await openCase(village, villageFiling, { workflow: 'home-care-subsidy', proxy: true })).case;
    c = (await command(village, c, 'submit')).case;
    c = (await command(townshipA, c, 'requestCorrection', { comment: '缺少低保证', data: { acceptance: { complete: false, missingMaterials: ['低保证复印件', '失能情况的医疗证明'] } } })).case;
    expect(c.step).toBe('apply');
    c = (await command(village, c, 'submit')).case;
    c = (await command(townshipA, c, 'accept', { data: { acceptance: { complete: true } } })).case;
    expect(c.step).toBe('assess');
    // The township does not assess while the assessor holds the task.
    expect((await failure(command(townshipA, c, 'complete', { data: assessed }))).status).toBe(403);
    c = (await command(assessor, c, 'complete', { data: assessed })).case;
    expect(c.step).toBe('townshipApprove');
    expect(await failure(command(townshipA, c, 'approve', { data: { approval: { amount: 400, payFrom: '2026-04-01' } } }))).toMatchObject({ status: 409, body: { code: 'not_allowed' } });
    c = (await command(townshipA, c, 'approve', { data: { approval: { amount: 200, payFrom: '2026-04-01', opinion: '同意' } } })).case;
    expect(c).toMatchObject({ status: 'done', step: 'approved', outcome: 'approved' });

    expect(await titles(c.id)).toEqual(['补正材料通知书', '受理通知书', '居家养老服务补贴批准通知书']);
    const documents = await su.collection('documents').getFullList({ filter: `application = "${c.id}"` });
    const approval = documents.find((d) => d.title === '居家养老服务补贴批准通知书')!;
    expect(approval.html).toContain('服务等级为二级');
    expect(approval.html).toContain('200.00元');
    expect(approval.html).toContain('2026年4月');
    expect(approval.html).toContain('曲塘镇');
    expect(documents.find((d) => d.title === '补正材料通知书')!.html).toContain('<li>失能情况的医疗证明</li>');
    expect((await record(c.id)).decisions).toMatchObject({ subsidy: { outcome: 'approved', amount: 200 } });

    const county = await server.login('county');
    const subject = (await record(c.id)).subject as string;
    const elder = await county.send<{ facts: Record<string, unknown> }>(`/api/tongban/subjects/${subject}`, {});
    expect(elder.facts).toMatchObject({ homeCare: { serviceLevel: '二级', amount: 200, payFrom: '2026-04-01' } });
    expect(await county.send(`/api/tongban/cases/${c.id}/verify`, {})).toMatchObject({ ok: true });
  });

  it('sends an 高龄 elder to the county, whose refusal states the reasons and both appeal routes', async () => {
    const a1 = await server.login('applicant-a1');
    const townshipA = await server.login('township-a');
    const assessor = await server.login('assessor');
    const county = await server.login('county');
    let c: CaseSummary = (await openCase(a1, familyApplication, { workflow: 'home-care-subsidy' })).case;
    c = (await command(a1, c, 'submit')).case;
    c = (await command(townshipA, c, 'accept')).case;
    c = (await command(assessor, c, 'complete', { data: assessed })).case;
    expect(c.step).toBe('countyApprove');
    expect((await failure(command(townshipA, c, 'refuse', { comment: 'x' }))).status).toBe(403);
    c = (await command(county, c, 'refuse', { comment: '收入高于标准', data: { approval: { refusalReasons: ['家庭人均收入高于当地经济困难老年人认定标准'] } } })).case;
    expect(c).toMatchObject({ status: 'done', step: 'refused', outcome: 'rejected' });
    const refusal = await su.collection('documents').getFirstListItem(`application = "${c.id}" && title = "居家养老服务补贴不予批准通知书"`);
    expect(refusal.html).toContain('<li>家庭人均收入高于当地经济困难老年人认定标准</li>');
    expect(refusal.html).toContain('六十日内');
    expect(refusal.html).toContain('六个月内');
  });

  it("has 曲塘镇 visit itself when the assessor lets 10 working days pass", { timeout: 240_000 }, async () => {
    const a1 = await server.login('applicant-a1');
    const townshipA = await server.login('township-a');
    const assessor = await server.login('assessor');
    await server.setClock(china('2026-04-06T09:00:00'));
    let c: CaseSummary = (await openCase(a1, familyApplication, { workflow: 'home-care-subsidy' })).case;
    c = (await command(a1, c, 'submit')).case;
    c = (await command(townshipA, c, 'accept')).case;
    await server.setClock(china('2026-04-24T09:00:00'));
    await server.sweep();
    const timeline = await su.collection('events').getFullList({ filter: `application = "${c.id}"`, sort: 'seq' });
    expect(timeline.map((e) => e.action)).toEqual(expect.arrayContaining(['deadline.remind', 'deadline.overdue']));
    // The reminder reaches the assessor's own officers (a notice to their unit), delivered by the outbox.
    await su.send('/api/tongban/admin/outbox/send', { method: 'POST' });
    const notices = await assessor.collection('notifications').getFullList({ filter: `application = "${c.id}"` });
    expect(notices.map((n) => n.message)).toEqual([expect.stringContaining('到期')]);
    c = (await townshipA.send<{ case: CaseSummary }>(`/api/tongban/cases/${c.id}`, {})).case;
    expect(c.step).toBe('townshipAssess');
    expect((await failure(command(assessor, c, 'complete', { data: assessed }))).status).toBe(403);
    c = (await command(townshipA, c, 'complete', { data: assessed })).case;
    expect(c.step).toBe('countyApprove');
  });
});
