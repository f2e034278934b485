import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command, failure, openCase, type CaseSummary } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

const china = (local: string) => new Date(`${local}+08:00`);

/** 王秀英 (applicant-a1) applies for her father 张德顺, born 1944-03-05, of 杨庄村. */
const application = {
  applicant: { name: '王秀英', idNumber: '320621195503120023', phone: '13912345678', address: '海安市曲塘镇杨庄村5组12号' },
  elder: { name: '张德顺', idNumber: '320621194403050019', relation: '子女', address: '海安市曲塘镇杨庄村5组12号' },
};
const verified = { hukouLocal: true, livingStatus: '健在', method: '户籍信息比对', opinion: '户籍在本镇，老人健在' };

describe('高龄津贴（尊老金）through the real server, by the demo accounts', () => {
  let server: TestServer;
  let su: PocketBase;
  const titles = async (id: string) => (await su.collection('documents').getFullList({ filter: `application = "${id}"`, sort: 'created' })).map((d) => d.title as string);
  const view = async (pb: PocketBase, id: string) => (await pb.send<{ case: CaseSummary }>(`/api/tongban/cases/${id}`, {})).case;
  const stored = async (id: string) => su.collection('applications').getOne(id);
  const subjectOf = async (id: string) => su.collection('subjects').getOne((await stored(id)).subject as string);
  const register = (pb: PocketBase, subject: string, body: Record<string, unknown>) => pb.send<{ facts: Record<string, unknown>; ended: string[] }>(`/api/tongban/subjects/${subject}/register`, { method: 'POST', body });
  const verify = async (id: string) => su.send<{ ok: boolean }>(`/api/tongban/cases/${id}/verify`, {});
  let paid: CaseSummary;

  beforeAll(async () => {
    server = await startPocketBase({ simulatedClock: true });
    su = await server.superuser();
    await server.setClock(china('2026-03-02T09:00:00'));
  });
  afterAll(() => server?.dispose());

  it('a resident’s application goes to 曲塘镇, is corrected once, confirmed with the tier and amount, and paid from the next month, month by month', async () => {
    const a1 = await server.login('applicant-a1');
    const townshipA = await server.login('township-a');
    let c = (await openCase(a1, application, { workflow: 'elderly-allowance' })).case;
    expect(c.step).toBe('verify');
    // The register keeps the elder's date of birth (read from the ID number), never the number.
    const subject = await subjectOf(c.id);
    expect(subject.facts).toMatchObject({ register: { birthDate: '1944-03-05' }, elderlyAllowance: { status: '核实中' } });
    expect(JSON.stringify(subject)).not.toContain('320621194403050019');
    c = (await command(townshipA, c, 'requestCorrection', { comment: '缺少户口簿', data: { verification: { missingMaterials: ['老年人户口簿复印件', '代领人银行账户信息'] } } })).case;
    expect(c.step).toBe('supplement');
    c = (await command(a1, c, 'submit')).case;
    expect(c.step).toBe('verify');
    c = (await command(townshipA, c, 'confirm', { data: { verification: verified } })).case;
    expect(c).toMatchObject({ status: 'active', step: 'paying' });
    expect((await stored(c.id)).data).toMatchObject({ decision: { age: 81, tier: '80周岁以上', monthlyAmount: 50, payFrom: '2026-04-01' } });
    expect(await titles(c.id)).toEqual(['补正材料通知书', '高龄津贴确认通知书']);
    const confirmation = await su.collection('documents').getFirstListItem(`application = "${c.id}" && title = "高龄津贴确认通知书"`);
    expect(confirmation.html).toContain('2026年4月');
    expect(confirmation.html).toContain('伍拾元整');
    // A month on, the sweep pays April; another month, May.
    await server.setClock(china('2026-04-03T09:00:00'));
    await server.sweep();
    // 劳动节 moves the month's end from 05-03 to Wednesday 05-06.
    await server.setClock(china('2026-05-07T09:00:00'));
    await server.sweep();
    expect((await stored(c.id)).data).toMatchObject({ payment: { months: [{ month: '2026-04', amount: 50 }, { month: '2026-05', amount: 50 }] } });
    expect((await subjectOf(c.id)).facts).toMatchObject({ elderlyAllowance: { status: '发放中', monthlyAmount: 50, since: '2026-03-02' } });
    paid = await view(townshipA, c.id);
  }, 240_000);

  it('records a death in the register and ends the running allowance in the same transaction, with a 终止发放通知书; the case still replays', async () => {
    const townshipA = await server.login('township-a');
    const subject = (await stored(paid.id)).subject as string;
    // Only officers of the person's home, with a known status, a date and a reason.
    expect(await failure(register(await server.login('applicant-a1'), subject, { status: '死亡', date: '2026-05-10', reason: '户籍注销' }))).toMatchObject({ status: 403 });
    expect(await failure(register(await server.login('township-b'), subject, { status: '死亡', date: '2026-05-10', reason: '户籍注销' }))).toMatchObject({ status: 404 });
    expect(await failure(register(townshipA, subject, { status: '去世', date: '2026-05-10', reason: '户籍注销' }))).toMatchObject({ status: 400, body: { errors: [{ path: '/status' }] } });
    expect((await stored(paid.id)).status).toBe('active');
    await server.setClock(china('2026-05-12T10:00:00'));
    const answer = await register(townshipA, subject, { status: '死亡', date: '2026-05-10', reason: '公安机关户籍注销' });
    expect(answer).toMatchObject({ ended: [paid.id], facts: { register: { status: '死亡', statusDate: '2026-05-10' } } });
    const ended = await stored(paid.id);
    expect(ended).toMatchObject({ status: 'done', step: 'terminated', outcome: 'terminated' });
    const notice = await su.collection('documents').getFirstListItem(`application = "${paid.id}" && title = "高龄津贴终止发放通知书"`);
    expect(notice.html).toContain('户籍登记为死亡（2026-05-10）');
    expect(notice.html).toContain('行政复议');
    const events = await su.collection('events').getFullList({ filter: `application = "${paid.id}"`, sort: 'seq' });
    expect(events.at(-1)).toMatchObject({ action: 'subject.changed', kind: 'subject', from_step: 'paying', to_step: 'terminated' });
    expect(await su.collection('timers').getFullList({ filter: `application = "${paid.id}" && status = "pending"` })).toEqual([]);
    expect(await su.collection('audit_log').getFullList({ filter: `action = "subject.register" && target_id = "${subject}"` })).toHaveLength(1);
    expect((await verify(paid.id)).ok).toBe(true);
  }, 240_000);

  it('starts a case by the monthly schedule for a registered person once they are 80 on the first of the month, confirmed by the township', async () => {
    // 杨庄村 files a 低保 draft for 赵老汉 (born 1946-05-20): the register now knows his date of birth.
    const village = await server.login('village-a1');
    const zhao = { name: '赵老汉', idNumber: '320621194605200011', phone: '13912345670', address: '海安市曲塘镇杨庄村2组3号' };
    const draft = (await openCase(village, { applicant: zhao }, { proxy: true })).case;
    const subject = (await stored(draft.id)).subject as string;
    const scheduled = async () => su.collection('applications').getFullList({ filter: `workflow_key = "elderly-allowance" && subject = "${subject}"` });
    // He turned 80 on 05-20 (after the May run was counted on 05-01): the June run, counted on 06-01, starts his case; the July run does not start another.
    await server.setClock(china('2026-06-01T09:00:00'));
    await server.sweep();
    const [c] = await scheduled();
    expect(c).toMatchObject({ starter: 'schedule', step: 'verify' });
    expect(c!.data).toMatchObject({ elder: { birthDate: '1946-05-20', registerName: '赵*汉' } });
    const townshipA = await server.login('township-a');
    const confirmed = (await command(townshipA, await view(townshipA, c!.id), 'confirm', { data: { verification: verified } })).case;
    expect(confirmed).toMatchObject({ step: 'paying' });
    // The township confirms from the register: the date of birth it holds gives the age and the tier (the ID number is never entered).
    expect((await stored(c!.id)).data).toMatchObject({ decision: { age: 80, tier: '80周岁以上', payFrom: '2026-07-01' } });
    // The July run starts no second case for him.
    await server.setClock(china('2026-07-01T09:00:00'));
    await server.sweep();
    expect(await scheduled()).toHaveLength(1);
    expect((await stored(c!.id)).subject).toBe(subject);
    // He moves away: the allowance ends.
    expect((await register(townshipA, subject, { status: '迁出', date: '2026-07-20', reason: '户籍迁往南通市区' })).ended).toEqual([c!.id]);
    expect(await titles(c!.id)).toEqual(['高龄津贴确认通知书', '高龄津贴终止发放通知书']);
  }, 240_000);
});
