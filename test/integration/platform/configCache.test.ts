import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DueByAnswer } from '../../../engine/index.js';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { failure, openCase } from '../../support/commands.js';
import { freshIdNumber } from '../../support/idNumbers.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

/** The date (China time) of the day an instant ends: `dueBy` is the end of a 工作日. */
const chinaDate = (iso: string) => new Date(new Date(iso).getTime() - 1 + 8 * 3600_000).toISOString().slice(0, 10);

describe('configuration cached in the JS VMs (calendar overrides, org units, published versions) is renewed by every change', () => {
  let server: TestServer;
  let admin: PocketBase;
  let township: PocketBase;
  let applicant: PocketBase;
  let su: PocketBase;

  beforeAll(async () => {
    // Bench mode: its validator route reads the newest published version outside a transaction, as the schedule sweep does.
    server = await startPocketBase({ env: { TONGBAN_BENCH: '1' } });
    [admin, township, applicant, su] = await Promise.all([server.login('admin'), server.login('township-a'), server.login('applicant-a1'), server.superuser()]);
  }, 240_000);
  afterAll(() => server?.dispose());

  it('counts 工作日 with an override from the first request after it is saved, and without it from the first after it is deleted', async () => {
    const dueBy = async () => (await township.send<DueByAnswer>('/api/tongban/calendar/due-by?workingDays=3', {})).dueBy;
    const before = await dueBy();
    // Read again, so a VM has it cached.
    expect(await dueBy()).toBe(before);
    const override = await admin.collection('calendar_overrides').create({ date: chinaDate(before), working: false, note: '缓存测试：临时停止办公' });
    const moved = await dueBy();
    expect(chinaDate(moved) > chinaDate(before)).toBe(true);
    expect(await dueBy()).toBe(moved);
    await admin.collection('calendar_overrides').delete(override.id);
    expect(await dueBy()).toBe(before);
  });

  it('acts with an officer’s org unit as it is now: a unit changed is read again at the next request (opening reads it inside its transaction, never from the cache)', async () => {
    const village = await server.login('village-a1');
    const resident = () => ({ ...demoHousehold, applicant: { ...demoHousehold.applicant, name: '赵桂兰', idNumber: freshIdNumber() } });
    const files = async () => (await openCase(village, resident(), { proxy: true }).then(() => true, () => false));
    expect(await files()).toBe(true);
    expect(await files()).toBe(true);
    const unitId = village.authStore.record!.org_unit as string;
    const level = (await su.collection('org_units').getOne(unitId)).level as string;
    // Only a village's officers file for a resident (代办).
    await su.collection('org_units').update(unitId, { level: 'township' });
    try {
      const refused = await failure(openCase(village, resident(), { proxy: true }));
      expect(refused.body.message).toBe('只有村（居）委会工作人员可以代为申请。');
    } finally {
      await su.collection('org_units').update(unitId, { level });
    }
    expect(await files()).toBe(true);
  });

  it('finds the newest published version from the first request after a version is published or retired', async () => {
    const opened = async () => (await admin.send<{ case: { workflow: { version: number } } }>(`/api/tongban/cases/${(await openCase(applicant, demoHousehold)).case.id}`, {})).case.workflow.version;
    const newest = async () => (await su.send<{ version: number }>('/api/tongban/bench/validators/dibao', {})).version;
    const shipped = await opened();
    expect(await newest()).toBe(shipped);
    expect(await newest()).toBe(shipped);
    const draft = await admin.send<{ version: number }>('/api/tongban/admin/workflows/dibao/drafts', { method: 'POST', body: {} });
    await admin.send(`/api/tongban/admin/workflows/dibao/drafts/${draft.version}/publish`, { method: 'POST' });
    expect(await newest()).toBe(draft.version);
    expect(await opened()).toBe(draft.version);
    await admin.send(`/api/tongban/admin/workflows/dibao/versions/${draft.version}/retire`, { method: 'POST' });
    expect(await newest()).toBe(shipped);
    expect(await opened()).toBe(shipped);
  });
});
