import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColleagueListAnswer, DueByAnswer, PublicNoticeListAnswer } from '../../../engine/index.js';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { command, failure, openCase, type CaseSummary } from '../../support/commands.js';
import { freshIdNumber } from '../../support/idNumbers.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { addOfficer, demoUserId, registerRelative, type StaffMember } from '../../support/staff.js';

/**
 * The officers' list routes through the real server: a village's printable 公示 list, the
 * colleagues a task verb may name, and the end of "due within N working days" on the working calendar.
 */
describe('officers’ list routes', () => {
  let server: TestServer;
  let village: PocketBase;
  let township: PocketBase;
  let county: PocketBase;
  let otherTownship: PocketBase;
  let otherVillage: PocketBase;
  let colleague: StaffMember;
  let villageA1: string;
  let inNotice: CaseSummary;
  let atAccept: CaseSummary;
  const idNumber = freshIdNumber();
  const acceptIdNumber = freshIdNumber();

  /** A 代办 case of village a1, driven by each level to the township's 初审 and into 公示. */
  async function intoPublicNotice(name: string, id: string): Promise<CaseSummary> {
    const opened = await openCase(village, { ...demoHousehold, applicant: { ...demoHousehold.applicant, name, idNumber: id } }, { proxy: true });
    let c = (await command(village, opened.case, 'submit')).case;
    c = (await command(township, c, 'accept', { data: { acceptance: { complete: true, relativeFiling: false } } })).case;
    c = (await command(village, c, 'complete', { data: { investigation: { investigators: ['赵村干', '钱社工'], date: '2026-03-04', mode: '入户', findings: '情况属实' } } })).case;
    c = (await command(county, c, 'complete', { data: { verification: { result: '一致' } } })).case;
    return (await command(township, c, 'approve', { data: { townshipReview: { opinion: '符合条件', proposedAmount: 1200 } } })).case;
  }

  beforeAll(async () => {
    server = await startPocketBase({ simulatedClock: true });
    await server.setClock(new Date('2026-03-02T09:00:00+08:00'));
    village = await server.login('village-a1');
    township = await server.login('township-a');
    county = await server.login('county');
    otherTownship = await server.login('township-b');
    otherVillage = await server.login('village-a2');
    colleague = await addOfficer(server, 'township-a');
    villageA1 = (await (await server.superuser()).collection('users').getOne(village.authStore.record!.id)).org_unit as string;
    inNotice = await intoPublicNotice('赵桂兰', idNumber);
    const opened = await openCase(village, { ...demoHousehold, applicant: { ...demoHousehold.applicant, name: '钱玉珍', idNumber: acceptIdNumber } }, { proxy: true });
    atAccept = (await command(village, opened.case, 'submit')).case;
  }, 240_000);
  afterAll(() => server?.dispose());

  const notices = (pb: PocketBase, query: string) => pb.send<PublicNoticeListAnswer>(`/api/tongban/public-notices?${query}`, {});

  it('lists the village’s running 公示 with name, household size, amount and dates, and no ID number anywhere in the answer', async () => {
    expect(inNotice.step).toBe('publicNotice');
    for (const pb of [village, township, county]) {
      const answer = await notices(pb, `village=${villageA1}`);
      expect(answer.village.name).toBe('曲塘镇杨庄村');
      expect(answer.rows).toHaveLength(1);
      expect(answer.rows[0]).toMatchObject({ caseId: inNotice.id, name: '赵*兰', householdSize: demoHousehold.household.members.length, amount: 1200, stepName: '村（居）公示', running: true });
      expect(Date.parse(answer.rows[0]!.endsAt)).toBeGreaterThan(Date.parse(answer.rows[0]!.startsAt));
      expect(JSON.stringify(answer)).not.toContain(idNumber);
      expect(JSON.stringify(answer)).not.toMatch(/\d{17}[\dX]/);
    }
  });

  it('lists a chosen period: a 公示 that ran then, and nothing for a period before it', async () => {
    expect((await notices(township, `village=${villageA1}&from=2026-03-01&until=2026-03-31`)).rows.map((r) => r.caseId)).toEqual([inNotice.id]);
    expect((await notices(township, `village=${villageA1}&from=2026-01-01&until=2026-01-31`)).rows).toEqual([]);
    expect((await failure(notices(township, `village=${villageA1}&from=2026-03-31&until=2026-03-01`))).status).toBe(400);
  });

  it('gives an officer of another township or another village nothing (404, as for a village that does not exist)', async () => {
    expect((await failure(notices(otherTownship, `village=${villageA1}`))).body).toMatchObject({ status: 404, code: 'not_found' });
    expect((await failure(notices(otherVillage, `village=${villageA1}`))).body).toMatchObject({ status: 404, code: 'not_found' });
    expect((await failure(notices(township, 'village=nosuchvillage00'))).body).toMatchObject({ status: 404, code: 'not_found' });
    expect((await failure(notices(await server.login('applicant-a1'), `village=${villageA1}`))).status).toBe(403);
  });

  it('lists the colleagues 抄送 and 转办 may name: name, unit and duties only, never the caller or a recused colleague', async () => {
    const cc = await township.send<ColleagueListAnswer>(`/api/tongban/cases/${atAccept.id}/colleagues?verb=cc`, {});
    const ids = cc.colleagues.map((c) => c.id);
    expect(ids).toContain(colleague.id);
    expect(ids).toContain(await demoUserId(server, 'village-a1'));
    expect(ids).not.toContain(township.authStore.record!.id);
    expect(ids).not.toContain(await demoUserId(server, 'township-b'));
    expect(ids).not.toContain(await demoUserId(server, 'village-b1'));
    for (const c of cc.colleagues) expect(Object.keys(c).sort()).toEqual(['duties', 'id', 'name', 'unit']);
    const transfer = await township.send<ColleagueListAnswer>(`/api/tongban/cases/${atAccept.id}/colleagues?verb=transfer`, {});
    expect(transfer.colleagues.map((c) => c.id)).toEqual([colleague.id]);
    expect(transfer.colleagues[0]!.unit.name).toBe('曲塘镇');
    // A colleague declared a close relative of the household is not offered.
    await registerRelative(server, colleague.id, acceptIdNumber);
    const afterwards = await township.send<ColleagueListAnswer>(`/api/tongban/cases/${atAccept.id}/colleagues?verb=cc`, {});
    expect(afterwards.colleagues.map((c) => c.id)).not.toContain(colleague.id);
    expect(afterwards.colleagues.length).toBe(cc.colleagues.length - 1);
  });

  it('refuses the colleague list to an officer of another township (404) and where the verb is not offered (409)', async () => {
    expect((await failure(otherTownship.send(`/api/tongban/cases/${atAccept.id}/colleagues?verb=cc`, {}))).body).toMatchObject({ status: 404, code: 'not_found' });
    expect((await failure(county.send(`/api/tongban/cases/${atAccept.id}/colleagues?verb=transfer`, {}))).body).toMatchObject({ status: 409, code: 'not_allowed' });
    expect((await failure(township.send(`/api/tongban/cases/${atAccept.id}/colleagues?verb=everyone`, {}))).status).toBe(400);
  });

  it('tells the end of “due within N working days” by the working calendar: over a weekend and over 清明', async () => {
    // Monday 2026-03-02: 3 working days on is Thursday 03-05, ending at 00:00 of Friday (China time).
    expect(await township.send<DueByAnswer>('/api/tongban/calendar/due-by?workingDays=3', {})).toMatchObject({ workingDays: 3, dueBy: '2026-03-05T16:00:00.000Z' });
    // Thursday 2026-04-02: 清明 is Saturday 04-04 to Monday 04-06; 2 working days on is Tuesday 04-07 (Mon–Fri counting would say Monday 04-06).
    await server.setClock(new Date('2026-04-02T10:00:00+08:00'));
    expect((await township.send<DueByAnswer>('/api/tongban/calendar/due-by?workingDays=2', {})).dueBy).toBe('2026-04-07T16:00:00.000Z');
    expect((await failure(township.send('/api/tongban/calendar/due-by?workingDays=abc', {}))).status).toBe(400);
    expect((await failure((await server.login('applicant-a1')).send('/api/tongban/calendar/due-by?workingDays=1', {}))).status).toBe(403);
  });
});
