import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { command, failure, openCase, type CaseSummary } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

const china = (local: string) => new Date(`${local}+08:00`);

/** 杨庄村 files (代办) for 陈桂兰's granddaughter 吴小雨: father in prison, mother unreachable. Neither has an account. */
const grandmotherApplication = {
  applicant: { name: '陈桂兰', idNumber: '320621196204150024', phone: '13912345679', address: '海安市曲塘镇杨庄村3组8号' },
  household: { members: [{ name: '陈桂兰', idNumber: '320621196204150024', relation: '本人' }, { name: '吴小雨', idNumber: '320621201509080024', relation: '孙子女' }] },
  child: { name: '吴小雨', idNumber: '320621201509080024', category: '事实无人抚养儿童', fatherSituation: '服刑在押', motherSituation: '失联', guardianRelation: '祖父母', applicantRole: '村（居）委会代办' },
};

/** 王秀英 (applicant-a1) applies as guardian of her grandson 张乐 (born 2018). */
const guardianApplication = {
  applicant: demoHousehold.applicant,
  household: demoHousehold.household,
  child: { name: '张乐', idNumber: '320621201803120015', category: '事实无人抚养儿童', fatherSituation: '重病', motherSituation: '无上述情形', guardianRelation: '祖父母', applicantRole: '监护人申请' },
};

describe('儿童基本生活保障 through the real server, by the demo accounts', () => {
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

  it('goes from the village’s 代办 filing through 补正, 受理 and 查验 to the county’s 确认 at the category’s amount, with no 公示', async () => {
    const village = await server.login('village-a1');
    const townshipA = await server.login('township-a');
    const county = await server.login('county');
    let c: CaseSummary = (await openCase(village, grandmotherApplication, { workflow: 'children-support', proxy: true })).case;
    c = (await command(village, c, 'submit')).case;
    c = (await command(townshipA, c, 'requestCorrection', { comment: '缺少服刑证明和失联报警回执', data: { acceptance: { complete: false, missingMaterials: ['儿童父亲服刑在押的证明', '儿童母亲失联的报警回执'] } } })).case;
    expect(c.step).toBe('apply');
    c = (await command(village, c, 'submit')).case;
    c = (await command(townshipA, c, 'accept', { data: { acceptance: { complete: true } } })).case;
    c = (await command(townshipA, c, 'approve', { data: { verification: { dataMatched: true, opinion: '信息比对一致' } } })).case;
    expect(c.step).toBe('countyConfirm');
    // The amount is the confirmed category's: 600 is 困境儿童's, not 事实无人抚养儿童's.
    expect(await failure(command(county, c, 'confirm', { data: { countyConfirm: { category: '事实无人抚养儿童', amount: 600, payFrom: '2026-04-01' } } }))).toMatchObject({ status: 409, body: { code: 'not_allowed' } });
    c = (await command(county, c, 'confirm', { data: { countyConfirm: { category: '事实无人抚养儿童', amount: 1200, payFrom: '2026-04-01', opinion: '同意' } } })).case;
    expect(c).toMatchObject({ status: 'done', step: 'confirmed', outcome: 'approved' });

    expect(await titles(c.id)).toEqual(['补正材料通知书', '受理通知书', '儿童基本生活保障确认通知书']);
    const documents = await su.collection('documents').getFullList({ filter: `application = "${c.id}"` });
    expect(documents.map((d) => d.kind as string)).not.toContain('publicNotice');
    const confirmation = documents.find((d) => d.title === '儿童基本生活保障确认通知书')!;
    expect(confirmation.html).toContain('确认其为事实无人抚养儿童');
    expect(confirmation.html).toContain('1,200.00元');
    expect(confirmation.html).toContain('2026年4月');
    expect(documents.find((d) => d.title === '补正材料通知书')!.html).toContain('<li>儿童母亲失联的报警回执</li>');
    expect((await record(c.id)).decisions).toMatchObject({ support: { outcome: 'approved', amount: 1200 } });

    const subject = (await record(c.id)).subject as string;
    const child = await county.send<{ facts: Record<string, unknown> }>(`/api/tongban/subjects/${subject}`, {});
    expect(child.facts).toMatchObject({ childrenSupport: { category: '事实无人抚养儿童', amount: 1200, payFrom: '2026-04-01' } });
    expect(await county.send(`/api/tongban/cases/${c.id}/verify`, {})).toMatchObject({ ok: true });
  });

  it('refuses in writing: the 不予确认通知书 states the reasons and both appeal routes', async () => {
    const a1 = await server.login('applicant-a1');
    const townshipA = await server.login('township-a');
    const county = await server.login('county');
    let c: CaseSummary = (await openCase(a1, guardianApplication, { workflow: 'children-support' })).case;
    c = (await command(a1, c, 'submit')).case;
    c = (await command(townshipA, c, 'accept')).case;
    c = (await command(townshipA, c, 'approve', { data: { verification: { dataMatched: true, opinion: '母亲在家共同生活' } } })).case;
    c = (await command(county, c, 'refuse', { comment: '母亲与儿童共同生活', data: { countyConfirm: { refusalReasons: ['儿童母亲与儿童共同生活并履行抚养义务，不属于事实无人抚养儿童'] } } })).case;
    expect(c).toMatchObject({ status: 'done', step: 'refused', outcome: 'rejected' });
    const refusal = await su.collection('documents').getFirstListItem(`application = "${c.id}" && title = "儿童基本生活保障不予确认通知书"`);
    expect(refusal.html).toContain('<li>儿童母亲与儿童共同生活并履行抚养义务，不属于事实无人抚养儿童</li>');
    expect(refusal.html).toContain('六十日内');
    expect(refusal.html).toContain('六个月内');
  });

  it('reminds 曲塘镇 of its 查验 and escalates it to the county when 15 working days pass', async () => {
    const a1 = await server.login('applicant-a1');
    const townshipA = await server.login('township-a');
    const county = await server.login('county');
    await server.setClock(china('2026-04-06T09:00:00'));
    let c: CaseSummary = (await openCase(a1, guardianApplication, { workflow: 'children-support' })).case;
    c = (await command(a1, c, 'submit')).case;
    c = (await command(townshipA, c, 'accept')).case;
    await server.setClock(china('2026-05-15T09:00:00'));
    await server.sweep();
    const timeline = await su.collection('events').getFullList({ filter: `application = "${c.id}"`, sort: 'seq' });
    expect(timeline.map((e) => e.action)).toEqual(expect.arrayContaining(['deadline.remind', 'deadline.overdue']));
    c = (await county.send<{ case: CaseSummary }>(`/api/tongban/cases/${c.id}`, {})).case;
    expect(c.step).toBe('verify');
    expect((await failure(command(townshipA, c, 'approve'))).status).toBe(403);
    c = (await command(county, c, 'approve')).case;
    expect(c.step).toBe('countyConfirm');
  });
});
