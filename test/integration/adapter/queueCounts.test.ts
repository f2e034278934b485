import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import PocketBase, { type ClientResponseError } from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueCountsAnswer, QueueCountsQuery } from '../../../engine/index.js';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { command, failure, openCase, type CaseSummary } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { addOfficer, demoUserId, type StaffMember } from '../../support/staff.js';
import { taskVerbsWorkflow } from '../../fixtures/taskVerbsWorkflow.js';
import { eventsWithStaleCaseCopies, rowCount, tasksWithStaleCaseCopies } from '../../support/caseCopies.js';

/**
 * `GET /api/tongban/queues/counts` (server/adapter/queueCounts.ts) counts the queue page's tabs in
 * SQL, partly without the rules' joins; on the demo county with its cases of every shipped process
 * each count equals what the record API counts for that tab with the rules in force — for every
 * account (chain officers, departments, drawn experts, applicants, the administrator), a delegate, a
 * 抄送 reader and an officer moved to another unit after acting.
 */
describe('the queue counts route', () => {
  let server: TestServer;
  let su: PocketBase;
  let applicant: PocketBase;
  let township: PocketBase;
  let townshipId: string;
  let reader: StaffMember;
  let delegate: StaffMember;
  let moved: StaffMember;

  beforeAll(async () => {
    // No background work: a shipped schedule starting cases between two reads would move a count.
    server = await startPocketBase({ demoCases: true, env: { TONGBAN_NO_BACKGROUND: '1' } });
    su = await server.superuser();
    await su.collection('workflow_definitions').create({ key: taskVerbsWorkflow.key, version: 1, status: 'published', name: taskVerbsWorkflow.name, definition: taskVerbsWorkflow });
    applicant = await server.login('applicant-a1');
    township = await server.login('township-a');
    townshipId = await demoUserId(server, 'township-a');
    reader = await addOfficer(server, 'township-b');
    delegate = await addOfficer(server, 'township-a');
    moved = await addOfficer(server, 'township-a');
  }, 240_000);
  afterAll(() => server?.dispose());

  const send = async (pb: PocketBase, c: { id: string; version: number }, action: string, extra: Record<string, unknown> = {}) => (await command(pb, c, action, extra)).case;
  async function atReview(): Promise<CaseSummary> {
    const opened = await applicant.send<{ case: CaseSummary }>('/api/tongban/cases', { method: 'POST', body: { workflow: taskVerbsWorkflow.key, commandId: randomUUID() } });
    return send(applicant, opened.case, 'submit');
  }

  const routeCounts = (pb: PocketBase) => pb.send<QueueCountsAnswer>('/api/tongban/queues/counts', {});

  async function signedIn(userId: string): Promise<PocketBase> {
    const pb = await su.collection('users').impersonate(userId, 3600);
    pb.autoCancellation(false);
    return pb;
  }

  it('counts for every account exactly what the record API counts with the rules, a delegate, a 抄送 reader and a moved officer among them', async () => {
    // 抄送: the township copies a case to an officer of the other township.
    const copied = await atReview();
    await send(township, copied, 'verb.cc', { to: [reader.id], comment: '请协助了解' });
    // A delegate acts for the township officer on their claimed task.
    const delegated = await atReview();
    await township.send('/api/tongban/delegations', { method: 'POST', body: { delegate: delegate.id, startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 86_400_000).toISOString(), reason: '休假' } });
    await send(delegate.pb, delegated, 'approve', { onBehalfOf: townshipId });
    // An officer acts in their township, then moves to the other township: the cases they acted on there are no longer theirs to read.
    const before = await atReview();
    await send(moved.pb, before, 'approve');
    const otherTownship = (await su.collection('users').getFirstListItem('email = "township-b@demo.tongban"')).org_unit as string;
    await su.collection('users').update(moved.id, { org_unit: otherTownship });

    const users = await su.collection('users').getFullList({ fields: 'id,email,role' });
    expect(users.length).toBeGreaterThan(20);
    const seen: Record<string, QueueCountsAnswer> = {};
    for (const user of users) {
      const pb = await signedIn(user.id);
      const [route, rules] = [await routeCounts(pb), await recordApiCounts(pb)];
      expect(route, String(user.email)).toEqual(rules);
      seen[String(user.email)] = route;
    }
    // The comparison met real queues: the county's and a department's open tasks, the township's acts, the reader's copy, the applicant's cases.
    expect(seen['county@demo.tongban']!.tasks).toBeGreaterThan(0);
    expect(Object.entries(seen).some(([email, c]) => ['dpf', 'assessor', 'education', 'registration'].some((d) => email.startsWith(`${d}@`)) && c.tasks > 0)).toBe(true);
    expect(seen['township-a@demo.tongban']!.done).toBeGreaterThan(0);
    expect(Object.values(seen).some((c) => c.cc > 0)).toBe(true);
    expect(Object.values(seen).some((c) => c.started > 0)).toBe(true);
    // The moved officer's act in their old township is theirs but no longer in their 已办 (nor in the record API's).
    const movedEvents = await su.collection('events').getList(1, 1, { filter: su.filter('actor_id = {:u}', { u: moved.id }) });
    expect(movedEvents.totalItems).toBe(1);
    expect((await routeCounts(await signedIn(moved.id))).done).toBe(0);
  }, 600_000);

  it('follows a task opened, claimed and closed: the township’s 待办 and 已办 move with the record API’s', async () => {
    const pb = await signedIn(townshipId);
    const first = await routeCounts(pb);
    const c = await atReview();
    const opened = await routeCounts(pb);
    expect(opened.tasks).toBe(first.tasks + 1);
    await send(township, c, 'approve');
    const after = await routeCounts(pb);
    expect(after).toEqual(await recordApiCounts(pb));
    expect(after.done).toBe(opened.done + 1);
  }, 120_000);

  it('counts a filtered 已办 from the acts kept per case, as the record API counts it right after each command moves the case', async () => {
    const pb = await signedIn(townshipId);
    const atStep = async (step: string) => (await pb.send<QueueCountsAnswer>('/api/tongban/queues/counts', { query: { process: taskVerbsWorkflow.key, step } })).done;
    const c = await atReview();
    const approved = await send(township, c, 'approve');
    const step = String((await su.collection('applications').getOne(approved.id)).step);
    const before = await atStep(step);
    expect(before).toBe(await recordApiCounts(pb, { process: taskVerbsWorkflow.key, step }).then((r) => r.done));
    // Another act of theirs on a second case at that step: counted at once, with no minute's linking in between (the server does no background work).
    const second = await send(township, await atReview(), 'approve');
    expect(String((await su.collection('applications').getOne(second.id)).step)).toBe(step);
    expect(await atStep(step)).toBe(before + 1);
    // The kept rows follow a case moved by an administrator's write too: out of the step's count, into another's.
    await su.collection('applications').update(second.id, { step: 'moved-by-hand' });
    expect(await atStep(step)).toBe(before);
    expect(await atStep('moved-by-hand')).toBe(1);
    for (const query of [{ process: taskVerbsWorkflow.key, step }, { step: 'moved-by-hand' }] as QueueCountsQuery[]) {
      expect(await pb.send<QueueCountsAnswer>('/api/tongban/queues/counts', { query })).toEqual(await recordApiCounts(pb, query));
    }
  }, 120_000);

  it('counts a moved officer’s earlier acts case by case: every act on a case they still read (copied to them), none on the others', async () => {
    const officer = await addOfficer(server, 'township-a');
    const kept = await atReview();
    const lost = await atReview();
    // Two acts on the case they will still read, one on the case they will not; then the township copies the first to them.
    const copiedOnce = await send(officer.pb, kept, 'verb.cc', { to: [reader.id], comment: '请协助了解' });
    const copiedTwice = await send(officer.pb, copiedOnce, 'verb.cc', { to: [delegate.id], comment: '再请协助' });
    await send(officer.pb, lost, 'verb.cc', { to: [reader.id], comment: '请协助了解' });
    await send(township, copiedTwice, 'verb.cc', { to: [officer.id], comment: '请继续跟进' });
    const otherTownship = (await su.collection('users').getFirstListItem('email = "township-b@demo.tongban"')).org_unit as string;
    await su.collection('users').update(officer.id, { org_unit: otherTownship });

    const pb = await signedIn(officer.id);
    const counts = await routeCounts(pb);
    expect(counts).toEqual(await recordApiCounts(pb));
    expect(counts.done).toBe(2);
    expect(counts.cc).toBe(1);
    // With a filter, the same acts from those kept per case: the earlier ones decided by the rule, case by case.
    const process = { process: taskVerbsWorkflow.key };
    const filtered = await pb.send<QueueCountsAnswer>('/api/tongban/queues/counts', { query: process });
    expect(filtered).toEqual(await recordApiCounts(pb, process));
    expect(filtered.done).toBe(2);
    // …and an act after the move, on a case of their new township, counts with them.
    const applicantB = await server.login('applicant-b1');
    const opened = await applicantB.send<{ case: CaseSummary }>('/api/tongban/cases', { method: 'POST', body: { workflow: taskVerbsWorkflow.key, commandId: randomUUID() } });
    await send(officer.pb, await send(applicantB, opened.case, 'submit'), 'approve');
    const after = await pb.send<QueueCountsAnswer>('/api/tongban/queues/counts', { query: process });
    expect(after).toEqual(await recordApiCounts(pb, process));
    expect(after.done).toBe(3);
  }, 120_000);

  it('decides the case rule from indexes that hold every column it reads (migration 1764201101), and 待办’s filters from the open tasks’ (1764201501), the starts an officer may not read from their own table (1764201502)', async () => {
    const indexes = async (name: string) => (await su.collections.getOne(name)).indexes.join('\n');
    expect(await indexes('applications')).toMatch(/idx_applications_case_access\W+ON\W+applications\W+\(\W*id\W*,\W*county\W*,\W*township\W*,\W*village\W*,\W*applicant\W*,\W*applicant_org\W*,\W*assigned_units\W*,\W*assigned_users\W*\)/);
    expect(await indexes('applications')).toMatch(/idx_applications_filed_by\W+ON\W+applications\W+\(\W*filed_by\W*,\W*created\W*,\W*id\W*\)/);
    // …and, since migration 1764202301, the case's number and title the 已办 search reads.
    expect(await indexes('events')).toMatch(/idx_events_actor_created\W+ON\W+events\W+\(\W*actor_id\W*,\W*created\W*,\W*application\W*,\W*case_no\W*,\W*case_title\W*\)/);
    // …and the database holds them as declared (the collection's list is what PocketBase builds them from).
    const stored = (name: string) => spawnSync('sqlite3', ['-readonly', path.join(server.dataDir, 'data.db'), `SELECT sql FROM sqlite_master WHERE name = '${name}'`], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    expect(stored('idx_applications_case_access')).toMatch(/\(\W*id\W*,\W*county\W*,\W*township\W*,\W*village\W*,\W*applicant\W*,\W*applicant_org\W*,\W*assigned_units\W*,\W*assigned_users\W*\)/);
    // The starts an officer may not read are kept apart (migration 1764201502); the index of every start is gone.
    expect(stored('idx_events_actor_starts')).toBe('');
    expect(stored('events_unread_start_inserted')).toMatch(/AFTER INSERT ON events/);
    // 待办 with a filter counts the unit's open tasks from the index of their filter columns (migration 1764201501).
    expect(stored('idx_tasks_open_filters')).toMatch(/\(\W*assignee_unit\W*,\W*workflow_key\W*,\W*step\W*,\W*township\W*,\W*village\W*,\W*due_at\W*\)\s*WHERE\s*status\s*=\s*'open'/);
  });

  /**
   * What the record API counts for each tab with the queue page's filter (web/src/api/queues.ts,
   * `queueFilterOf`; none: each whole queue): 待办 on the task's own columns, the other queues on their case's.
   */
  async function recordApiCounts(pb: PocketBase, q: QueueCountsQuery = {}): Promise<QueueCountsAnswer> {
    const narrowed = (tab: keyof QueueCountsAnswer) => {
      const on = tab === 'tasks' || tab === 'started' ? '' : 'application.';
      const parts: string[] = [];
      if (q.process) parts.push(pb.filter(`${on}workflow_key = {:p}`, { p: q.process }));
      if (q.step) parts.push(pb.filter(`${on}step = {:s}`, { s: q.step }));
      if (q.township) parts.push(pb.filter(`${on}township = {:t}`, { t: q.township }));
      if (q.village) parts.push(pb.filter(`${on}village = {:v}`, { v: q.village }));
      if (q.dueBefore) parts.push(pb.filter(`${on}due_at != "" && ${on}due_at < {:d}`, { d: q.dueBefore }));
      if (q.flag) parts.push(tab === 'tasks' ? pb.filter('case_flagged = true && case_flags ~ {:f}', { f: `"${q.flag}"` }) : pb.filter(`${on}flags ~ {:f}`, { f: `"${q.flag}"` }));
      return parts.map((p) => ` && (${p})`).join('');
    };
    const me = pb.authStore.record!;
    const count = async (collection: string, filter: string) => (await pb.collection(collection).getList(1, 1, { filter, fields: 'id' })).totalItems;
    const tasks = me.role === 'applicant'
      ? pb.filter('status = "open" && assignee_user = {:u}', { u: me.id })
      : pb.filter('status = "open" && assignee_unit = {:unit} && ((mode != "panel" && level != "pool") || assignee_user = {:u})', { unit: me.org_unit ?? '', u: me.id });
    return {
      tasks: await count('tasks', `(${tasks})${narrowed('tasks')}`),
      done: await count('events', `(${pb.filter('actor_id = {:u}', { u: me.id })})${narrowed('done')}`),
      cc: await count('case_readers', `(${pb.filter('user = {:u} && reason = "cc"', { u: me.id })})${narrowed('cc')}`),
      started: await count('applications', `(${pb.filter('filed_by = {:u}', { u: me.id })})${narrowed('started')}`),
    };
  }

  it('counts with each of the queue page’s filters but the search exactly what the record API counts with it, for every account', async () => {
    // A 近亲属备案 case: flagged by the township's 受理, its task at the village.
    const opened = (await openCase(applicant, demoHousehold)).case;
    const submitted = (await command(applicant, opened, 'submit')).case;
    await command(township, submitted, 'accept', { data: { acceptance: { complete: true, missingMaterials: [], relativeFiling: true, relatives: '申请人之女为本村村委委员' } } });
    const townshipUnit = (await su.collection('org_units').getFirstListItem('name = "曲塘镇"')).id;
    const village = String((await su.collection('applications').getOne(opened.id)).village);
    const pbDate = (d: Date) => d.toISOString().replace('T', ' ');
    const filters: QueueCountsQuery[] = [
      { process: 'dibao' },
      { step: 'investigation' },
      { township: townshipUnit },
      { village },
      { dueBefore: pbDate(new Date(Date.now() + 40 * 86_400_000)) },
      { dueBefore: pbDate(new Date()) },
      { flag: 'relativeFiling' },
      { process: 'dibao', township: townshipUnit, flag: 'relativeFiling', dueBefore: pbDate(new Date(Date.now() + 400 * 86_400_000)) },
    ];
    const users = await su.collection('users').getFullList({ fields: 'id,email,role' });
    const nonZero = new Set<string>();
    for (const user of users) {
      const pb = await signedIn(user.id);
      for (const query of filters) {
        const route = await pb.send<QueueCountsAnswer>('/api/tongban/queues/counts', { query });
        expect(route, `${String(user.email)} ${JSON.stringify(query)}`).toEqual(await recordApiCounts(pb, query));
        for (const [tab, n] of Object.entries(route)) if (n > 0) nonZero.add(`${Object.keys(query).join('+')}:${tab}`);
      }
    }
    // The comparison met rows of every filter in 待办 and in another queue.
    for (const query of filters.slice(0, 5).concat(filters.slice(6))) {
      const name = Object.keys(query).join('+');
      expect(nonZero.has(`${name}:tasks`), `${name} in 待办`).toBe(true);
      expect(['done', 'cc', 'started'].some((tab) => nonZero.has(`${name}:${tab}`)), `${name} beside 待办`).toBe(true);
    }
    // The flagged case is in the village's 待办 with the flag, and not in it with another process.
    const villageOfficer = await server.login('village-a1');
    expect((await villageOfficer.send<QueueCountsAnswer>('/api/tongban/queues/counts', { query: { flag: 'relativeFiling' } })).tasks).toBeGreaterThan(0);
    expect((await villageOfficer.send<QueueCountsAnswer>('/api/tongban/queues/counts', { query: { flag: 'relativeFiling', process: 'linshi' } })).tasks).toBe(0);
  }, 600_000);

  it('leaves out of a filtered 已办 the cases an officer started but does not read, as the record API does', async () => {
    // The demo's 登记管理机关 starts cases in other hands (a command starts child cases in its actor's name).
    const id = await demoUserId(server, 'registration');
    const pb = await signedIn(id);
    const starts = await su.collection('events').getFullList({ filter: su.filter('actor_id = {:u} && action = "start"', { u: id }), fields: 'application' });
    const unread: string[] = [];
    for (const start of starts) {
      const seen = await pb.collection('applications').getList(1, 1, { filter: pb.filter('id = {:id}', { id: start.application }), fields: 'id' });
      if (seen.totalItems === 0) unread.push(String(start.application));
    }
    expect(unread.length).toBeGreaterThan(0);
    const process = String((await su.collection('applications').getOne(unread[0]!)).workflow_key);
    const route = await pb.send<QueueCountsAnswer>('/api/tongban/queues/counts', { query: { process } });
    expect(route).toEqual(await recordApiCounts(pb, { process }));
  });

  it('refuses a malformed filter with a Chinese message naming each field, and counts nothing', async () => {
    const refused = await failure(township.send('/api/tongban/queues/counts', { query: { dueBefore: 'yesterday', township: 'x" OR 1=1', process: 'dibao' } }));
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe('筛选条件不正确。');
    expect(refused.body.errors?.map((e) => e.path).sort()).toEqual(['/dueBefore', '/township']);
    expect(refused.body.errors?.find((e) => e.path === '/dueBefore')?.message).toMatch(/时间格式/);
  });

  it('answers a guest 401 with a Chinese message and counts nothing', async () => {
    const guest = new PocketBase(server.url);
    const refused = await guest.send('/api/tongban/queues/counts', {}).then(() => undefined, (e: ClientResponseError) => e);
    expect(refused?.status).toBe(401);
    expect(refused?.response).toMatchObject({ status: 401, code: 'unauthorized', message: '请先登录。' });
  });

  it('leaves every task and act it wrote with the copies of its case that 待办 and 已办 filter and search', () => {
    expect([rowCount(server, 'tasks'), rowCount(server, 'events')].every((n) => n > 0)).toBe(true);
    expect(tasksWithStaleCaseCopies(server)).toEqual([]);
    expect(eventsWithStaleCaseCopies(server)).toEqual([]);
  });
});
