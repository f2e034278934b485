import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { eventHash, genesisHash, type ChainedEvent } from '../../../server/adapter/hashChain.js';
import { command, openCase, type CaseSummary } from '../../support/commands.js';
import { freshIdNumber } from '../../support/idNumbers.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { addOfficer, registerRelative } from '../../support/staff.js';
import { eventsWithStaleCaseCopies, rowCount, tasksWithStaleCaseCopies } from '../../support/caseCopies.js';

interface Verdict {
  ok: boolean;
  events: number;
  reason?: string;
  chain: { ok: boolean };
  replay: { ok: boolean; reason?: string; legacy?: boolean };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const accepted = { acceptance: { complete: true, relativeFiling: false } };

describe('replaying a case from its events (DESIGN guarantee 6)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startPocketBase({ simulatedClock: true });
    await server.setClock(new Date('2026-03-02T09:00:00+08:00'));
  });
  afterAll(() => server?.dispose());

  const verify = async (id: string) => (await server.login('county')).send<Verdict>(`/api/tongban/cases/${id}/verify`, {});

  async function acceptedCase(data: unknown = demoHousehold): Promise<CaseSummary> {
    const a1 = await server.login('applicant-a1');
    const submitted = await command(a1, (await openCase(a1, data)).case, 'submit');
    return (await command(await server.login('township-a'), submitted.case, 'accept', { data: accepted })).case;
  }

  it('rebuilds the stored snapshot and data, also after the holiday overrides change', async () => {
    let c = await acceptedCase();
    const dueBefore = c.clock.dueAt;
    const su = await server.superuser();
    // A working day inside the statutory period becomes a holiday after the clock started.
    await su.collection('calendar_overrides').create({ date: '2026-03-10', working: false, note: '临时调整' });
    expect(await verify(c.id)).toMatchObject({ ok: true, events: 3, chain: { ok: true }, replay: { ok: true } });
    c = (await command(await server.login('village-a1'), c, 'complete', { data: { investigation: { investigators: ['赵村干', '钱社工'], date: '2026-03-04', mode: '入户', findings: '情况属实' } } })).case;
    expect(c.clock.dueAt).toBe(dueBefore);
    expect(await verify(c.id)).toMatchObject({ ok: true, events: 4, replay: { ok: true } });
    expect(await su.collection('calendar_versions').getFullList()).toHaveLength(2);
  });

  it('replays with the 近亲属 register as the decision read it, after the register changed', async () => {
    const relative = await addOfficer(server, 'township-a');
    const sonId = freshIdNumber();
    await registerRelative(server, relative.id, sonId, '张明');
    const [self, son] = demoHousehold.household.members;
    const c = await acceptedCase({ ...demoHousehold, household: { members: [self!, { ...son!, idNumber: sonId }] } });
    expect(c.flags).toContain('relativeFiling');
    const su = await server.superuser();
    for (const r of await su.collection('staff_relatives').getFullList({ filter: `staff = "${relative.id}"` })) await su.collection('staff_relatives').delete(r.id);
    expect(await verify(c.id)).toMatchObject({ ok: true, replay: { ok: true } });
  });

  it('reports a case whose stored data or snapshot no longer follows from its events', async () => {
    const c = await acceptedCase();
    const su = await server.superuser();
    const record = await su.collection('applications').getOne(c.id);
    await su.collection('applications').update(c.id, { data: { ...record.data, acceptance: { complete: false, relativeFiling: false } } });
    const edited = await verify(c.id);
    expect(edited).toMatchObject({ ok: false, chain: { ok: true }, replay: { ok: false } });
    expect(edited.reason).toContain('数据');
    await su.collection('applications').update(c.id, { data: record.data, snapshot: { ...record.snapshot, flags: ['relativeFiling'] } });
    expect(await verify(c.id)).toMatchObject({ ok: false, replay: { ok: false, reason: '重放所得的案件状态与存储的不一致' } });
  });

  it('gives events written before this format their masked copy at start, and still verifies them', async () => {
    const c = await acceptedCase();
    const su = await server.superuser();
    // Rewrite the case's history as the earlier format wrote it: the actor by id, no masked copy, no replay record.
    const events = await su.collection('events').getFullList({ filter: `application = "${c.id}"`, sort: 'seq' });
    let prev = genesisHash;
    for (const e of events) {
      const legacy = { ...(e as unknown as ChainedEvent), format: 0, actor_name: '', actor_unit_name: '', data_masked: null, replay: null };
      const hash = eventHash(legacy, prev, sha256);
      await su.collection('events').update(e.id, { format: 0, actor_name: '', actor_unit_name: '', data_masked: null, replay: null, prev_hash: prev, hash });
      prev = hash;
    }
    await server.stop();
    await server.restart();
    const township = await server.login('township-a');
    const after = await township.collection('events').getFullList({ filter: `application = "${c.id}"`, sort: 'seq' });
    expect(after.map((e) => e.format)).toEqual([1, 1, 1]);
    expect(after.map((e) => e.actor_name)).toEqual(['王*英', '王*英', '曲塘镇 社会事务办']);
    expect((after[0]!.data_masked as typeof demoHousehold).applicant.idNumber).toBe('320621********0023');
    expect(await verify(c.id)).toMatchObject({ ok: true, chain: { ok: true }, replay: { ok: true, legacy: true } });
  });

  it('leaves every task and act it wrote with the copies of its case that 待办 and 已办 filter and search', () => {
    expect([rowCount(server, 'tasks'), rowCount(server, 'events')].every((n) => n > 0)).toBe(true);
    expect(tasksWithStaleCaseCopies(server)).toEqual([]);
    expect(eventsWithStaleCaseCopies(server)).toEqual([]);
  });
});
