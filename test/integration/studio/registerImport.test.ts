import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCardCheckChar } from '../../../forms/core/index.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

/** A valid 身份证号 of a birth date and a sequence (odd: male). */
const idNumber = (birth: string, seq: string) => {
  const first17 = `320685${birth}${seq}`;
  return first17 + idCardCheckChar(first17);
};

const zhao = idNumber('19480817', '004'); // female
const qian = idNumber('19560302', '013'); // male
/** 孙德明's number with a wrong check character. */
const wrongCheck = `${idNumber('19560302', '031').slice(0, 17)}${idNumber('19560302', '031').endsWith('0') ? '1' : '0'}`;
const recipients = [
  { name: '赵桂兰', idNumber: zhao, birthDate: '1948-08-17', sex: '女', household: 'HA-0001', village: '320685102290', programme: '低保', since: '2023-07-01' },
  { name: '孙德明', idNumber: wrongCheck, birthDate: '1956-03-02', sex: '男', household: 'HA-0002', village: '不存在村', programme: '救济粮', since: '' },
  { name: '钱国强', idNumber: qian, birthDate: '', sex: '', household: '', village: '曲塘镇双楼村', programme: '', since: '' },
];

const organisations = [
  { name: '海安市老年书法协会', creditCode: '51320685MJ5899L70X', orgKind: '社会团体', registeredOn: '2016-05-18', supervisorUnit: '海安市教育体育局', legalRepresentative: '陈晓雯', address: '海安市中坝南路18号', status: '正常', county: '' },
  { name: '某基金会', creditCode: '51320685MJ5899L710', orgKind: '协会', registeredOn: '2016-13-01', supervisorUnit: '', legalRepresentative: '', address: '', status: '正常', county: '' },
];

interface ImportAnswer<R> { total: number; valid: number; applied: number; results: R[]; problems: { path: string; message: string }[] }
interface ImportedSubject { row: number; id: string; name: string; created: boolean }

