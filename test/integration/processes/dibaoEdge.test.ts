import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command, failure, openCase, type CaseSummary } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

const china = (local: string) => new Date(`${local}+08:00`);

/** 王秀英 (applicant-a1) and her son: 2,800 元 a month, 1,400 per member — above the 1,000 standard, below 1.5 × it. */
const application = {
  applicant: { name: '王秀英', idNumber: '320621195503120023', phone: '13912345678', address: '海安市曲塘镇杨庄村5组12号' },
  household: { members: [{ name: '王秀英', idNumber: '320621195503120023', relation: '本人' }, { name: '张明', idNumber: '320621198001150015', relation: '子女' }] },
  income: { wages: 2400, transfer: 400 },
  assets: { deposits: 8000, vehicles: 0, housing: '自有住房一处' },
};

describe('低保边缘家庭认定 through the real server, by the demo accounts', () => {
  let server: TestServer;
  let su: PocketBase;
  const titles = async (id: string) => (await su.collection('documents').getFullList({ filter: `application = "${id}"`, sort: 'created' })).map((d) => d.title as string);
  const view = async (pb: PocketBase, id: string) => (await pb.send<{ case: CaseSummary }>(`/api/tongban/cases/${id}`, {})).case;

  beforeAll(async () => {
    server = await startPocketBase({ simulatedClock: true });
    su = await server.superuser();
  });
  afterAll(() => server?.dispose());

  /** Opens and submits as applicant-a1, then 曲塘镇 asks for corrections once, accepts, and the case goes through 调查, 核对 and 初审 into 公示. */
  async function toNotice(data: Record<string, unknown>, id: string): Promise<CaseSummary> {
    const a1 = await server.login('applicant-a1');
    const townshipA = await server.login('township-a');
    let c = (await openCase(a1, data, { workflow: 'dibao-edge', commandId: `${id}-open` })).case;
    c = (await command(a1, c, 'submit')).case;
    c = (await command(townshipA, c, 'requestCorrection', { comment: '缺少收入证明', data: { acceptance: { complete: false, missingMaterials: ['近6个月工资收入证明', '家庭成员户口簿复印件'] } } })).case;
    expect(c.step).toBe('apply');
    c = (await command(a1, c, 'submit')).case;
    c = (await command(townshipA, c, 'accept', { data: { acceptance: { complete: true, relativeFiling: false } } })).case;
    c = (await command(await server.login('village-a1'), c, 'complete', { data: { investigation: { investigators: ['赵村干', '钱社工'], mode: '入户', findings: '母子二人' } } })).case;
    // 信息核对 asks the province's 核对 system through the check adapter (as 低保); the county may also enter the report by hand.
    const su = await server.superuser();
    expect((await su.collection('check_requests').getFullList({ filter: su.filter('application = {:id}', { id: c.id }) })).length).toBe(1);
    expect((c as unknown as { checks?: Record<string, { status: string }> }).checks).toEqual({ verification: expect.objectContaining({ status: 'requested' }) });
    c = (await command(await server.login('county'), c, 'complete', { data: { verification: { result: '一致' } } })).case;
    c = (await command(townshipA, c, 'approve', { data: { townshipReview: { opinion: '人均收入在低保标准1至1.5倍之间' } } })).case;
    expect(c.step).toBe('publicNotice');
    return c;
  }

  it('recognises 王秀英’s household after 补正, 公示 and the county’s review, with a 认定通知书 and no cash amount', async () => {
    await server.setClock(china('2026-03-02T09:00:00'));
    let c = await toNotice(application, 'edge-yes');
    await server.setClock(china('2026-03-12T10:00:00'));
    await server.sweep();
    const county = await server.login('county');
    c = await view(county, c.id);
    expect(c.step).toBe('countyReview');
    c = (await command(county, c, 'confirm', { data: { countyReview: { decision: '认定', opinion: '同意' } } })).case;
    expect(c).toMatchObject({ step: 'confirmed', outcome: 'approved' });
    expect(await titles(c.id)).toEqual(['补正材料通知书', '受理通知书', '低保边缘家庭认定公示', '低保边缘家庭认定通知书']);
    const correction = await su.collection('documents').getFirstListItem(`application = "${c.id}" && title = "补正材料通知书"`);
    expect(correction.html).toContain('<li>近6个月工资收入证明</li><li>家庭成员户口簿复印件</li>');
    const notice = await su.collection('documents').getFirstListItem(`application = "${c.id}" && title = "低保边缘家庭认定公示"`);
    expect(notice.html).not.toContain('320621195503120023');
    expect(notice.html).toContain('王*英');
    const decision = await su.collection('documents').getFirstListItem(`application = "${c.id}" && title = "低保边缘家庭认定通知书"`);
    expect(decision.html).toContain('1500');
    expect(decision.html).toContain('不发放现金');
    const subject = await su.collection('subjects').getOne((await su.collection('applications').getOne(c.id)).subject as string);
    expect(subject.facts).toMatchObject({ dibaoEdge: { status: '已认定', members: 2, perCapitaIncome: 1400, since: '2026-03-12' } });
  });

  it('refuses a household at 1.5 × the standard in writing, with reasons and appeal rights', async () => {
    await server.setClock(china('2026-04-07T09:00:00'));
    let c = await toNotice({ ...application, income: { wages: 3000 } }, 'edge-no');
    await server.setClock(china('2026-04-17T10:00:00'));
    await server.sweep();
    const county = await server.login('county');
    c = await view(county, c.id);
    expect(await failure(command(county, c, 'confirm', { data: { countyReview: { decision: '认定' } } }))).toMatchObject({ status: 409, body: { code: 'not_allowed' } });
    c = await view(county, c.id);
    c = (await command(county, c, 'refuse', { comment: '人均收入达到低保边缘标准', data: { countyReview: { decision: '不予认定' }, decision: { refusalReasons: ['家庭人均月收入1500元，不低于低保边缘标准1500元'] } } })).case;
    expect(c).toMatchObject({ step: 'refused', outcome: 'rejected' });
    const refusal = await su.collection('documents').getFirstListItem(`application = "${c.id}" && title = "低保边缘家庭不予认定通知书"`);
    expect(refusal.html).toContain('不低于低保边缘标准1500元');
    expect(refusal.html).toContain('六十日内');
    expect(refusal.html).toContain('六个月内');
  });
});
