import { randomBytes, randomUUID } from 'node:crypto';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedDefinition } from '../../support/caseDriver.js';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { command, failure, openCase, type CaseSummary } from '../../support/commands.js';
import { freshIdNumber } from '../../support/idNumbers.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

type Summary = CaseSummary & { workflow: { key: string; version: number; division?: string }; timers: { step: string; dueAt: string }[] };
interface Versions {
  key: string;
  versions: { id: string; version: number; status: string; division: string; divisionName: string; overlayVersion: number; base: string; limit: { workingDays: number; extendedWorkingDays?: number } | null; parameters: Record<string, unknown> }[];
}

/** 孙庄街道's local rules: 25 (40) working days in all, a 5-day 公示, shorter investigation and confirmation. */
const sunzhuang = {
  base: 'dibao',
  division: '320685004',
  version: 1,
  name: '孙庄街道最低生活保障审核确认时限（测试）',
  legalBasis: '测试用地方规则',
  parameters: { publicNotice: { days: 5 } },
  limit: { workingDays: 25, extendedWorkingDays: 40 },
  steps: { investigation: { deadline: { workingDays: 5 } }, countyReview: { deadline: { workingDays: 7 } } },
};

/** The shipped 低保 version the overlays lie over, and the national version a test publishes after it. */
const base = shippedDefinition('dibao').version;
const next = base + 1;

const household = () => {
  const id = freshIdNumber();
  return { ...demoHousehold, applicant: { ...demoHousehold.applicant, idNumber: id }, household: { members: [{ ...demoHousehold.household.members[0]!, idNumber: id }] } };
};

