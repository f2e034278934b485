import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { command, failure, openCase, type CaseSummary } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

const china = (local: string) => new Date(`${local}+08:00`);

/** 王秀英 applies as guardian for her son 张明 (二级 肢体残疾), of the household the 低保 case confirms. */
const guardianApplication = {
  applicant: demoHousehold.applicant,
  household: demoHousehold.household,
  disabledPerson: { name: '张明', idNumber: '320621198001150015', certificateNumber: '32062119800115001542', disabilityType: '肢体残疾', grade: '二级', applicantRole: '法定监护人' },
};

/** 李建国 (孙庄街道, no 低保) applies for himself: 一级 视力残疾. */
const ownApplication = {
  applicant: { name: '李建国', idNumber: '320621196207040015', phone: '13800001111', address: '海安市孙庄街道孙庄社区8幢' },
  household: { members: [{ name: '李建国', idNumber: '320621196207040015', relation: '本人' }] },
  disabledPerson: { name: '李建国', idNumber: '320621196207040015', certificateNumber: '32062119620704001511', disabilityType: '视力残疾', grade: '一级', applicantRole: '本人' },
};

type Decisions = Record<string, { outcome: string; amount?: number; reasons?: string }>;

describe('残疾人两项补贴 through the real server, by the demo accounts', () => {
  let server: TestServer;
  let su: PocketBase;
  const open = async (pb: PocketBase, data: unknown) => (await openCase(pb, data, { workflow: 'liangxiang' })).case;
  const titles = async (id: string) => (await su.collection('documents').getFullList({ filter: `application = "${id}"`, sort: 'created' })).map((d) => d.title as string);
  const record = async (id: string) => su.collection('applications').getOne(id);

  beforeAll(async () => {
    server = await startPocketBase({ simulatedClock: true });
    su = await server.superuser();
    await server.setClock(china('2026-03-02T09:00:00'));
    // The household's 低保 is confirmed first: the 两项补贴 case reads the fact it leaves on the household.
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
    c = (await county.send<{ case: CaseSummary }>(`/api/tongban/cases/${c.id}`, {})).case;
    c = (await command(county, c, 'confirm', { data: { countyReview: { opinion: '同意' } } })).case;
    expect(c.outcome).toBe('approved');
  });
  afterAll(() => server?.dispose());

  it('goes from a guardian’s application through 补正, 初审, 公示, the 县残联 and the county to both subsidies granted', async () => {
    const a1 = await server.login('applicant-a1');
    const townshipA = await server.login('township-a');
    const dpf = await server.login('dpf');
    const county = await server.login('county');
    let c = await open(a1, guardianApplication);
    c = (await command(a1, c, 'submit')).case;
    c = (await command(townshipA, c, 'requestCorrection', { comment: '缺少监护关系证明', data: { acceptance: { complete: false, missingMaterials: ['监护关系证明'] } } })).case;
    expect(c.step).toBe('apply');
    c = (await command(a1, c, 'submit')).case;
    c = (await command(townshipA, c, 'accept', { data: { acceptance: { complete: true } } })).case;
    c = (await command(townshipA, c, 'approve', { data: { townshipReview: { visited: true, opinion: '情况属实' } } })).case;
    expect(c.step).toBe('publicNotice');
    await server.setClock(china('2026-03-20T10:00:00'));
    await server.sweep();

    // The 县残联 sees the case now it is its task; the county bureau cannot act for it.
    c = (await dpf.send<{ case: CaseSummary }>(`/api/tongban/cases/${c.id}`, {})).case;
    expect(c.step).toBe('dpfReview');
    expect((await failure(command(county, c, 'approve'))).status).toBe(403);
    c = (await command(dpf, c, 'approve', { data: { dpfReview: { certificateValid: true, disabilityType: '肢体残疾', grade: '二级', opinion: '证件真实有效' } } })).case;
    expect(c.step).toBe('countyDecision');
    c = (await command(county, c, 'decide', { data: { countyDecision: { living: 'approved', nursing: 'approved', payFrom: '2026-04-01', opinion: '同意' } } })).case;
    expect(c).toMatchObject({ status: 'done', step: 'decided', outcome: 'approved' });

    expect(await titles(c.id)).toEqual(['补正材料通知书', '受理通知书', '残疾人两项补贴公示', '困难残疾人生活补贴审定通知书', '重度残疾人护理补贴审定通知书']);
    const notices = await su.collection('documents').getFullList({ filter: `application = "${c.id}" && kind = "decision"` });
    expect(notices.map((n) => n.html as string).every((html) => html.includes('2026年4月') && html.includes('100.00元'))).toBe(true);
    const correction = await su.collection('documents').getFirstListItem(`application = "${c.id}" && title = "补正材料通知书"`);
    expect(correction.html).toContain('监护关系证明');
    const notice = await su.collection('documents').getFirstListItem(`application = "${c.id}" && title = "残疾人两项补贴公示"`);
    expect(notice.html).not.toContain('320621198001150015');
    expect((await record(c.id)).decisions as Decisions).toMatchObject({ living: { outcome: 'approved', amount: 100 }, nursing: { outcome: 'approved', amount: 100 } });

    const subject = (await record(c.id)).subject as string;
    const household = await county.send<{ facts: Record<string, unknown> }>(`/api/tongban/subjects/${subject}`, {});
    expect(household.facts).toMatchObject({ dibao: { status: '在保' }, liangxiang: { living: 'approved', nursing: 'approved', payFrom: '2026-04-01' } });
    expect(await county.send(`/api/tongban/cases/${c.id}/verify`, {})).toMatchObject({ ok: true });
  });

  it('refuses 生活补贴 to a household without 低保 and grants 护理补贴, each with its notice', async () => {
    const b1 = await server.login('applicant-b1');
    const townshipB = await server.login('township-b');
    const dpf = await server.login('dpf');
    const county = await server.login('county');
    let c = await open(b1, ownApplication);
    c = (await command(b1, c, 'submit')).case;
    c = (await command(townshipB, c, 'accept')).case;
    c = (await command(townshipB, c, 'approve')).case;
    await server.setClock(china('2026-03-30T10:00:00'));
    await server.sweep();
    c = (await dpf.send<{ case: CaseSummary }>(`/api/tongban/cases/${c.id}`, {})).case;
    c = (await command(dpf, c, 'approve', { data: { dpfReview: { certificateValid: true, disabilityType: '视力残疾', grade: '一级' } } })).case;
    // The cross-check: the household is no 低保 household, so 生活补贴 cannot be granted.
    const refused = await failure(command(county, c, 'decide', { data: { countyDecision: { living: 'approved', nursing: 'approved', payFrom: '2026-04-01' } } }));
    expect(refused).toMatchObject({ status: 409, body: { code: 'not_allowed' } });
    c = (await command(county, c, 'decide', { data: { countyDecision: { living: 'rejected', livingReasons: '申请人家庭不是最低生活保障家庭', nursing: 'approved', payFrom: '2026-04-01' } } })).case;
    expect(c.outcome).toBe('approved');
    expect((await record(c.id)).decisions as Decisions).toMatchObject({ living: { outcome: 'rejected', reasons: '申请人家庭不是最低生活保障家庭' }, nursing: { outcome: 'approved' } });
    const living = await su.collection('documents').getFirstListItem(`application = "${c.id}" && title = "困难残疾人生活补贴审定通知书"`);
    expect(living.html).toContain('不是最低生活保障家庭');
    expect(living.html).toContain('六十日内');
    expect(living.html).toContain('六个月内');
  });

  it('refuses at 初审 with the township’s notice stating reasons and appeal rights', async () => {
    const b1 = await server.login('applicant-b1');
    const townshipB = await server.login('township-b');
    let c = await open(b1, ownApplication);
    c = (await command(b1, c, 'submit')).case;
    c = (await command(townshipB, c, 'accept')).case;
    c = (await command(townshipB, c, 'refuse', { comment: '户籍不在本街道', data: { townshipReview: { refusalReasons: ['户籍不在本街道'] } } })).case;
    expect(c).toMatchObject({ step: 'notPassed', outcome: 'rejected' });
    const doc = await su.collection('documents').getFirstListItem(`application = "${c.id}" && title = "残疾人两项补贴初审不通过通知书"`);
    expect(doc.html).toContain('户籍不在本街道');
    expect(doc.html).toContain('行政复议');
  });

  it('reminds 曲塘镇 of its 初审 and escalates it to the county when 10 working days pass', async () => {
    const a1 = await server.login('applicant-a1');
    const townshipA = await server.login('township-a');
    const county = await server.login('county');
    await server.setClock(china('2026-04-06T09:00:00'));
    let c = await open(a1, guardianApplication);
    c = (await command(a1, c, 'submit')).case;
    c = (await command(townshipA, c, 'accept')).case;
    await server.setClock(china('2026-05-06T09:00:00'));
    await server.sweep();
    const timeline = await su.collection('events').getFullList({ filter: `application = "${c.id}"`, sort: 'seq' });
    expect(timeline.map((e) => e.action)).toEqual(expect.arrayContaining(['deadline.remind', 'deadline.overdue']));
    c = (await county.send<{ case: CaseSummary }>(`/api/tongban/cases/${c.id}`, {})).case;
    expect(c.step).toBe('townshipReview');
    expect((await failure(command(townshipA, c, 'approve'))).status).toBe(403);
    c = (await command(county, c, 'approve')).case;
    expect(c.step).toBe('publicNotice');
  });
});
