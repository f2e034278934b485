import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts, demoOrgUnits } from '../../../server/demo/demoCounty.js';
import { bootTongban } from '../../../server/start/bootTongban.js';
import { loadWorkflows, readShippedWorkflows } from '../../../server/start/loadWorkflows.js';
import { RestClient } from '../../../server/start/restClient.js';
import { freePort, startPocketBase, type TestServer } from '../../support/pocketbase.js';

const counted = ['org_units', 'users', 'workflow_definitions', 'applications', 'tasks', 'events', 'documents', 'timers', 'commands'];

describe('the start-up loader', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startPocketBase({ demoCases: true });
  });
  afterAll(() => server?.dispose());

  async function counts(): Promise<Record<string, number>> {
    const su = await server.superuser();
    const out: Record<string, number> = {};
    for (const name of counted) out[name] = (await su.collection(name).getList(1, 1)).totalItems;
    return out;
  }

  it('loads the demo county, its accounts, the shipped workflows and demo cases in several states', async () => {
    const { booted } = server;
    expect(booted.workflowsCreated).toBe(readShippedWorkflows().length);
    expect(booted.demo?.created).toBe(demoOrgUnits.length + demoAccounts.length);
    expect(booted.demoCasesCreated).toBeGreaterThanOrEqual(3);
    const su = await server.superuser();
    const cases = await su.collection('applications').getFullList({ sort: 'created' });
    expect(new Set(cases.map((c) => c.step)).size).toBeGreaterThanOrEqual(3);
    const township = await su.collection('org_units').getFirstListItem('code = "320685102"');
    const village = await su.collection('org_units').getFirstListItem('code = "320685102290"');
    expect([village.township, village.county, village.parent]).toEqual([township.id, township.county, township.id]);
    // Every demo account can sign in with the demo password.
    for (const account of demoAccounts) expect((await server.login(account.email)).authStore.record?.email).toBe(account.email);
  });

  it('changes nothing when started a second time over the same data', async () => {
    const before = await counts();
    await server.stop();
    const again = await bootTongban({ port: await freePort(), dataDir: server.dataDir });
    try {
      expect([again.workflowsCreated, again.demo?.created, again.demoCasesCreated]).toEqual([0, 0, 0]);
      expect(again.superuser).toEqual(server.booted.superuser);
    } finally {
      await again.server.stop();
    }
    await server.restart();
    expect(await counts()).toEqual(before);
  });

  it('refuses a shipped definition that changed under an already-published version', async () => {
    const [shipped] = readShippedWorkflows();
    const edited = { ...shipped!, name: `${shipped!.name}（改）`, sha256: 'edited' };
    const admin = new RestClient(server.url);
    await admin.authSuperuser(server.booted.superuser.email, server.booted.superuser.password);
    await expect(loadWorkflows(admin, [edited])).rejects.toThrow(`流程 ${shipped!.key} 第 ${shipped!.version} 版已发布，但其内容已被修改`);
    await expect(loadWorkflows(admin, [edited])).rejects.toThrow('bump its version');
    const su = await server.superuser();
    const stored = await su.collection('workflow_definitions').getFirstListItem(`key = "${shipped!.key}" && version = ${shipped!.version}`);
    expect([stored.name, stored.sha256]).toEqual([shipped!.name, shipped!.sha256]);
  });
});
