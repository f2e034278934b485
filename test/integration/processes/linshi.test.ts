import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { command, failure, openCase, type CaseSummary } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

const china = (local: string) => new Date(`${local}+08:00`);

/** 王秀英's house burnt down last night (急难型). */
const fire = { ...demoHousehold, hardship: { type: '急难型', cause: '火灾', occurredOn: '2026-03-01', description: '住房失火，衣物被褥和口粮全部烧毁' } };
/** 王秀英's son needs an operation: 18,000 元 of their own medical costs (支出型). */
const operation = { ...demoHousehold, hardship: { type: '支出型', cause: '医疗支出', description: '张明住院手术，医保报销后个人自负18000元', expenses: 18000, requestedAmount: 3000 } };
/** 李建国 (孙庄街道): 32,000 元 of his own medical costs after a stroke (支出型). */
const stroke = {
  applicant: { name: '李建国', idNumber: '320621196207040015', phone: '13800001111', address: '海安市孙庄街道孙庄社区8幢' },
  household: { members: [{ name: '李建国', idNumber: '320621196207040015', relation: '本人', health: '重特大疾病' }] },
  income: { transfer: 900 },
  assets: { deposits: 2000, vehicles: 0, housing: '租住公房' },
  hardship: { type: '支出型', cause: '医疗支出', description: '突发脑梗住院，个人自负医疗费用32000元', expenses: 32000, requestedAmount: 5000 },
};

