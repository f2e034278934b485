import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts, demoOrgUnits } from '../../../server/demo/demoCounty.js';
import { demoOrganisationAccounts, demoOrganisations } from '../../../server/demo/demoOrganisations.js';
import { bootTongban } from '../../../server/start/bootTongban.js';
import { loadWorkflows, readShippedWorkflows } from '../../../server/start/loadWorkflows.js';
import { RestClient } from '../../../server/start/restClient.js';
import { freePort, startPocketBase, type TestServer } from '../../support/pocketbase.js';

/** The version of the shipped 低保 definition. */
const dibaoVersion = readShippedWorkflows().find((w) => w.key === 'dibao')!.version;
const counted = ['org_units', 'users', 'workflow_definitions', 'applications', 'tasks', 'events', 'documents', 'timers', 'commands'];

describe('the start-up loader', () => {
  let server: TestServer;

  // The loader's work only: no timer or schedule sweeps (the shipped 年检 schedule would open cases
  // for the demo organisations at the first minute's sweep, between two counts).
  const quiet = { TONGBAN_NO_BACKGROUND: '1' };

  beforeAll(async () => {
    server = await startPocketBase({ demoCases: true, env: quiet });
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
    // Each shipped process and each of its local rules (overlays) for a division of the demo county.
    expect(booted.workflowsCreated).toBe(readShippedWorkflows().reduce((n, wf) => n + 1 + wf.overlays.length, 0));
    expect(booted.demo?.created).toBe(demoOrgUnits.length + demoAccounts.length + demoOrganisations.length + demoOrganisationAccounts.length);
    expect(booted.demoCasesCreated).toBeGreaterThanOrEqual(3);
    const su = await server.superuser();
    const cases = await su.collection('applications').getFullList({ sort: 'created' });
    expect(new Set(cases.map((c) => c.step)).size).toBeGreaterThanOrEqual(3);
    expect(cases.filter((c) => c.workflow_key === 'liangxiang').map((c) => c.step).sort()).toEqual(['accept', 'publicNotice', 'townshipReview']);
    // 儿童基本生活保障: waiting for 受理, at 查验 (a village's 代办), at the county's 确认.
    expect(cases.filter((c) => c.workflow_key === 'children-support').map((c) => c.step).sort()).toEqual(['accept', 'countyConfirm', 'verify']);
    // 居家养老服务补贴: waiting for 受理, at the assessor's visit (a village's 代办), assessed at the county's 审批.
    expect(cases.filter((c) => c.workflow_key === 'home-care-subsidy').map((c) => c.step).sort()).toEqual(['accept', 'assess', 'countyApprove']);
    // 适老化改造: waiting for 受理, at the assessor's visit, approved with the works under way.
    expect(cases.filter((c) => c.workflow_key === 'home-adaptation').map((c) => c.step).sort()).toEqual(['accept', 'assess', 'works']);
    // 低保边缘: in 公示 (a village's 代办), back with the applicant for 补正, waiting for 受理.
    expect(cases.filter((c) => c.workflow_key === 'dibao-edge').map((c) => c.step).sort()).toEqual(['accept', 'apply', 'publicNotice']);
    // 临时救助: a 先行救助 being back-filled, waiting for 受理, in 公示, paid in stages.
    expect(cases.filter((c) => c.workflow_key === 'linshi').map((c) => c.step).sort()).toEqual(['accept', 'backfill', 'payment', 'publicNotice']);
    // 低保 复核: 曲塘镇's bulk start of three households — one at the county's 审核确认 (减发), one in its 停发公示, one at the 复核 visit.
    expect(cases.filter((c) => c.workflow_key === 'dibao-review').map((c) => c.step).sort()).toEqual(['confirm', 'publicNotice', 'review']);
    // 特困 复核: a re-assessment at the county's confirmation, a termination in its 公示, a change just recorded.
    expect(cases.filter((c) => c.workflow_key === 'tekun-review').map((c) => c.step).sort()).toEqual(['confirmTier', 'reassess', 'terminationNotice']);
    // 高龄津贴: paid monthly after 曲塘镇's confirmation, back with the family for 补正, at the township's 核实 (a village's 代办).
    expect(cases.filter((c) => c.workflow_key === 'elderly-allowance').map((c) => c.step).sort()).toEqual(['paying', 'supplement', 'verify']);
    // 成立登记: one at its 业务主管单位's 前置审查, one (直接登记) at the 登记管理机关's decision.
    expect(cases.filter((c) => c.workflow_key === 'org-registration').map((c) => c.step).sort()).toEqual(['decide', 'preReview']);
    // 变更登记 at the 业务主管单位's review; 注销登记 in the organisation's 清算.
    expect(cases.filter((c) => c.workflow_key === 'org-change').map((c) => c.step)).toEqual(['preReview']);
    expect(cases.filter((c) => c.workflow_key === 'org-deregistration').map((c) => c.step)).toEqual(['liquidation']);
    // 公开募捐方案备案: one published (its four disclosures now tasks of the organisation), one waiting, one returned for 补齐.
    expect(cases.filter((c) => c.workflow_key === 'fundraising-filing').map((c) => c.step).sort()).toEqual(['disclosures', 'review', 'supplement']);
    expect(cases.filter((c) => c.workflow_key === 'fundraising-disclosure').map((c) => c.step)).toEqual(['report', 'report', 'report', 'report']);
    // 公益创投: the call taking applications — one scored by drawn experts, one at 资格审查, one being filled in.
    expect(cases.filter((c) => c.workflow_key === 'venture-call').map((c) => c.step)).toEqual(['applications']);
    expect(cases.filter((c) => c.workflow_key === 'venture-application').map((c) => c.step).sort()).toEqual(['apply', 'qualification', 'scoring']);
    const township = await su.collection('org_units').getFirstListItem('code = "320685102"');
    const village = await su.collection('org_units').getFirstListItem('code = "320685102290"');
    expect([village.township, village.county, village.parent]).toEqual([township.id, township.county, township.id]);
    // Every demo account can sign in with the demo password.
    for (const account of demoAccounts) expect((await server.login(account.email)).authStore.record?.email).toBe(account.email);
  });

  it('publishes each version with its precompiled validator, served as a cacheable ES module that validates like the server', async () => {
    const res = await fetch(`${server.url}/api/tongban/workflows/dibao/${dibaoVersion}/validator.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('cache-control')).toContain('immutable');
    const code = await res.text();
    const dir = mkdtempSync(path.join(tmpdir(), 'tongban-module-'));
    writeFileSync(path.join(dir, 'validator.mjs'), code);
    const validate = ((await import(pathToFileURL(path.join(dir, 'validator.mjs')).href)) as { default: (d: unknown) => boolean }).default;
    expect(validate({ applicant: { name: '王秀英', idNumber: '32062119650412002X', phone: '13912345678' } })).toBe(true);
    expect(validate({ applicant: { name: '王秀英', idNumber: '320621196504120021', phone: '13912345678' } })).toBe(false);
    rmSync(dir, { recursive: true, force: true });
    for (const wrong of ['dibao/99', 'nosuch/1', 'dibao/abc', '..%2F/1']) {
      expect((await fetch(`${server.url}/api/tongban/workflows/${wrong}/validator.js`)).status, wrong).toBe(404);
    }
    // Not in what the record API gives a signed-in reader of the definition.
    const officer = await server.login('county');
    const record = await officer.collection('workflow_definitions').getFirstListItem('key = "dibao"');
    expect(record.validator_module).toBeUndefined();
  });

  it('stores each form and definition in the order its author wrote it (a form’s fields are not put in alphabetical order)', async () => {
    const a1 = await server.login('applicant-a1');
    for (const shipped of readShippedWorkflows()) {
      const stored = await a1.collection('workflow_definitions').getFirstListItem(a1.filter('key = {:key} && version = {:version} && division = ""', { key: shipped.key, version: shipped.version }));
      const form = shipped.formSchema as { properties?: Record<string, { properties?: Record<string, unknown> }> } | null;
      if (!form?.properties) continue;
      const storedForm = stored.form_schema as typeof form;
      expect(Object.keys(storedForm!.properties!), shipped.key).toEqual(Object.keys(form.properties));
      for (const [section, schema] of Object.entries(form.properties)) {
        if (schema.properties) expect(Object.keys(storedForm!.properties![section]!.properties ?? {}), `${shipped.key} ${section}`).toEqual(Object.keys(schema.properties));
      }
      expect(Object.keys((stored.definition as { steps: object }).steps), shipped.key).toEqual(Object.keys((shipped.definition as { steps: object }).steps));
    }
  });

  it('changes nothing when started a second time over the same data', async () => {
    const before = await counts();
    await server.stop();
    const again = await bootTongban({ port: await freePort(), dataDir: server.dataDir, env: quiet });
    try {
      expect([again.workflowsCreated, again.demo?.created, again.demoCasesCreated]).toEqual([0, 0, 0]);
      expect(again.superuser).toEqual(server.booted.superuser);
    } finally {
      await again.server.stop();
    }
    await server.restart();
    expect(await counts()).toEqual(before);
  }, 180_000); // two boots

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

  it('adds the precompiled validator to a version published without one, changing nothing else', async () => {
    const su = await server.superuser();
    const stored = await su.collection('workflow_definitions').getFirstListItem(`key = "dibao" && version = ${dibaoVersion}`);
    await su.collection('workflow_definitions').update(stored.id, { validator_module: '' });
    expect((await fetch(`${server.url}/api/tongban/workflows/dibao/${dibaoVersion}/validator.js`)).status).toBe(404);
    const admin = new RestClient(server.url);
    await admin.authSuperuser(server.booted.superuser.email, server.booted.superuser.password);
    expect(await loadWorkflows(admin)).toBe(0);
    expect((await fetch(`${server.url}/api/tongban/workflows/dibao/${dibaoVersion}/validator.js`)).status).toBe(200);
    const after = await su.collection('workflow_definitions').getOne(stored.id);
    expect([after.sha256, after.updated === stored.updated]).toEqual([stored.sha256, false]);
  });
});
