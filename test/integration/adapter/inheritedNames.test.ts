import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { demoPassword } from '../../../server/demo/demoCounty.js';
import { command, openCase, type CaseSummary } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

/** Every name a plain object inherits, `__proto__` included. */
const inherited = Object.getOwnPropertyNames(Object.prototype);
const chinese = /[\u4e00-\u9fff]/;

describe('names every object inherits, sent to every route', () => {
  let server: TestServer;
  let atNotice: CaseSummary;
  let atAccept: CaseSummary;
  /** Raw requests, so that any answer (also a 500) is seen as it is. */
  let call: (token: string, method: string, route: string, body?: unknown) => Promise<{ status: number; body: { message?: string } }>;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    server = await startPocketBase({ simulatedClock: true });
    await server.setClock(new Date('2026-03-02T09:00:00+08:00'));
    call = async (token, method, route, body) => {
      const res = await fetch(`${server.url}${route}`, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: token } : {}) }, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
      const text = await res.text();
      let parsed: { message?: string } = {};
      try { parsed = JSON.parse(text) as { message?: string }; } catch { parsed = { message: text }; }
      return { status: res.status, body: parsed };
    };
    const su = await server.superuser();
    const township = await su.collection('org_units').getFirstListItem('code = "320685102"');
    await su.collection('users').create({ email: 'clerk@demo.tongban', password: demoPassword, passwordConfirm: demoPassword, name: '曲塘镇 无低保职责的办事员', role: 'officer', org_unit: township.id, duties: [] });
    const users = { applicant: 'applicant-a1', township: 'township-a', village: 'village-a1', county: 'county', clerk: 'clerk@demo.tongban', admin: 'admin@demo.tongban' };
    const clients = Object.fromEntries(await Promise.all(Object.entries(users).map(async ([k, u]) => [k, await server.login(u)] as const)));
    for (const [k, pb] of Object.entries(clients)) tokens[k] = pb.authStore.token;

    const a = await openCase(clients.applicant!, demoHousehold);
    atAccept = (await command(clients.applicant!, a.case, 'submit')).case;
    const b = await openCase(clients.applicant!, demoHousehold);
    let c = (await command(clients.applicant!, b.case, 'submit')).case;
    c = (await command(clients.township!, c, 'accept')).case;
    c = (await command(clients.village!, c, 'complete')).case;
    c = (await command(clients.county!, c, 'complete')).case;
    atNotice = (await command(clients.township!, c, 'approve')).case;
    expect(atNotice.step).toBe('publicNotice');
  });
  afterAll(() => server?.dispose());

  /** The case's version and event count, to show nothing changed. */
  async function footprint(c: CaseSummary): Promise<[number, number, number]> {
    const su = await server.superuser();
    const record = await su.collection('applications').getOne(c.id);
    const events = await su.collection('events').getFullList({ filter: `application = "${c.id}"` });
    const tasks = await su.collection('tasks').getFullList({ filter: `application = "${c.id}"` });
    return [record.version as number, events.length, tasks.length];
  }

  const expectRefused = (answer: { status: number; body: { message?: string } }, what: string) => {
    expect(answer.status, what).toBeGreaterThanOrEqual(400);
    expect(answer.status, what).toBeLessThan(500);
    expect(answer.body.message, what).toMatch(chinese);
  };

  it('refuses them as actions during 公示, from the officer on duty and from one without the duty, and changes nothing', async () => {
    const before = await footprint(atNotice);
    for (const name of inherited) {
      for (const who of ['township', 'clerk', 'applicant']) {
        const body = { action: name, version: atNotice.version, commandId: randomUUID(), comment: '登记一条异议的理由' };
        expectRefused(await call(tokens[who]!, 'POST', `/api/tongban/cases/${atNotice.id}/commands`, body), `${name} by ${who}`);
      }
      const withData = { action: name, version: atNotice.version, commandId: name, comment: '登记一条异议的理由', data: { publicNotice: {} } };
      expectRefused(await call(tokens.township!, 'POST', `/api/tongban/cases/${atNotice.id}/commands`, withData), `${name} with data`);
    }
    expect(await footprint(atNotice)).toEqual(before);
  });

  it('refuses them as the step a return goes back to, as data sections and as body fields', async () => {
    const before = await footprint(atAccept);
    const route = `/api/tongban/cases/${atAccept.id}/commands`;
    for (const name of inherited) {
      const ret = { action: 'requestCorrection', version: atAccept.version, commandId: randomUUID(), comment: '请补齐全部材料', returnTo: name };
      expectRefused(await call(tokens.township!, 'POST', route, ret), `returnTo ${name}`);
      const section = `{"action":"accept","version":${atAccept.version},"commandId":"${randomUUID()}","data":{${JSON.stringify(name)}:{"complete":true}}}`;
      expectRefused(await call(tokens.township!, 'POST', route, section), `data section ${name}`);
      const field = `{"action":"accept","version":${atAccept.version},"commandId":"${randomUUID()}",${JSON.stringify(name)}:1}`;
      expectRefused(await call(tokens.township!, 'POST', route, field), `body field ${name}`);
      for (const path of [`/${name}`, `/applicant/${name}`, `/household/members/0/${name}`]) {
        expectRefused(await call(tokens.township!, 'POST', `/api/tongban/cases/${atAccept.id}/reveal`, { field: path, reason: '核对身份信息' }), `reveal ${path}`);
      }
      const openTask = (await (await server.superuser()).collection('tasks').getFullList({ filter: `application = "${atAccept.id}" && status = "open"` }))[0]!;
      expectRefused(await call(tokens.admin!, 'POST', `/api/tongban/tasks/${openTask.id}/reassign`, { userId: name }), `reassign to ${name}`);
    }
    expect(await footprint(atAccept)).toEqual(before);
  });

  it('refuses them as workflow keys, case ids, task ids and validator keys and versions', async () => {
    const su = await server.superuser();
    const casesBefore = (await su.collection('applications').getFullList()).length;
    for (const name of inherited) {
      const key = encodeURIComponent(name);
      expectRefused(await call(tokens.applicant!, 'POST', '/api/tongban/cases', { workflow: name, commandId: randomUUID(), data: {} }), `workflow ${name}`);
      expectRefused(await call(tokens.township!, 'GET', `/api/tongban/cases/${key}`), `case ${name}`);
      expectRefused(await call(tokens.township!, 'GET', `/api/tongban/cases/${key}/actions`), `actions of ${name}`);
      expectRefused(await call(tokens.township!, 'GET', `/api/tongban/cases/${key}/verify`), `verify ${name}`);
      expectRefused(await call(tokens.township!, 'POST', `/api/tongban/cases/${key}/commands`, { action: 'accept', version: 1, commandId: randomUUID() }), `command on ${name}`);
      expectRefused(await call(tokens.township!, 'POST', `/api/tongban/tasks/${key}/claim`), `claim ${name}`);
      expectRefused(await call(tokens.township!, 'POST', `/api/tongban/tasks/${key}/release`), `release ${name}`);
      expectRefused(await call(tokens.township!, 'POST', `/api/tongban/tasks/${key}/reassign`, { userId: name }), `reassign ${name}`);
      expectRefused(await call(tokens.township!, 'POST', `/api/tongban/cases/${key}/reveal`, { field: '/applicant/idNumber', reason: '核对身份信息' }), `reveal on ${name}`);
      expectRefused(await call(tokens.admin!, 'POST', `/api/tongban/admin/outbox/${key}/retry`), `retry ${name}`);
      expectRefused(await call('', 'GET', `/api/tongban/workflows/${key}/1/validator.js`), `validator key ${name}`);
      expectRefused(await call('', 'GET', `/api/tongban/workflows/dibao/${key}/validator.js`), `validator version ${name}`);
    }
    expect((await su.collection('applications').getFullList()).length).toBe(casesBefore);
  });

  it('refuses to publish a definition that uses them, with the problems, and keeps serving the others', async () => {
    const su = await server.superuser();
    const definition = JSON.parse('{"key":"inherited-probe","version":1,"name":"内置名流程","initial":"apply","steps":{"apply":{"type":"task","name":"申请","assignee":{"level":"applicant"},"actions":{"constructor":{"kind":"submit","label":"提交","target":"toString"}}},"__proto__":{"type":"final","name":"原型","outcome":"approved"}}}') as unknown;
    const published = await call(su.authStore.token, 'POST', '/api/collections/workflow_definitions/records', { key: 'inherited-probe', version: 1, status: 'published', name: '内置名流程', definition });
    expect(published.status).toBe(409);
    expect(published.body).toMatchObject({ code: 'invalid_definition' });
    expect(JSON.stringify(published.body)).toContain('/definition/steps/apply/actions/constructor');
    const casesBefore = (await su.collection('applications').getFullList()).length;
    const answer = await call(tokens.applicant!, 'POST', '/api/tongban/cases', { workflow: 'inherited-probe', commandId: randomUUID(), data: {} });
    expect(answer.status).toBe(404);
    expect((await su.collection('applications').getFullList()).length).toBe(casesBefore);
    expect((await openCase(await server.login('applicant-a1'), demoHousehold)).case.step).toBe('apply');
  });
});