describe('local rules (overlays) per division', () => {
  let server: TestServer;
  let su: PocketBase;
  let admin: PocketBase;
  const users: Record<string, PocketBase> = {};
  beforeAll(async () => {
    server = await startPocketBase({ simulatedClock: true });
    // Wednesday: a 5-day 公示 ends on Monday 03-09, a 7-day one on Wednesday 03-11.
    await server.setClock(new Date('2026-03-04T10:00:00+08:00'));
    su = await server.superuser();
    admin = await server.login('admin');
    for (const name of ['applicant-a1', 'applicant-b1', 'township-a', 'township-b', 'village-a1', 'village-b1', 'county']) users[name] = await server.login(name);
  });
  afterAll(() => server?.dispose());

  /** Opens, submits and accepts a case of the applicant's village. */
  async function accepted(applicant: 'applicant-a1' | 'applicant-b1'): Promise<Summary> {
    const township = applicant === 'applicant-a1' ? 'township-a' : 'township-b';
    const opened = await openCase(users[applicant]!, household());
    const submitted = await command(users[applicant]!, opened.case, 'submit');
    return (await command(users[township]!, submitted.case, 'accept', { data: { acceptance: { complete: true, relativeFiling: false } } })).case as Summary;
  }
  /** Walks an accepted case to 公示. */
  async function toPublicNotice(c: Summary, applicant: 'applicant-a1' | 'applicant-b1'): Promise<Summary> {
    const [township, village] = applicant === 'applicant-a1' ? ['township-a', 'village-a1'] : ['township-b', 'village-b1'];
    let s = (await command(users[village]!, c, 'complete', { data: { investigation: { investigators: ['赵村干', '钱社工'] } } })).case;
    s = (await command(users.county!, s, 'complete', { data: { verification: { result: '一致' } } })).case;
    return (await command(users[township]!, s, 'approve')).case as Summary;
  }
  const publish = (overlay: unknown) => su.collection('workflow_definitions').create({ key: 'dibao', status: 'published', overlay });
  const versions = () => admin.send<Versions>('/api/tongban/admin/workflows/dibao/versions', {});

  let early: Summary;
  it('refuses an invalid overlay at publishing with paths into the overlay, and writes nothing', async () => {
    early = await accepted('applicant-b1');
    const refused = await failure(publish({ ...sunzhuang, initial: 'accept', limit: { workingDays: 10 }, steps: { countyFiling: { deadline: { workingDays: 3 } } } }));
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('invalid_definition');
    expect(refused.body.errors!.map((e) => e.path)).toEqual(['/overlay/initial', '/overlay/steps/countyFiling']);
    const tooShort = await failure(publish({ ...sunzhuang, limit: { workingDays: 20 } }));
    expect(tooShort.body.errors).toEqual([{ path: '/overlay/limit/workingDays', message: expect.stringContaining('超过总时限 20 个工作日') }]);
    const elsewhere = await failure(publish({ ...sunzhuang, division: '320686' }));
    expect(elsewhere.body.errors).toEqual([{ path: '/overlay/division', message: expect.stringContaining('组织架构中没有行政区划“320686”') }]);
    expect(await su.collection('workflow_definitions').getFullList({ filter: 'key = "dibao" && division != ""' })).toEqual([]);
  });

  let local: Summary;
  let national: Summary;
  it('applies a published overlay to a new case in its division and not to one started elsewhere', async () => {
    const saved = await publish(sunzhuang);
    expect(saved).toMatchObject({ key: 'dibao', version: base, division: '320685004', overlay_version: 1, status: 'published' });
    local = await accepted('applicant-b1');
    national = await accepted('applicant-a1');
    expect(local.workflow).toMatchObject({ version: base, division: '320685004' });
    expect(national.workflow.division).toBeUndefined();
    expect(local.clock.limitWorkingDays).toBe(25);
    expect(national.clock.limitWorkingDays).toBe(30);
    local = await toPublicNotice(local, 'applicant-b1');
    national = await toPublicNotice(national, 'applicant-a1');
    expect(local.timers.map((t) => t.dueAt)).toEqual(['2026-03-09T16:00:00.000Z']);
    expect(national.timers.map((t) => t.dueAt)).toEqual(['2026-03-11T16:00:00.000Z']);
    expect(await admin.send(`/api/tongban/cases/${local.id}/verify`, {})).toMatchObject({ ok: true, replay: { ok: true } });
  });

  it('keeps a case started before the overlay on the rules it started with', async () => {
    expect(early.workflow.division).toBeUndefined();
    const walked = await toPublicNotice(early, 'applicant-b1');
    expect(walked.clock.limitWorkingDays).toBe(30);
    expect(walked.timers.map((t) => t.dueAt)).toEqual(['2026-03-11T16:00:00.000Z']);
  });

  it('lists the versions and the divisions’ overlays to administrators only', async () => {
    const answer = await versions();
    expect(answer.versions.map((v) => [v.version, v.division, v.overlayVersion, v.limit?.workingDays])).toEqual([
      [base, '', 0, 30],
      [base, '320685004', 1, 25],
    ]);
    expect(answer.versions[1]).toMatchObject({ divisionName: '孙庄街道', base: answer.versions[0]!.id, parameters: { publicNotice: { days: 5 }, standard: 1000 } });
    expect((await failure(users['township-b']!.send('/api/tongban/admin/workflows/dibao/versions', {}))).status).toBe(403);
  });

  /** Publishes a new national version of 低保 with the steps' deadlines changed. */
  async function publishBase(version: number, deadlines: Record<string, number>) {
    const current = await su.collection('workflow_definitions').getFirstListItem(`key = "dibao" && division = "" && version = ${base}`);
    const definition = structuredClone(current.definition as { version: number; steps: Record<string, { deadline?: { workingDays: number } }> });
    definition.version = version;
    for (const [step, days] of Object.entries(deadlines)) definition.steps[step]!.deadline = { workingDays: days };
    return su.collection('workflow_definitions').create({ key: 'dibao', version, status: 'published', name: current.name, definition, form_schema: current.form_schema, ui_schema: current.ui_schema, templates: current.templates, validator_module: current.validator_module });
  }

  it('refuses a new national version the division’s overlay no longer fits, naming the overlay', async () => {
    // 3 + 3 + 5 + 9 + 10 = 30 nationally; with 孙庄's 5-day investigation and 7-day confirmation 29 > 25.
    const refused = await failure(publishBase(next, { investigation: 3, countyVisit: 9 }));
    expect(refused.status).toBe(409);
    expect(refused.body.errors).toEqual([{ path: '/overlays/320685004/limit/workingDays', message: expect.stringContaining('超过总时限 25 个工作日') }]);
    expect((await versions()).versions.map((v) => v.version)).toEqual([base, base]);
  });

  it('carries the overlay over a new national version, so new cases of the division keep their local rules', async () => {
    await publishBase(next, { verification: 2 });
    expect((await versions()).versions.map((v) => [v.version, v.division])).toEqual([
      [next, ''],
      [next, '320685004'],
      [base, ''],
      [base, '320685004'],
    ]);
    const localNew = await accepted('applicant-b1');
    const nationalNew = await accepted('applicant-a1');
    expect(localNew.workflow).toMatchObject({ version: next, division: '320685004' });
    expect(localNew.clock.limitWorkingDays).toBe(25);
    expect(nationalNew.workflow).toMatchObject({ version: next });
    expect(nationalNew.clock.limitWorkingDays).toBe(30);
    // The case started on the older version's overlay stays on it.
    const still = (await admin.send<{ case: Summary }>(`/api/tongban/cases/${local.id}`, {})).case;
    expect(still.workflow).toMatchObject({ version: base, division: '320685004' });
  });

  it('returns new cases of the division to the national rules when its overlay is retired', async () => {
    const carried = (await versions()).versions.find((v) => v.version === next && v.division === '320685004')!;
    await su.collection('workflow_definitions').update(carried.id, { status: 'retired' });
    const after = await accepted('applicant-b1');
    expect(after.workflow).toMatchObject({ version: next });
    expect(after.workflow.division).toBeUndefined();
    expect(after.clock.limitWorkingDays).toBe(30);
    // Only over the newest national version: an overlay over an older version would never apply to a new case.
    const v6 = (await versions()).versions.find((v) => v.version === base && v.division === '')!;
    const stale = await failure(su.collection('workflow_definitions').create({ key: 'dibao', status: 'published', base: v6.id, overlay: { ...sunzhuang, version: 2 } }));
    expect(stale).toMatchObject({ status: 409, body: { errors: [{ path: '/overlay/base' }] } });
  });

  it('starts the cases of a bulk run on the local rules of each household’s division', async () => {
    const recheck = {
      key: 'overlay-recheck',
      version: 1,
      name: '复核（叠加规则测试）',
      initial: 'check',
      starters: [{ kind: 'officer', level: 'township', role: 'dibao_officer' }],
      subject: { kind: 'person' },
      steps: {
        check: { type: 'task', name: '入户复核', assignee: { level: 'village' }, deadline: { workingDays: 10 }, actions: { confirm: { kind: 'approve', label: '复核完成', target: 'done' } } },
        done: { type: 'final', name: '完成', outcome: 'approved' },
      },
    };
    const national = await su.collection('workflow_definitions').create({ key: recheck.key, version: 1, status: 'published', name: recheck.name, definition: recheck });
    // 杨庄村 (a village of 曲塘镇) checks within 5 working days; 双楼村 keeps the 10.
    const local = await su.collection('workflow_definitions').create({ key: recheck.key, status: 'published', overlay: { base: recheck.key, division: '320685102290', version: 1, steps: { check: { deadline: { workingDays: 5 } } } } });
    const unit = (code: string) => su.collection('org_units').getFirstListItem<{ id: string; township: string; county: string }>(`code = "${code}"`);
    const household = async (code: string) => {
      const village = await unit(code);
      return (await su.collection('subjects').create({ kind: 'person', key: randomBytes(32).toString('hex'), name: '复核户', village: village.id, township: village.township, county: village.county })).id;
    };
    const [yangzhuang, shuanglou] = [await household('320685102290'), await household('320685102291')];
    const run = await users['township-a']!.send<{ status: string; started: number }>('/api/tongban/bulk-starts', { method: 'POST', body: { workflow: recheck.key, commandId: randomUUID(), subjects: [yangzhuang, shuanglou] } });
    expect(run).toMatchObject({ status: 'done', started: 2 });
    const cases = await su.collection('applications').getFullList({ filter: `workflow_key = "${recheck.key}"` });
    expect(Object.fromEntries(cases.map((c) => [c.subject, c.workflow]))).toEqual({ [yangzhuang]: local.id, [shuanglou]: national.id });
  });
});
