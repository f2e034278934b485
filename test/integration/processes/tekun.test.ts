import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command, openCase, type CaseSummary } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

const china = (local: string) => new Date(`${local}+08:00`);

/** 王秀英 (杨庄村) applies, entrusting the 村委会: 60+, no work ability, no income, no one bound to support her. */
const application = {
  applicant: { name: '王秀英', idNumber: '320621195503120023', phone: '13912345678', address: '海安市曲塘镇杨庄村5组12号', filedByProxy: true, proxyName: '杨庄村委会' },
  household: { members: [{ name: '王秀英', idNumber: '320621195503120023', relation: '本人', employment: '无劳动能力' }] },
  income: { transfer: 150 },
  assets: { deposits: 800, vehicles: 0 },
  circumstances: { category: '老年人（年满60周岁）', noWorkAbility: true, noIncomeSource: true, supporters: '无法定赡养、抚养、扶养义务人' },
};
/** Two of the six items not possible: 半护理. */
const assessment = { eating: '能', dressing: '不能', transfer: '能', toileting: '能', walking: '能', bathing: '不能' };

describe('特困人员认定 through the real server, by the demo accounts', () => {
  let server: TestServer;
  let su: PocketBase;
  const titles = async (id: string) => (await su.collection('documents').getFullList({ filter: `application = "${id}"`, sort: 'created' })).map((d) => d.title as string);
  const view = async (pb: PocketBase, id: string) => (await pb.send<{ case: CaseSummary }>(`/api/tongban/cases/${id}`, {})).case;

  beforeAll(async () => {
    server = await startPocketBase({ simulatedClock: true });
    su = await server.superuser();
  });
  afterAll(() => server?.dispose());

  /** Opens, submits, accepts (with the assessor named), investigates, assesses and passes 初审: the case is in 公示. */
  async function toNotice(assessedBy: '乡镇（街道）' | '第三方评估机构'): Promise<CaseSummary> {
    const a1 = await server.login('applicant-a1');
    const townshipA = await server.login('township-a');
    let c = (await openCase(a1, application, { workflow: 'tekun' })).case;
    c = (await command(a1, c, 'submit')).case;
    c = (await command(townshipA, c, 'accept', { data: { acceptance: { complete: true, assessedBy } } })).case;
    c = (await command(await server.login('village-a1'), c, 'complete', { data: { investigation: { investigators: ['赵村干', '钱社工'], method: '入户调查' } } })).case;
    expect(c.step).toBe('verification');
    c = (await command(townshipA, c, 'record', { data: { verification: { result: '一致' } } })).case;
    const assessor = assessedBy === '第三方评估机构' ? await server.login('assessor') : townshipA;
    c = (await command(assessor, c, 'complete', { data: { assessment } })).case;
    expect(c.step).toBe('townshipReview');
    c = (await command(townshipA, c, 'approve', { data: { townshipReview: { opinion: '符合条件' } } })).case;
    expect(c.step).toBe('publicNotice');
    return c;
  }

  it('recognises 王秀英 after a third-party assessment, 公示 and the county (spot-checked when sampled), paying 基本生活费 + 半护理 from next month', async () => {
    await server.setClock(china('2026-03-02T09:00:00'));
    let c = await toNotice('第三方评估机构');
    await server.setClock(china('2026-03-12T10:00:00'));
    await server.sweep();
    const county = await server.login('county');
    c = await view(county, c.id);
    if (c.step === 'spotCheck') c = (await command(county, c, 'complete', { data: { spotCheck: { result: '属实' } } })).case;
    expect(c.step).toBe('countyReview');
    c = (await command(county, c, 'confirm', { data: { countyReview: { decision: '认定', opinion: '同意' } } })).case;
    expect(c).toMatchObject({ step: 'confirmed', outcome: 'approved' });
    const stored = await su.collection('applications').getOne(c.id);
    expect((stored.data as { decision: Record<string, unknown> }).decision).toMatchObject({ careTier: '半护理', basicAmount: 1300, careAmount: 600, monthlyAmount: 1900 });
    expect(stored.decisions).toMatchObject({ support: { outcome: 'approved', amount: 1900 } });
    expect(await titles(c.id)).toEqual(['特困人员认定申请受理通知书', '特困人员认定公示', '特困人员认定通知书']);
    const notice = await su.collection('documents').getFirstListItem(`application = "${c.id}" && title = "特困人员认定公示"`);
    expect(notice.html).not.toContain('320621195503120023');
    const decision = await su.collection('documents').getFirstListItem(`application = "${c.id}" && title = "特困人员认定通知书"`);
    expect(decision.html).toContain('2026年4月');
    expect(decision.html).toContain('1900');
  });

  it('refuses with reasons and appeal rights, and leaves 曲塘镇 3 working days to deliver the notice', async () => {
    await server.setClock(china('2026-04-06T09:00:00'));
    let c = await toNotice('乡镇（街道）');
    await server.setClock(china('2026-04-16T10:00:00'));
    await server.sweep();
    const county = await server.login('county');
    c = await view(county, c.id);
    if (c.step === 'spotCheck') c = (await command(county, c, 'complete', { data: { spotCheck: { result: '不属实' } } })).case;
    c = (await command(county, c, 'refuse', { comment: '申请人之子具有赡养能力', data: { countyReview: { decision: '不予认定' }, decision: { refusalReasons: ['申请人之子具有赡养能力'] } } })).case;
    expect(c.step).toBe('deliverRefusal');
    const refusal = await su.collection('documents').getFirstListItem(`application = "${c.id}" && title = "特困人员不予认定通知书"`);
    expect(refusal.html).toContain('申请人之子具有赡养能力');
    expect(refusal.html).toContain('行政复议');
    expect(refusal.html).toContain('六个月');
    const task = await su.collection('tasks').getFirstListItem(`application = "${c.id}" && status = "open"`);
    // Decided on Thursday 04-16: 3 working days end with Tuesday 04-21.
    expect(String(task.due_at)).toContain('2026-04-21');
    c = (await command(await server.login('township-a'), c, 'delivered', { data: { delivery: { method: '直接送达' } } })).case;
    expect(c).toMatchObject({ step: 'refused', outcome: 'rejected' });
  });
});
