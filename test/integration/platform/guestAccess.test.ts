import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { pdf, uploadAttachment } from '../../support/attachments.js';
import { command, failure, openCase, type CaseSummary } from '../../support/commands.js';
import { freshIdNumber } from '../../support/idNumbers.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { subscribe } from '../../support/realtime.js';


/** The collections that hold a case or a record of one, each with the field naming its case. */
const caseCollections: [collection: string, caseField: string][] = [
  ['applications', 'id'],
  ['tasks', 'application'],
  ['events', 'application'],
  ['documents', 'application'],
  ['attachments', 'application'],
  ['audit_log', 'application'],
  ['task_queue', 'application'],
  ['event_queue', 'application'],
];

/**
 * A case without an applicant account — one a village officer files for a resident (代办), an
 * organisation's case a schedule opens — has an empty `applicant`, and a request without a token
 * has an empty `@request.auth.id`. The rules compare the two only for a signed-in user (migration
 * 1764201601): a guest reads nothing of such a case through the record API or realtime, and a
 * signed-in stranger nothing either.
 */
describe('a guest and a case that has no applicant account', () => {
  let server: TestServer;
  let su: PocketBase;
  let filed: CaseSummary;

  /** A village officer files (代办) an application for a resident without an account, with a file, and submits it. */
  async function fileForResident(village: PocketBase): Promise<CaseSummary> {
    const opened = await openCase(village, { ...demoHousehold, applicant: { ...demoHousehold.applicant, name: '代办居民', idNumber: freshIdNumber() } }, { proxy: true });
    await uploadAttachment(village, opened.case.id, pdf(), '户口簿.pdf');
    return (await command(village, opened.case, 'submit')).case;
  }

  beforeAll(async () => {
    server = await startPocketBase({ env: { TONGBAN_NO_BACKGROUND: '1' } });
    su = await server.superuser();
    const village = await server.login('village-a1');
    const township = await server.login('township-a');
    filed = await fileForResident(village);
    await township.send(`/api/tongban/cases/${filed.id}/reveal`, { method: 'POST', body: { field: '/household/members/1/idNumber', reason: '核对户口簿' } });
    filed = (await command(township, filed, 'accept', { data: { acceptance: { complete: true, relativeFiling: false } } })).case;
  }, 240_000);
  afterAll(() => server?.dispose());

  it('has every kind of record of the case on file, under an empty applicant', async () => {
    expect((await su.collection('applications').getOne(filed.id)).applicant).toBe('');
    for (const [name, field] of caseCollections) {
      const held = await su.collection(name).getList(1, 1, { filter: `${field} = "${filed.id}"` });
      expect(held.totalItems, name).toBeGreaterThan(0);
    }
  });

  it('lists nothing to a guest from any collection, and opens none of the case’s records by id', async () => {
    const guest = new PocketBase(server.url);
    for (const c of await su.collections.getFullList()) {
      const answer = await guest.collection(c.name).getList(1, 50).then(
        (list) => list.items,
        (e: { status: number }) => e.status,
      );
      if (typeof answer === 'number') expect([403, 404], c.name).toContain(answer);
      else expect(answer, c.name).toEqual([]);
    }
    for (const [name, field] of caseCollections) {
      const held = await su.collection(name).getList(1, 1, { filter: `${field} = "${filed.id}"` });
      expect((await failure(guest.collection(name).getOne(held.items[0]!.id))).status, name).toBe(404);
    }
  });

  it('admits only signed-in users, as a whole, to every rule of Tongban’s collections that compares a field with the caller’s id', async () => {
    const ownComparison = /(^|[\s(])(?:[A-Za-z_]\w*\.)*[A-Za-z_]\w* = @request\.auth\.id(?![\w.])/;
    const guard = '@request.auth.id != "" && (';
    /** The guard's bracket closes at the rule's end and nowhere before: no `||` escapes it. */
    const guardsWholeRule = (rule: string) => {
      if (!rule.startsWith(guard) || !rule.endsWith(')')) return false;
      let depth = 1;
      for (const ch of rule.slice(guard.length, -1)) {
        depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
        if (depth === 0) return false;
      }
      return depth === 1;
    };
    let compared = 0;
    for (const c of await su.collections.getFullList()) {
      if (c.system) continue;
      for (const rule of [c.listRule, c.viewRule, c.createRule, c.updateRule, c.deleteRule]) {
        if (!rule || !ownComparison.test(rule)) continue;
        compared += 1;
        expect(guardsWholeRule(rule), `${c.name}: ${rule.slice(0, 80)}`).toBe(true);
      }
    }
    expect(compared).toBeGreaterThan(10);
  });

  it('is refused by every GET route of Tongban’s own, with the case’s and its subject’s ids in the path', async () => {
    const hooks = path.resolve('server/pb_hooks');
    const routes = new Set<string>();
    for (const file of readdirSync(hooks).filter((f) => f.endsWith('.js'))) {
      for (const m of readFileSync(path.join(hooks, file), 'utf8').matchAll(/routerAdd\('GET', '([^']+)'/g)) routes.add(m[1]!);
    }
    expect(routes.size).toBeGreaterThan(20);
    const subject = String((await su.collection('applications').getOne(filed.id)).subject);
    const published = await su.collection('workflow_definitions').getFirstListItem('key = "dibao" && status = "published"', { sort: '-version' });
    for (const route of routes) {
      const url = route.replace('/subjects/{id}', `/subjects/${subject}`).replace('{id}', filed.id).replace('{key}', 'dibao').replace('{version}', String(published.version));
      const answer = await fetch(`${server.url}${url}`);
      const body = await answer.text();
      // The form's precompiled validator is the published schema as code: no case, no person in it.
      if (route.endsWith('/validator.js') && answer.status === 200) expect(body, url).not.toContain(filed.id);
      else expect([401, 403, 404], `${url}: ${body.slice(0, 80)}`).toContain(answer.status);
    }
  });

  it('shows nothing of the case to a signed-in applicant of another case', async () => {
    const stranger = await server.login('applicant-b1');
    for (const [name, field] of caseCollections) {
      expect((await stranger.collection(name).getList(1, 5, { filter: `${field} = "${filed.id}"` })).items, name).toEqual([]);
    }
  });

  it('still shows the case to the officers of its area', async () => {
    for (const user of ['village-a1', 'township-a', 'county']) {
      const officer = await server.login(user);
      expect((await officer.collection('applications').getList(1, 5, { filter: `id = "${filed.id}"` })).items.map((r) => r.id), user).toEqual([filed.id]);
    }
  });

  it('sends a guest subscribed to the case collections nothing in realtime, while the township hears the next case filed', async () => {
    const topics = ['applications/*', 'tasks/*', 'events/*', 'documents/*', 'attachments/*'];
    const guestHears = await subscribe(server.url, '', topics);
    const townshipHears = await subscribe(server.url, (await server.login('township-a')).authStore.token, topics);
    try {
      const next = await fileForResident(await server.login('village-a1'));
      await townshipHears.waitFor(1);
      await new Promise((r) => setTimeout(r, 500));
      expect(JSON.stringify(townshipHears.messages)).toContain(next.id);
      expect(guestHears.messages).toEqual([]);
    } finally {
      guestHears.close();
      townshipHears.close();
    }
  });
});
