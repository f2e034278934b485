import { randomUUID } from 'node:crypto';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulkRunListAnswer, BulkRunRowsAnswer, BulkRunView, BulkStartDryRun } from '../../../engine/index.js';
import { idCardCheckChar } from '../../../forms/core/index.js';
import { failure } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

const idNumber = (birth: string, seq: string) => `320685${birth}${seq}${idCardCheckChar(`320685${birth}${seq}`)}`;

describe('the studio’s bulk starts: a list of runs, a dry-run count, and each row’s case or error', () => {
  let server: TestServer;
  let admin: PocketBase;
  let su: PocketBase;
  let township: string;
  let run: BulkRunView;

  beforeAll(async () => {
    server = await startPocketBase();
    admin = await server.login('admin');
    su = await server.superuser();
    township = (await su.collection('org_units').getFirstListItem('code = "320685102"')).id;
    // Three 低保 households of 曲塘镇, entered through the register import.
    const rows = ['004', '013', '022'].map((seq, i) => ({ name: `户主${'甲乙丙'[i]}某`, idNumber: idNumber('19600101', seq), village: i === 2 ? '320685102291' : '320685102290', programme: '低保', since: '2024-01-01' }));
    await admin.send('/api/tongban/admin/subjects/import', { method: 'POST', body: { rows } });
  });
  afterAll(() => server?.dispose());

  const selector = () => ({ unit: township, fact: { path: 'dibao.status', equals: '在保' } });

  it('offers the processes that allow a bulk start, and counts the subjects of a selector without starting anything', async () => {
    const list = await admin.send<BulkRunListAnswer>('/api/tongban/bulk-starts', {});
    const review = list.startable.find((p) => p.key === 'dibao-review');
    expect(review).toMatchObject({ name: expect.stringContaining('复核'), subjectKind: 'person' });
    expect(list.startable.map((p) => p.key)).not.toContain('dibao'); // residents apply for it; no officer starter
    const dry = await admin.send<BulkStartDryRun>('/api/tongban/bulk-starts', { method: 'POST', body: { workflow: 'dibao-review', commandId: randomUUID(), selector: selector(), dryRun: true } });
    expect(dry).toEqual({ dryRun: true, workflow: { key: 'dibao-review', version: review!.version }, count: 3 });
    const after = await admin.send<BulkRunListAnswer>('/api/tongban/bulk-starts', {});
    expect(after.totalItems).toBe(list.totalItems);
  });

  it('lists a started run newest first, with its process, who, when, state and counts', async () => {
    run = await admin.send<BulkRunView>('/api/tongban/bulk-starts', { method: 'POST', body: { workflow: 'dibao-review', commandId: randomUUID(), selector: selector() } });
    expect(run).toMatchObject({ status: 'done', total: 3, processed: 3 });
    const list = await admin.send<BulkRunListAnswer>('/api/tongban/bulk-starts?perPage=1', {});
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ id: run.id, workflow: { key: 'dibao-review', name: expect.stringContaining('复核') }, status: 'done', total: 3, started: run.started, failed: run.failed, startedBy: { name: expect.any(String) } });
    expect(list.items[0]).not.toHaveProperty('failures');
    const byStatus = await admin.send<BulkRunListAnswer>('/api/tongban/bulk-starts?status=failed', {});
    expect(byStatus.items.map((r) => r.id)).not.toContain(run.id);
  });

  it('lists every processed row with its subject and the case it started (case number) or its error', async () => {
    const rows = await admin.send<BulkRunRowsAnswer>(`/api/tongban/bulk-starts/${run.id}/rows`, {});
    expect(rows.totalItems).toBe(3);
    expect(rows.items.map((r) => r.row)).toEqual([0, 1, 2]);
    for (const row of rows.items) {
      expect(row.subject.name).toMatch(/^户\*/);
      expect(row.case === null).toBe(row.error !== null);
    }
    const started = rows.items.filter((r) => r.case !== null);
    expect(started).toHaveLength(run.started);
    for (const row of started) {
      const record = await su.collection('applications').getOne(row.case!.id);
      expect(record).toMatchObject({ case_no: row.case!.caseNo, subject: row.subject.id, bulk_run: run.id });
    }
    // A second run of the same households: each row fails, as the cases are still open.
    const again = await admin.send<BulkRunView>('/api/tongban/bulk-starts', { method: 'POST', body: { workflow: 'dibao-review', commandId: randomUUID(), selector: selector() } });
    const failedRows = await admin.send<BulkRunRowsAnswer>(`/api/tongban/bulk-starts/${again.id}/rows?perPage=2&page=2`, {});
    expect(failedRows).toMatchObject({ page: 2, perPage: 2, totalItems: 3, totalPages: 2 });
    expect(failedRows.items).toHaveLength(1);
    if (run.started === 3) expect(failedRows.items[0]).toMatchObject({ row: 2, case: null, error: expect.stringContaining('未重复发起') });
  });

  it('is an administrators’ list: an officer gets 403, and another officer’s run’s rows answer 404', async () => {
    const officer = await server.login('township-a');
    const list = await failure(officer.send('/api/tongban/bulk-starts', {}));
    expect(list.status).toBe(403);
    const rows = await failure(officer.send(`/api/tongban/bulk-starts/${run.id}/rows`, {}));
    expect(rows.status).toBe(404);
    const bad = await failure(admin.send('/api/tongban/bulk-starts?perPage=0', {}));
    expect(bad.body.errors?.[0]?.path).toBe('/perPage');
  });
});