describe('临时救助 through the real server, by the demo accounts', { timeout: 180_000 }, () => {
  let server: TestServer;
  let su: PocketBase;
  const open = async (pb: PocketBase, data: unknown) => (await openCase(pb, data, { workflow: 'linshi' })).case;
  const reload = async (pb: PocketBase, c: CaseSummary) => (await pb.send<{ case: CaseSummary }>(`/api/tongban/cases/${c.id}`, {})).case;
  const titles = async (id: string) => (await su.collection('documents').getFullList({ filter: `application = "${id}"`, sort: 'created' })).map((d) => d.title as string);
  const html = async (id: string, title: string) => (await su.collection('documents').getFirstListItem(`application = "${id}" && title = "${title}"`)).html as string;
  const record = async (id: string) => su.collection('applications').getOne(id);
  const milestones = async (id: string) => Object.keys(((await record(id)).milestones as Record<string, unknown> | null) ?? {}).sort();

  beforeAll(async () => {
    server = await startPocketBase({ simulatedClock: true });
    su = await server.superuser();
  });
  afterAll(() => server?.dispose());

  it('pays an emergency first, reminds and then escalates the late paperwork to the county, and closes when the approval covers what was paid', async () => {
    await server.setClock(china('2026-03-02T09:00:00'));
    const a1 = await server.login('applicant-a1');
    const townshipA = await server.login('township-a');
    const county = await server.login('county');
    let c = await open(a1, fire);
    c = (await command(a1, c, 'submit')).case;
    expect(c.step).toBe('emergencyAid');
    c = (await command(townshipA, c, 'grantNow', { data: { emergencyAid: { amount: 1500, method: '现金', recipient: '王秀英', reason: '住房失火，急需衣被口粮' } } })).case;
    expect(c.step).toBe('backfill');
    const register = await html(c.id, '临时救助先行救助登记表');
    expect(register).toContain('1,500.00元（壹仟伍佰元整）');
    expect(register).toContain('5 个工作日内补齐');

    // Nothing back-filled by Monday 03-09 (5 working days): reminded, then the county holds the task.
    await server.setClock(china('2026-03-10T09:00:00'));
    await server.sweep();
    const timeline = await su.collection('events').getFullList({ filter: `application = "${c.id}"`, sort: 'seq' });
    expect(timeline.map((e) => e.action)).toEqual(expect.arrayContaining(['deadline.remind', 'deadline.overdue']));
    c = await reload(county, c);
    expect((await failure(command(townshipA, c, 'complete'))).status).toBe(403);
    // Unsigned, the paperwork is not complete.
    expect((await failure(command(county, c, 'complete', { data: { backfill: { recipientSigned: false, materials: ['申请书'] }, townshipReview: { amount: 1500 } } }))).status).toBe(409);
    c = (await command(county, c, 'complete', { data: { backfill: { recipientSigned: true, materials: ['申请书（补签）', '火灾事故证明'] }, townshipReview: { amount: 1500, opinion: '先行救助属实' } } })).case;
    expect(c.step).toBe('townshipApproval');
    c = (await command(townshipA, c, 'approve', { data: { approval: { amount: 1500, opinion: '补办审批' } } })).case;
    expect(c).toMatchObject({ status: 'done', step: 'closed', outcome: 'approved' });
    expect(await milestones(c.id)).toEqual(['emergencyPaid', 'granted', 'paidInFull', 'paperworkComplete']);
    expect(await titles(c.id)).toEqual(['临时救助先行救助登记表', '临时救助审批决定书']);
    expect(await county.send(`/api/tongban/cases/${c.id}/verify`, {})).toMatchObject({ ok: true });
  });

  it('takes 支出型 through 补正, 调查, 核对, 审核 and 公示 to 曲塘镇’s approval under 海安市’s 3,000 元 threshold, pays it in two instalments and records a 转介', async () => {
    await server.setClock(china('2026-04-01T09:00:00'));
    const a1 = await server.login('applicant-a1');
    const village = await server.login('village-a1');
    const townshipA = await server.login('township-a');
    const county = await server.login('county');
    let c = await open(a1, operation);
    // The case runs on 海安市's local rules (its overlay), with the township's threshold at 3,000 元.
    const version = await su.collection('workflow_definitions').getOne((await record(c.id)).workflow as string);
    expect([version.division, (version.definition as { parameters: Record<string, unknown> }).parameters.townshipApprovalLimit]).toEqual(['320685', 3000]);

    c = (await command(a1, c, 'submit')).case;
    c = (await command(townshipA, c, 'requestCorrection', { comment: '缺少住院费用材料', data: { acceptance: { complete: false, missingMaterials: ['住院费用发票及费用清单', '医疗保险报销结算单'] } } })).case;
    expect(c.step).toBe('apply');
    expect(await html(c.id, '补正材料通知书')).toContain('<ol><li>住院费用发票及费用清单</li><li>医疗保险报销结算单</li></ol>');
    c = (await command(a1, c, 'submit')).case;
    c = (await command(townshipA, c, 'accept', { data: { acceptance: { complete: true, missingMaterials: [] } } })).case;
    c = (await command(village, c, 'complete', { data: { investigation: { investigators: ['赵村干', '钱社工'], mode: '入户', findings: '手术属实' } } })).case;
    expect(c.step).toBe('verification');
    c = (await command(county, c, 'complete', { data: { verification: { result: '一致' } } })).case;
    c = (await command(townshipA, c, 'approve', { data: { townshipReview: { amount: 2500, instalments: 2, opinion: '符合支出型临时救助条件' } } })).case;
    expect(c.step).toBe('publicNotice');
    const notice = await html(c.id, '临时救助公示');
    expect(notice).toContain('<td>王*英</td><td>支出型</td><td>医疗支出</td><td>2,500.00元</td>');
    expect(notice).not.toContain('320621195503120023');

    await server.setClock(china('2026-04-13T10:00:00'));
    await server.sweep();
    c = await reload(townshipA, c);
    expect(c.step).toBe('townshipApproval');
    c = (await command(townshipA, c, 'approve', { data: { approval: { amount: 2500, instalments: 2, opinion: '同意，分两次发放' } } })).case;
    expect(c.step).toBe('payment');
    expect(await html(c.id, '临时救助审批决定书')).toContain('决定给予临时救助 2,500.00元（贰仟伍佰元整），分 2 次发放');

    c = (await command(townshipA, c, 'recordPayment', { data: { payment: { instalments: [{ amount: 1500, paidOn: '2026-04-15', method: '银行转账' }] } } })).case;
    // A 转介 names its organisation; the charity gets a 转介函.
    expect(await failure(command(townshipA, c, 'refer', { data: { referral: { need: '术后康复费用' } } }))).toMatchObject({ status: 409, body: { code: 'not_allowed' } });
    c = (await command(townshipA, c, 'refer', { data: { referral: { organisation: '海安市慈善总会', organisationKind: '慈善组织', need: '术后康复费用' } } })).case;
    expect(await html(c.id, '临时救助转介函')).toContain('<p class="salutation">海安市慈善总会：</p>');
    // The second instalment cannot exceed what is left (1,000 元).
    const over = { payment: { instalments: [{ amount: 1500, paidOn: '2026-04-15' }, { amount: 1500, paidOn: '2026-05-15' }] } };
    expect(await failure(command(townshipA, c, 'recordPayment', { data: over }))).toMatchObject({ status: 409, body: { code: 'not_allowed' } });
    expect((await failure(command(townshipA, c, 'complete'))).status).toBe(409);
    c = (await command(townshipA, c, 'recordPayment', { data: { payment: { instalments: [{ amount: 1500, paidOn: '2026-04-15' }, { amount: 1000, paidOn: '2026-05-15' }] } } })).case;
    c = (await command(townshipA, c, 'complete')).case;
    expect(c).toMatchObject({ status: 'done', step: 'closed', outcome: 'approved' });
    expect(await milestones(c.id)).toEqual(['granted', 'paidInFull', 'paymentStarted', 'referred']);
    expect(await titles(c.id)).toEqual(['补正材料通知书', '临时救助申请受理通知书', '临时救助公示', '临时救助审批决定书', '临时救助转介函']);
    expect((await record(c.id)).data).toMatchObject({ referral: { organisation: '海安市慈善总会' } });
    expect(await county.send(`/api/tongban/cases/${c.id}/verify`, {})).toMatchObject({ ok: true });
  });

  it('sends 5,000 元 to the county, which refuses in writing with reasons and the right to 行政复议 or 行政诉讼', async () => {
    await server.setClock(china('2026-05-06T09:00:00'));
    const b1 = await server.login('applicant-b1');
    const villageB1 = await server.login('village-b1');
    const townshipB = await server.login('township-b');
    const county = await server.login('county');
    let c = await open(b1, stroke);
    c = (await command(b1, c, 'submit')).case;
    c = (await command(townshipB, c, 'accept')).case;
    c = (await command(villageB1, c, 'complete', { data: { investigation: { investigators: ['周社工', '吴网格员'] } } })).case;
    c = (await command(county, c, 'complete', { data: { verification: { result: '不一致', notes: '银行存款与申报不一致' } } })).case;
    c = (await command(townshipB, c, 'approve', { data: { townshipReview: { amount: 5000 } } })).case;
    await server.setClock(china('2026-05-18T10:00:00'));
    await server.sweep();
    c = await reload(county, c);
    expect(c.step).toBe('countyApproval');
    expect((await failure(command(townshipB, c, 'approve', { data: { approval: { amount: 5000 } } }))).status).toBe(403);
    c = (await command(county, c, 'refuse', { comment: '存款超过规定', data: { approval: { refusalReasons: ['经信息核对，家庭存款超过当地规定，不符合支出型临时救助条件'] } } })).case;
    expect(c).toMatchObject({ step: 'refusedCounty', outcome: 'rejected' });
    const refusal = await html(c.id, '不予临时救助通知书');
    for (const words of ['家庭存款超过当地规定', '六十日内', '行政复议', '六个月内', '行政诉讼']) expect(refusal).toContain(words);
  });
});