describe('the studio imports recipients and social organisations from a bureau’s sheet into the subject register', () => {
  let server: TestServer;
  let admin: PocketBase;
  let su: PocketBase;
  const post = (pb: PocketBase, path: string, body: unknown) =>
    fetch(`${server.url}${path}`, { method: 'POST', headers: { Authorization: pb.authStore.token, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const people = async () => su.collection('subjects').getFullList({ filter: 'kind = "person"' });

  beforeAll(async () => {
    server = await startPocketBase();
    admin = await server.login('admin');
    su = await server.superuser();
  });
  afterAll(() => server?.dispose());

  it('refuses a recipients sheet with one bad row as a whole, each problem at /rows/<i>/<column> in Chinese', async () => {
    const before = (await people()).length;
    const answer = await post(admin, '/api/tongban/admin/subjects/import', { rows: recipients });
    expect(answer.status).toBe(422);
    const body = (await answer.json()) as { message: string; errors: { path: string; message: string }[] };
    expect(body.message).toContain('未导入任何一行');
    expect(body.errors.map((e) => e.path)).toEqual(['/rows/1/idNumber', '/rows/1/village', '/rows/1/programme']);
    expect(body.errors[0]!.message).toMatch(/^第 3 行：身份证号有误：校验位不符/);
    expect(body.errors[1]!.message).toBe('第 3 行：没有代码或名称为“不存在村”的村（社区）。');
    expect((await people()).length).toBe(before);
  });

  it('writes the valid rows when the administrator chooses them: hashed key, masked name, home, birth date, programme facts — never the number', async () => {
    const answer = await post(admin, '/api/tongban/admin/subjects/import', { rows: recipients, applyValid: true });
    expect(answer.status).toBe(200);
    const text = await answer.text();
    expect(text).not.toContain(zhao);
    const body = JSON.parse(text) as ImportAnswer<ImportedSubject>;
    expect(body).toMatchObject({ total: 3, valid: 2, applied: 2 });
    expect(body.results.map((r) => [r.row, r.name, r.created])).toEqual([[2, '赵*兰', true], [4, '钱*强', true]]);
    const record = await su.collection('subjects').getOne(body.results[0]!.id, { expand: 'village' });
    expect(record.key).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(record)).not.toContain(zhao);
    expect(record.expand?.village).toMatchObject({ name: '曲塘镇杨庄村' });
    expect(record.township).not.toBe('');
    expect(record.facts).toEqual({ register: { birthDate: '1948-08-17', sex: '女', household: 'HA-0001' }, dibao: { status: '在保', since: '2023-07-01' } });
    const qianRecord = await su.collection('subjects').getOne(body.results[1]!.id, { expand: 'village' });
    expect(qianRecord.expand?.village).toMatchObject({ name: '曲塘镇双楼村' });
    expect(qianRecord.facts).toEqual({ register: { birthDate: '1956-03-02' } });
  });

  it('updates the same entries when the sheet is imported again, rather than adding them twice', async () => {
    const before = (await people()).length;
    const again = [{ ...recipients[0]!, household: 'HA-0009', village: '曲塘镇双楼村', since: '2024-01-01' }, recipients[2]!];
    const answer = await post(admin, '/api/tongban/admin/subjects/import', { rows: again });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as ImportAnswer<ImportedSubject>;
    expect(body.results.map((r) => r.created)).toEqual([false, false]);
    expect((await people()).length).toBe(before);
    const record = await su.collection('subjects').getOne(body.results[0]!.id, { expand: 'village' });
    expect(record.expand?.village).toMatchObject({ name: '曲塘镇双楼村' });
    expect(record.facts).toMatchObject({ register: { household: 'HA-0009' }, dibao: { status: '在保', since: '2024-01-01' } });
  });

  it('refuses a birth date or sex that the ID number contradicts, and the same person twice in one sheet', async () => {
    const answer = await post(admin, '/api/tongban/admin/subjects/import', { dryRun: true, rows: [{ ...recipients[0]!, birthDate: '1948-08-18', sex: '男' }, recipients[0]!] });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as ImportAnswer<unknown>;
    expect(body.problems.map((p) => p.path)).toEqual(['/rows/0/birthDate', '/rows/0/sex', '/rows/1/idNumber']);
    expect(body.problems[2]!.message).toBe('第 3 行：与第 2 行是同一个身份证号。');
  });

  it('imports social organisations keyed by their credit code, and audits both imports with who and how many rows', async () => {
    const refused = await post(admin, '/api/tongban/admin/organisations/import', { rows: organisations });
    expect(refused.status).toBe(422);
    const problems = ((await refused.json()) as { errors: { path: string }[] }).errors.map((e) => e.path);
    expect(problems).toEqual(['/rows/1/creditCode', '/rows/1/orgKind', '/rows/1/registeredOn']);
    const applied = await post(admin, '/api/tongban/admin/organisations/import', { rows: organisations, applyValid: true });
    expect(applied.status).toBe(200);
    const body = (await applied.json()) as ImportAnswer<{ id: string; creditCode: string; created: boolean }>;
    expect(body.results).toEqual([expect.objectContaining({ row: 2, creditCode: '51320685MJ5899L70X', created: true })]);
    const county = await su.collection('org_units').getFirstListItem('code = "320685"');
    const education = await su.collection('org_units').getFirstListItem('name = "海安市教育体育局"');
    const org = await su.collection('subjects').getOne(body.results[0]!.id);
    expect(org).toMatchObject({ kind: 'organisation', key: '51320685MJ5899L70X', name: '海安市老年书法协会', org_kind: '社会团体', county: county.id });
    expect(org.facts).toMatchObject({ status: '正常', registered: true, registeredOn: '2016-05-18', supervisorUnit: education.id, legalRepresentative: '陈晓雯', address: '海安市中坝南路18号' });
    // Again, renamed: the same entry.
    const again = await post(admin, '/api/tongban/admin/organisations/import', { rows: [{ ...organisations[0]!, name: '海安市老年书画协会', status: '责令整改' }] });
    const second = (await again.json()) as ImportAnswer<{ id: string; created: boolean }>;
    expect(second.results).toEqual([expect.objectContaining({ id: org.id, created: false })]);
    expect(await su.collection('subjects').getOne(org.id)).toMatchObject({ name: '海安市老年书画协会', facts: expect.objectContaining({ status: '责令整改' }) });
    const audit = await su.collection('audit_log').getFullList({ filter: 'action = "subject.import" || action = "organisation.import"', sort: 'at' });
    expect(audit.map((a) => [a.action, a.actor_role, (a.after as { rows: number; applied: number }).rows, (a.after as { applied: number }).applied])).toEqual([
      ['subject.import', 'admin', 3, 2],
      ['subject.import', 'admin', 2, 2],
      ['organisation.import', 'admin', 2, 1],
      ['organisation.import', 'admin', 1, 1],
    ]);
  });

  it('is for administrators only: an officer gets 403 and nothing is written', async () => {
    const county = await server.login('county');
    for (const path of ['/api/tongban/admin/subjects/import', '/api/tongban/admin/organisations/import']) {
      const answer = await post(county, path, { rows: path.includes('subjects') ? recipients : organisations, applyValid: true });
      expect(answer.status).toBe(403);
      expect(((await answer.json()) as { message: string }).message).toMatch(/^只有管理员可以导入/);
    }
  });
});
