import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

interface AuditRow {
  id: string;
  at: string;
  action: string;
  actor_id: string;
  actor_name: string;
  actor_role: string;
  actor_unit: string;
  target_collection: string;
  target_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

describe('the audit trail of configuration', () => {
  let server: TestServer;
  let admin: PocketBase;
  let su: PocketBase;

  const entriesFor = async (targetId: string): Promise<AuditRow[]> => (await su.collection('audit_log').getFullList<AuditRow>({ filter: `target_id = "${targetId}"`, sort: 'at,created' }));
  const download = (pb: PocketBase | null, query: string) =>
    fetch(`${server.url}/api/tongban/admin/audit?${query}`, { headers: pb ? { Authorization: pb.authStore.token } : {} });

  beforeAll(async () => {
    server = await startPocketBase();
    admin = await server.login('admin');
    su = await server.superuser();
  });
  afterAll(() => server?.dispose());

  it('records who published each shipped workflow when the loader started the server', async () => {
    const dibao = await su.collection('workflow_definitions').getFirstListItem('key = "dibao"');
    const [published] = await entriesFor(dibao.id);
    expect(published).toMatchObject({ action: 'workflow.publish', actor_role: 'superuser', target_collection: 'workflow_definitions', before: null });
    expect(published!.after).toMatchObject({ key: 'dibao', version: dibao.version, status: 'published', sha256: dibao.sha256 });
    expect(String(published!.after!.definition)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('records each change of a holiday override by an administrator, with before and after', async () => {
    const created = await admin.collection('calendar_overrides').create({ date: '2027-10-09', working: true, note: '国庆调休上班' });
    await admin.collection('calendar_overrides').update(created.id, { working: false, note: '取消调休' });
    await admin.collection('calendar_overrides').delete(created.id);
    const entries = await entriesFor(created.id);
    expect(entries.map((e) => e.action)).toEqual(['calendar.override.create', 'calendar.override.update', 'calendar.override.delete']);
    for (const e of entries) expect(e).toMatchObject({ actor_id: admin.authStore.record!.id, actor_name: '系统管理员', actor_role: 'admin', actor_unit: '海安市' });
    expect(entries[0]).toMatchObject({ before: null, after: { date: '2027-10-09', working: true, note: '国庆调休上班' } });
    expect(entries[1]).toMatchObject({ before: { working: true, note: '国庆调休上班' }, after: { date: '2027-10-09', working: false, note: '取消调休' } });
    expect(entries[2]).toMatchObject({ before: { date: '2027-10-09', working: false }, after: null });
  });

  it('leaves no entry for a write that was refused', async () => {
    await admin.collection('calendar_overrides').create({ date: '2027-05-05', working: true });
    const before = (await su.collection('audit_log').getList(1, 1)).totalItems;
    expect((await failure(admin.collection('calendar_overrides').create({ date: '2027-05-05', working: false }))).status).toBe(400);
    expect((await su.collection('audit_log').getList(1, 1)).totalItems).toBe(before);
  });

  it('undoes a change whose audit entry cannot be written: both are in one transaction', async () => {
    // An actor_unit longer than the log's 200 characters makes the audit entry invalid.
    const township = await su.collection('org_units').getFirstListItem('code = "320685004"');
    await su.collection('org_units').update(township.id, { name: '很长的单位名称'.repeat(40) });
    const su2 = await server.superuser();
    await su2.collection('users').update((await su2.collection('users').getFirstListItem('email = "admin@demo.tongban"')).id, { org_unit: township.id });
    const admin2 = await server.login('admin');
    expect((await failure(admin2.collection('calendar_overrides').create({ date: '2027-06-01', working: false }))).status).toBeGreaterThanOrEqual(400);
    expect((await su.collection('calendar_overrides').getList(1, 1, { filter: 'date = "2027-06-01"' })).totalItems).toBe(0);
    await su.collection('users').update(admin.authStore.record!.id, { org_unit: admin.authStore.record!.org_unit });
    await su.collection('org_units').update(township.id, { name: township.name });
  });

  it('records who changed a user’s role, unit and duties, and nothing for their own profile edits', async () => {
    const officer = await server.login('village-a2');
    const id = officer.authStore.record!.id;
    const county = await su.collection('org_units').getFirstListItem('level = "county"');
    const updates = async () => (await entriesFor(id)).filter((e) => e.action !== 'user.create');
    expect((await entriesFor(id)).map((e) => e.action)).toEqual(['user.create']); // by the demo loader
    await officer.collection('users').update(id, { name: '双楼村 村委会（新）' });
    expect(await updates()).toEqual([]);
    await su.collection('users').update(id, { role: 'admin', org_unit: county.id, duties: ['dibao_officer', 'tekun_officer'] });
    const [changed, ...rest] = await updates();
    expect(rest).toEqual([]);
    expect(changed).toMatchObject({ action: 'user.update', actor_role: 'superuser', target_collection: 'users' });
    expect(changed!.before).toMatchObject({ role: 'officer', duties: ['dibao_officer'] });
    expect(changed!.after).toEqual({ name: '双楼村 村委会（新）', role: 'admin', org_unit: county.id, duties: ['dibao_officer', 'tekun_officer'], disabled: false });
    expect(JSON.stringify(changed)).not.toMatch(/password|tokenKey/);
  });

  it('records who retired a definition', async () => {
    const dibao = await su.collection('workflow_definitions').getFirstListItem('key = "dibao"');
    await su.collection('workflow_definitions').update(dibao.id, { status: 'retired' });
    const last = (await entriesFor(dibao.id)).at(-1)!;
    expect(last).toMatchObject({ action: 'workflow.retire', actor_role: 'superuser', before: { status: 'published' }, after: { status: 'retired' } });
    await su.collection('workflow_definitions').update(dibao.id, { status: 'published' });
    expect((await entriesFor(dibao.id)).at(-1)!.action).toBe('workflow.publish');
  });

  it('lets administrators read the log and nobody else', async () => {
    expect((await admin.collection('audit_log').getList(1, 5)).totalItems).toBeGreaterThan(0);
    for (const user of ['county', 'township-a', 'village-a1', 'applicant-a1']) {
      const pb = await server.login(user);
      expect((await pb.collection('audit_log').getList(1, 5)).totalItems, user).toBe(0);
      expect((await download(pb, 'format=json')).status, user).toBe(403);
    }
    expect((await download(null, 'format=json')).status).toBe(401);
  });

  it('refuses every update and delete of the log, even by a superuser, and keeps the entry', async () => {
    const [entry] = (await su.collection('audit_log').getList<AuditRow>(1, 1, { sort: 'created' })).items;
    expect((await failure(su.collection('audit_log').update(entry!.id, { actor_name: '无名氏' }))).status).toBeGreaterThanOrEqual(400);
    expect((await failure(su.collection('audit_log').delete(entry!.id))).status).toBeGreaterThanOrEqual(400);
    expect((await failure(admin.collection('audit_log').update(entry!.id, { actor_name: '无名氏' }))).status).toBeGreaterThanOrEqual(400);
    expect((await failure(admin.collection('audit_log').create({ at: new Date().toISOString(), action: 'forged' }))).status).toBeGreaterThanOrEqual(400);
    expect(await su.collection('audit_log').getOne(entry!.id)).toMatchObject({ actor_name: entry!.actor_name, action: entry!.action });
  });

  it('exports a date range as JSON for administrators', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // China time, as the export reads dates
    const res = await download(admin, `from=${today}&to=${today}&format=json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`audit-${today}-${today}.json`);
    const body = (await res.json()) as { entries: AuditRow[] };
    expect(body.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['workflow.publish', 'calendar.override.create', 'user.update', 'workflow.retire']));
    const sorted = [...body.entries].sort((a, b) => a.at.localeCompare(b.at));
    expect(body.entries.map((e) => e.at)).toEqual(sorted.map((e) => e.at));
    const future = (await (await download(admin, 'from=2999-01-01&format=json')).json()) as { entries: AuditRow[] };
    expect(future.entries).toEqual([]);
    // An ISO instant is taken as it is: nothing happened before the server started.
    const before = (await (await download(admin, `to=${encodeURIComponent(new Date(Date.now() - 3600_000).toISOString())}`)).json()) as { entries: AuditRow[] };
    expect(before.entries).toEqual([]);
  });

  it('exports CSV that a spreadsheet cannot run as formulas', async () => {
    await admin.collection('users').update(admin.authStore.record!.id, { name: '=HYPERLINK("http://evil.example","点我")' });
    await admin.collection('calendar_overrides').create({ date: '2027-12-31', working: false, note: '+1 -1 @x' });
    const res = await download(admin, 'format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte-order mark, for spreadsheets
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('"at","action","actor_id","actor_name"')).toBe(true);
    expect(text).toContain('"\'=HYPERLINK(""http://evil.example"",""点我"")"');
    expect(text).not.toMatch(/(^|,)"=/m);
    expect(text).toContain('"calendar.override.create"');
  });

  it('answers a bad export query with a Chinese error', async () => {
    const bad = await download(admin, 'format=xlsx');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/csv 或 json/);
    expect((await download(admin, 'from=yesterday')).status).toBe(400);
  });
});
