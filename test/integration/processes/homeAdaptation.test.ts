import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { png, uploadAttachment } from '../../support/attachments.js';
import { command, failure, openCase, type CaseSummary } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

const china = (local: string) => new Date(`${local}+08:00`);
/** A 1×1 PNG: a photo as far as the file store is concerned. */

/** 杨庄村 files (代办) for 沈桂英, 80, 特困, living alone and partly disabled, who has no account. */
const villageFiling = {
  applicant: { name: '沈桂英', idNumber: '320621194509180022', phone: '13862712002', address: '海安市曲塘镇杨庄村7组3号' },
  household: { members: [{ name: '沈桂英', idNumber: '320621194509180022', relation: '本人' }] },
  elder: { name: '沈桂英', idNumber: '320621194509180022', category: '特困', difficulty: ['独居', '失能'], housing: '自有住房', needs: '卫生间加装扶手', applicantRole: '村（居）委会代办' },
};
const plan = { plan: { visitedOn: '2026-03-04', assessor: '张敏', findings: '卫生间无扶手，地面湿滑', works: [{ item: '安装扶手', description: '卫生间马桶旁、淋浴区', quantity: 2, amount: 800 }, { item: '地面防滑处理', description: '卫生间、厨房', quantity: 1, amount: 1200 }] } };

describe('适老化改造 through the real server, by the demo accounts', () => {
  let server: TestServer;
  let su: PocketBase;

  beforeAll(async () => {
    server = await startPocketBase({ simulatedClock: true });
    su = await server.superuser();
    await server.setClock(china('2026-03-02T09:00:00'));
  });
  afterAll(() => server?.dispose());

  it('goes from the village’s filing through the assessor’s plan, the township’s approval, the works with photos, a failed 验收 and its rework to a passed 验收', { timeout: 240_000 }, async () => {
    const village = await server.login('village-a1');
    const townshipA = await server.login('township-a');
    const assessor = await server.login('assessor');
    const photo = async (name: string) => {
      const r = await uploadAttachment(townshipA, c.id, png(), name);
      return { name, type: 'image/png', size: 68, file: `${r.id}/${r.file as string}` };
    };
    let c: CaseSummary = (await openCase(village, villageFiling, { workflow: 'home-adaptation', proxy: true })).case;
    c = (await command(village, c, 'submit')).case;
    c = (await command(townshipA, c, 'accept', { data: { acceptance: { complete: true } } })).case;
    c = (await command(assessor, c, 'complete', { data: plan })).case;
    expect(c.step).toBe('townshipApprove');
    // The plan's total is computed on the server from the list of works.
    expect((await su.collection('applications').getOne(c.id)).data).toMatchObject({ plan: { total: 2000 } });
    expect(await failure(command(townshipA, c, 'approve', { data: { approval: { amount: 6000 } } }))).toMatchObject({ status: 409, body: { code: 'not_allowed' } });
    c = (await command(townshipA, c, 'approve', { data: { approval: { amount: 2000, opinion: '同意' } } })).case;
    expect(c.step).toBe('works');

    expect(await failure(command(townshipA, c, 'complete', { data: { works: { provider: '海安市安居适老服务有限公司', finishedOn: '2026-04-20' } } }))).toMatchObject({ status: 409, body: { code: 'not_allowed' } });
    c = (await command(townshipA, c, 'complete', { data: { works: { provider: '海安市安居适老服务有限公司', startedOn: '2026-04-01', finishedOn: '2026-04-20', photos: [await photo('改造前.png'), await photo('改造后.png')] } } })).case;
    expect(c.step).toBe('inspection');
    c = (await command(townshipA, c, 'fail', { comment: '淋浴区扶手松动', data: { inspection: { inspectedOn: '2026-04-24', inspectors: ['孙红', '张敏'], findings: '淋浴区扶手松动', rework: ['淋浴区扶手重新固定'], photos: [await photo('松动.png')] } } })).case;
    expect(c.step).toBe('works');
    c = (await command(townshipA, c, 'complete', { data: { works: { note: '已重新固定' } } })).case;
    c = (await command(townshipA, c, 'pass', { data: { inspection: { inspectedOn: '2026-04-28', findings: '扶手牢固，防滑达标', elderSatisfied: true, rework: [] } } })).case;
    expect(c).toMatchObject({ status: 'done', step: 'completed', outcome: 'approved' });

    const documents = await su.collection('documents').getFullList({ filter: `application = "${c.id}"`, sort: 'created' });
    expect(documents.map((d) => d.title)).toEqual(['受理通知书', '适老化改造补助批准通知书', '适老化改造竣工验收记录', '适老化改造竣工验收记录']);
    expect(documents[1]!.html).toContain('<td>安装扶手</td>');
    expect(documents[2]!.html).toContain('<strong>不合格</strong>');
    expect(documents[2]!.html).toContain('<li>淋浴区扶手重新固定</li>');
    expect(documents[3]!.html).toContain('<strong>合格</strong>');
    expect(documents[3]!.html).toContain('竣工照片 2 张，验收照片 1 张');
    const record = await su.collection('applications').getOne(c.id);
    expect(record.decisions).toMatchObject({ adaptation: { outcome: 'approved', amount: 2000 } });
    const county = await server.login('county');
    expect((await county.send<{ facts: Record<string, unknown> }>(`/api/tongban/subjects/${record.subject as string}`, {})).facts).toMatchObject({ homeAdaptation: { amount: 2000, acceptedOn: '2026-04-28' } });
    expect(await county.send(`/api/tongban/cases/${c.id}/verify`, {})).toMatchObject({ ok: true });
  });

  it('sends a 低保边缘 household to the county, whose refusal states the reasons and both appeal routes', { timeout: 240_000 }, async () => {
    const village = await server.login('village-a1');
    const townshipA = await server.login('township-a');
    const assessor = await server.login('assessor');
    const county = await server.login('county');
    let c: CaseSummary = (await openCase(village, { ...villageFiling, elder: { ...villageFiling.elder, category: '低保边缘' } }, { workflow: 'home-adaptation', proxy: true })).case;
    c = (await command(village, c, 'submit')).case;
    c = (await command(townshipA, c, 'accept')).case;
    c = (await command(assessor, c, 'complete', { data: plan })).case;
    expect(c.step).toBe('countyApprove');
    c = (await command(county, c, 'refuse', { comment: '住房已列入征收范围', data: { approval: { refusalReasons: ['住房已列入征收范围，不宜改造'] } } })).case;
    expect(c).toMatchObject({ status: 'done', step: 'refused', outcome: 'rejected' });
    const refusal = await su.collection('documents').getFirstListItem(`application = "${c.id}" && title = "适老化改造补助不予批准通知书"`);
    expect(refusal.html).toContain('<li>住房已列入征收范围，不宜改造</li>');
    expect(refusal.html).toContain('六十日内');
    expect(refusal.html).toContain('六个月内');
  });
});
