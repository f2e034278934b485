import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { command, failure, openCase, type CaseSummary } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

interface Deadline {
  dueAt?: string;
  provisional?: true;
}
type Summary = Omit<CaseSummary, 'clock' | 'tasks'> & { clock: Deadline; tasks: (Deadline & { key: string; step: string })[] };
interface Status {
  today: string;
  latestDeadline: string | null;
  years: { year: number; known: boolean; source: string | null; statutoryHolidays?: { date: string; name: string }[] }[];
  warnings: string[];
}

const accepted = { acceptance: { complete: true, relativeFiling: false } };
/** The State Council's (imagined) 2027 notice: 元旦 12-31 to 01-03, 春节 02-05 to 02-12, Saturday 02-20 worked. */
const notice2027 = {
  year: 2027,
  holidays: ['2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'],
  workdays: ['2027-02-20'],
  note: '国务院办公厅关于2027年部分节假日安排的通知',
};

describe('a calendar that knows which years it does not know', () => {
  let server: TestServer;
  let admin: PocketBase;
  let c: Summary;
  beforeAll(async () => {
    server = await startPocketBase({ simulatedClock: true });
    await server.setClock(new Date('2026-12-28T10:00:00+08:00'));
    admin = await server.login('admin');
    const a1 = await server.login('applicant-a1');
    const submitted = await command(a1, (await openCase(a1, demoHousehold)).case, 'submit');
    c = (await command(await server.login('township-a'), submitted.case, 'accept', { data: accepted })).case as Summary;
  });
  afterAll(() => server?.dispose());

  const status = (pb: PocketBase) => pb.send<Status>('/api/tongban/admin/calendar/status', {});
  const readCase = async (id: string) => (await admin.send<{ case: Summary }>(`/api/tongban/cases/${id}`, {})).case;

  it('counts a deadline accepted on 2026-12-28 past 元旦 and 春节 2027 (statutory days only) and marks it provisional', () => {
    // Dec 29–31, Jan 4 … Feb 4 (23 more), 02-05 除夕 and 02-08 初三 skipped, Feb 9–11: the 30th working day is Thu 2027-02-11.
    expect(c.clock).toMatchObject({ dueAt: '2027-02-11T16:00:00.000Z', provisional: true });
    const dated = c.tasks.filter((t) => t.dueAt);
    expect(dated.length).toBeGreaterThan(0);
    for (const t of dated) expect(t.provisional).toBe(true);
  });

  it('answers administrators per year whether the official arrangement is known, and warns about 2027', async () => {
    const answer = await status(admin);
    expect(answer.today).toBe('2026-12-28');
    expect(answer.latestDeadline).toBe('2027-02-11');
    expect(answer.years.map(({ year, known, source }) => ({ year, known, source }))).toEqual([
      { year: 2026, known: true, source: 'package' },
      { year: 2027, known: false, source: null },
    ]);
    expect(answer.years[1]!.statutoryHolidays!.map((h) => h.date)).toContain('2027-02-05');
    expect(answer.warnings).toHaveLength(1);
    expect(answer.warnings[0]).toContain('2027 年的国务院放假安排尚未录入');
    expect((await failure(status(await server.login('township-a')))).status).toBe(403);
  });

  it('warns in the server log at start while running deadlines reach 2027 without its arrangement', async () => {
    await server.stop();
    await server.restart();
    await expect.poll(() => server.output(), { timeout: 5000 }).toContain('2027 年的国务院放假安排尚未录入');
  });

  it('refuses a malformed arrangement with every problem and changes nothing', async () => {
    const refused = await failure(admin.send('/api/tongban/admin/calendar/arrangements', { method: 'POST', body: { year: 2027, holidays: ['2027-02-30', '2025-01-01', '2027-01-01', '2027-01-01'], workdays: ['2027-01-01'], extra: 1 } }));
    expect(refused.status).toBe(400);
    expect(refused.body.errors!.map((e) => e.path).sort()).toEqual(['/extra', '/holidays/0', '/holidays/1', '/holidays/3', '/workdays/0']);
    const su = await server.superuser();
    expect(await su.collection('calendar_arrangements').getFullList()).toHaveLength(0);
    expect(await su.collection('calendar_overrides').getFullList({ filter: 'date >= "2026-12-01"' })).toHaveLength(0);
    expect((await failure(admin.send('/api/tongban/admin/calendar/arrangements', { method: 'POST', body: { ...notice2027 }, headers: { Authorization: '' } }))).status).toBe(401);
  });

  it('recounts a running case when the 2027 arrangement is entered, on its timeline, and verify still replays it', async () => {
    const before = await readCase(c.id);
    const imported = await admin.send<{ year: number; recounted: { id: string; dueAt: string | null }[] }>('/api/tongban/admin/calendar/arrangements', { method: 'POST', body: notice2027 });
    // 12-31 and 02-09 … 02-12 off, Saturday 02-20 worked: the 30th working day is now Thu 2027-02-18.
    expect(imported.recounted).toContainEqual({ id: c.id, caseNo: before.caseNo, dueAt: '2027-02-18T16:00:00.000Z' });

    const after = await readCase(c.id);
    expect(after.clock.dueAt).toBe('2027-02-18T16:00:00.000Z');
    expect(after.clock.provisional).toBeUndefined();
    expect(after.version).toBe(before.version + 1);
    for (const t of after.tasks.filter((t) => t.dueAt)) {
      expect(t.provisional).toBeUndefined();
      const old = before.tasks.find((b) => b.key === t.key)!;
      // Opened on 12-28: 12-31 is now a day off, so each step deadline moves one working day later.
      expect(new Date(t.dueAt!).getTime()).toBeGreaterThan(new Date(old.dueAt!).getTime());
    }
    const su = await server.superuser();
    const rows = await su.collection('tasks').getFullList({ filter: `application = "${c.id}" && status = "open"` });
    for (const row of rows) expect(new Date(String(row.due_at).replace(' ', 'T')).toISOString()).toBe(after.tasks.find((t) => t.key === row.key)!.dueAt);

    const events = await admin.collection('events').getFullList({ filter: `application = "${c.id}"`, sort: 'seq' });
    expect(events.at(-1)).toMatchObject({ action: 'calendar.recount', kind: 'calendar', actor_name: '系统', from_step: after.step, to_step: after.step });
    expect(String(events.at(-1)!.comment)).toContain('2027 年国务院放假安排');
    expect(await admin.send(`/api/tongban/cases/${c.id}/verify`, {})).toMatchObject({ ok: true, chain: { ok: true }, replay: { ok: true } });

    const answer = await status(admin);
    expect(answer.years.find((y) => y.year === 2027)).toMatchObject({ known: true, source: 'entered' });
    expect(answer.warnings).toEqual([]);
  });

  it('audits the import as the administrator’s writes of overrides and of the arrangement', async () => {
    const su = await server.superuser();
    const entries = await su.collection('audit_log').getFullList({ filter: 'action ~ "calendar."', sort: 'created' });
    expect(entries.filter((e) => e.action === 'calendar.override.create')).toHaveLength(notice2027.holidays.length + notice2027.workdays.length);
    const arrangement = entries.find((e) => e.action === 'calendar.arrangement.create');
    expect(arrangement).toMatchObject({ actor_id: admin.authStore.record!.id, actor_role: 'admin', after: { year: 2027, note: notice2027.note } });
    for (const e of entries) expect(e.actor_id).toBe(admin.authStore.record!.id);
  });

  it('leaves a case alone when the same arrangement is entered again', async () => {
    const before = await readCase(c.id);
    const again = await admin.send<{ recounted: unknown[] }>('/api/tongban/admin/calendar/arrangements', { method: 'POST', body: notice2027 });
    expect(again.recounted).toEqual([]);
    expect((await readCase(c.id)).version).toBe(before.version);
  });
});
