import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

const sheet = [
  { email: 'wang.wei@haian.example', name: '王伟', role: 'officer', unitCode: '320685102290', duties: 'dibao_officer', phone: '13812345678' },
  { email: 'bad-email', name: '', role: 'clerk', unitCode: '999999', duties: 'Dibao', phone: '123' },
  { email: 'li.na@haian.example', name: '李娜', role: 'officer', unitCode: '320685102', duties: ['dibao_officer', 'tekun_officer'] },
];

describe('the studio’s people: administrators import and manage staff, units and the 近亲属 register', () => {
  let server: TestServer;
  let admin: PocketBase;
  let su: PocketBase;
  const post = (pb: PocketBase, path: string, body: unknown) =>
    fetch(`${server.url}${path}`, { method: 'POST', headers: { Authorization: pb.authStore.token, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const usersNamed = async (email: string) => (await su.collection('users').getFullList({ filter: su.filter('email = {:email}', { email }) })).length;

  beforeAll(async () => {
    server = await startPocketBase();
    admin = await server.login('admin');
    su = await server.superuser();
  });
  afterAll(() => server?.dispose());

  it('refuses a sheet with a bad row as a whole, naming each problem’s row and column in Chinese', async () => {
    const answer = await post(admin, '/api/tongban/admin/users/import', { rows: sheet });
    expect(answer.status).toBe(422);
    const body = (await answer.json()) as { message: string; errors: { path: string; message: string }[] };
    expect(body.message).toContain('未导入任何一行');
    expect(body.errors.map((e) => e.path)).toEqual(['/rows/1/email', '/rows/1/name', '/rows/1/role', '/rows/1/unitCode', '/rows/1/duties', '/rows/1/phone']);
    expect(body.errors[0]!.message).toBe('第 3 行：邮箱格式不正确。');
    expect(await usersNamed('wang.wei@haian.example')).toBe(0);
    expect(await usersNamed('li.na@haian.example')).toBe(0);
  });

  it('reports on a dry run without creating anyone', async () => {
    const answer = await post(admin, '/api/tongban/admin/users/import', { rows: sheet, dryRun: true });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ total: 3, valid: 2, applied: 0, dryRun: true });
    expect(await usersNamed('wang.wei@haian.example')).toBe(0);
  });

  it('creates the valid rows when the administrator chooses them, each audited, with an initial password shown once', async () => {
    const answer = await post(admin, '/api/tongban/admin/users/import', { rows: sheet, applyValid: true });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { applied: number; results: { row: number; id: string; email: string; initialPassword: string }[]; problems: unknown[] };
    expect(body.applied).toBe(2);
    expect(body.results.map((r) => [r.row, r.email])).toEqual([[2, 'wang.wei@haian.example'], [4, 'li.na@haian.example']]);
    expect(body.problems).toHaveLength(6);
    const wang = await su.collection('users').getOne(body.results[0]!.id, { expand: 'org_unit' });
    expect(wang).toMatchObject({ name: '王伟', role: 'officer', duties: ['dibao_officer'], phone: '13812345678', verified: true });
    expect(wang.expand?.org_unit).toMatchObject({ name: '曲塘镇杨庄村' });
    const li = await su.collection('users').getOne(body.results[1]!.id);
    expect(li.duties).toEqual(['dibao_officer', 'tekun_officer']);
    const signIn = await fetch(`${server.url}/api/collections/users/auth-with-password`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ identity: 'li.na@haian.example', password: body.results[1]!.initialPassword }) });
    expect(signIn.status).toBe(401); // the password is right: an officer is asked for the mailed code next
    expect(await signIn.json()).toHaveProperty('mfaId');
    const audit = await su.collection('audit_log').getFullList({ filter: su.filter('target_id = {:id}', { id: wang.id }) });
    expect(audit).toMatchObject([{ action: 'user.create', actor_role: 'admin', after: { name: '王伟', role: 'officer' } }]);
    const again = await post(admin, '/api/tongban/admin/users/import', { rows: [sheet[0]] });
    expect(((await again.json()) as { errors: { message: string }[] }).errors[0]!.message).toBe('第 2 行：邮箱 wang.wei@haian.example 已有账号。');
  });

  it('shows administrators every account’s email, and officers only their own', async () => {
    const listed = await admin.collection('users').getFullList({ filter: 'name = "杨庄村 村委会"' });
    expect(listed.map((u) => u.email)).toEqual(['village-a1@demo.tongban']);
    const township = await server.login('township-a');
    const colleague = await township.collection('users').getOne(listed[0]!.id);
    expect(colleague.name).toBe('杨庄村 村委会');
    expect(colleague.email ?? '').toBe('');
  });

  it('lets only administrators import', async () => {
    const county = await server.login('county');
    const answer = await post(county, '/api/tongban/admin/users/import', { rows: sheet });
    expect(answer.status).toBe(403);
    expect(await answer.json()).toMatchObject({ code: 'forbidden', message: '只有管理员可以导入人员。' });
  });

  it('disables an officer (never deletes), audited, and never lets administrators disable or demote themselves', async () => {
    const wang = await su.collection('users').getFirstListItem('email = "wang.wei@haian.example"');
    await admin.collection('users').update(wang.id, { disabled: true });
    expect((await su.collection('users').getOne(wang.id)).disabled).toBe(true);
    const audit = await su.collection('audit_log').getFullList({ filter: su.filter('target_id = {:id} && action = "user.update"', { id: wang.id }) });
    expect(audit).toMatchObject([{ before: { disabled: false }, after: { disabled: true } }]);
    const me = admin.authStore.record!.id;
    expect((await failure(admin.collection('users').update(me, { disabled: true }))).status).toBe(404);
    expect((await failure(admin.collection('users').update(me, { role: 'officer' }))).status).toBe(404);
    expect((await su.collection('users').getOne(me)).role).toBe('admin');
    const county = await server.login('county');
    expect((await failure(county.collection('users').update(wang.id, { disabled: false }))).status).toBe(404);
  });

  it('adds and renames an org unit, audited, and never deletes one', async () => {
    const township = await su.collection('org_units').getFirstListItem('code = "320685102"');
    const unit = await admin.collection('org_units').create({ code: '320685102292', name: '曲塘镇新村', level: 'village', parent: township.id, county: township.county, township: township.id });
    await admin.collection('org_units').update(unit.id, { name: '曲塘镇新建村' });
    const audit = await su.collection('audit_log').getFullList({ filter: su.filter('target_id = {:id}', { id: unit.id }), sort: 'at,created' });
    expect(audit.map((a) => a.action)).toEqual(['org_unit.create', 'org_unit.update']);
    expect(audit[1]).toMatchObject({ before: { name: '曲塘镇新村' }, after: { name: '曲塘镇新建村', code: '320685102292' } });
    expect((await failure(admin.collection('org_units').delete(unit.id))).status).toBe(403);
    const county = await server.login('county');
    // PocketBase answers a create its rule refuses with 400 (Tongban's Chinese invalid_data).
    expect((await failure(county.collection('org_units').create({ code: '320685102293', name: '某村', level: 'village' }))).status).toBe(400);
    expect((await su.collection('org_units').getList(1, 1, { filter: 'code = "320685102293"' })).totalItems).toBe(0);
  });

  it('imports the 近亲属 register keeping only a hash of each ID number, and lists names only', async () => {
    const rows = [
      { staffEmail: 'village-a1@demo.tongban', relativeName: '赵大', relativeIdNumber: '320685196001010015' },
      { staffEmail: 'nobody@haian.example', relativeName: '钱二', relativeIdNumber: '320685196001010020' },
    ];
    const refused = await post(admin, '/api/tongban/admin/staff-relatives/import', { rows });
    expect(refused.status).toBe(422);
    const problems = ((await refused.json()) as { errors: { path: string; message: string }[] }).errors;
    expect(problems.map((p) => p.path)).toEqual(['/rows/1/staffEmail', '/rows/1/relativeIdNumber']);
    const applied = await post(admin, '/api/tongban/admin/staff-relatives/import', { rows, applyValid: true });
    const text = await applied.text();
    expect(applied.status).toBe(200);
    expect(text).not.toContain('320685196001010015');
    const listed = await fetch(`${server.url}/api/tongban/admin/staff-relatives`, { headers: { Authorization: admin.authStore.token } });
    const list = (await listed.json()) as { relatives: { staff: { email: string }; relativeName: string }[] };
    expect(list.relatives.filter((r) => r.relativeName === '赵大').map((r) => r.staff.email)).toEqual(['village-a1@demo.tongban']);
    expect(JSON.stringify(list)).not.toMatch(/320685196001010015|relative_id_hash/);
    const stored = await su.collection('staff_relatives').getFirstListItem('relative_name = "赵大"');
    expect(stored.relative_id_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
