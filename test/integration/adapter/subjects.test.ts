import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { command, failure, openCase, type CommandAnswer } from '../../support/commands.js';
import { freshIdNumber } from '../../support/idNumbers.js';
import { demoPassword } from '../../../server/demo/demoCounty.js';

/** A child process a parent case starts: the organisation confirms the report the parent passes on. */
const childDefinition = {
  key: 'report-followup',
  version: 1,
  name: '年检结果确认',
  initial: 'acknowledge',
  starters: [{ kind: 'parent', workflows: ['annual-report'] }],
  subject: { kind: 'organisation' },
  steps: {
    acknowledge: { type: 'task', name: '确认结果', assignee: { level: 'applicant' }, actions: { acknowledge: { kind: 'submit', label: '确认', target: 'done' } } },
    done: { type: 'final', name: '完成', outcome: 'approved' },
  },
};

/** An organisation's 年检: its account files, the county reviews; a registered organisation goes on, facts are set, a child case starts. */
const annualDefinition = {
  key: 'annual-report',
  version: 1,
  name: '社会组织年检',
  initial: 'file',
  starters: [{ kind: 'organisation' }],
  subject: { kind: 'organisation' },
  steps: {
    file: {
      type: 'task',
      name: '报送年检材料',
      assignee: { level: 'applicant' },
      actions: { submit: { kind: 'submit', label: '报送', target: [{ when: { subjectFact: 'registered', equals: true }, target: 'review' }, { target: 'refused' }] } },
    },
    review: {
      type: 'task',
      name: '年检审查',
      assignee: { level: 'county', role: 'dibao_officer' },
      actions: {
        pass: {
          kind: 'approve',
          label: '年检合格',
          target: 'passed',
          guard: { subjectFact: 'status', in: ['正常'] },
          effects: [
            { effect: 'setSubjectFact', args: { fact: 'annualReport.lastPassed', today: true } },
            { effect: 'setSubjectFact', args: { fact: 'annualReport.result', value: '合格' } },
            { effect: 'startChildCase', args: { workflow: 'report-followup' } },
          ],
        },
      },
    },
    passed: { type: 'final', name: '年检合格', outcome: 'approved' },
    refused: { type: 'final', name: '不予受理', outcome: 'rejected' },
  },
};

/** An officer's 复核 about an existing person subject (the township, with its duty). */
const reviewDefinition = {
  key: 'recheck',
  version: 1,
  name: '复核',
  initial: 'check',
  starters: [{ kind: 'officer', level: 'township', role: 'dibao_officer' }],
  subject: { kind: 'person' },
  steps: {
    check: { type: 'task', name: '复核', assignee: { level: 'township' }, actions: { close: { kind: 'approve', label: '复核完成', target: 'done' } } },
    done: { type: 'final', name: '完成', outcome: 'approved' },
  },
};

type Opened = CommandAnswer & { case: CommandAnswer['case'] & { id: string } };
interface SubjectAnswer { id: string; kind: string; name: string; creditCode?: string; facts: Record<string, unknown>; cases: { id: string; workflow: string; parent: string | null; follows: string | null; starter: string | null }[] }

describe('starters, subjects and links through the real server', () => {
  let server: TestServer;
  let su: PocketBase;
  let organisationId: string;
  beforeAll(async () => {
    server = await startPocketBase();
    su = await server.superuser();
    for (const d of [childDefinition, annualDefinition, reviewDefinition]) {
      await su.collection('workflow_definitions').create({ key: d.key, version: 1, status: 'published', name: d.name, definition: d });
    }
    organisationId = (await su.collection('subjects').getFirstListItem('key = "51320685MJ5803Q69E"')).id;
  });
  afterAll(() => server?.dispose());

  const open = (pb: PocketBase, body: Record<string, unknown>) => pb.send<Opened>('/api/tongban/cases', { method: 'POST', body: { commandId: randomUUID(), ...body } });

  describe('an organisation applies', () => {
    let annual: Opened;

    it('through its contact’s account, and the case is about the organisation; a resident may not start it', async () => {
      const org = await server.login('org-volunteers');
      annual = await open(org, { workflow: 'annual-report' });
      expect(annual.actions.map((a) => a.action)).toEqual(['submit']);
      const record = await su.collection('applications').getOne(annual.case.id);
      expect(record).toMatchObject({ subject: organisationId, applicant_org: organisationId, starter: 'organisation', title: '社会组织年检：海安市青年志愿者协会' });
      const resident = await failure(open(await server.login('applicant-a1'), { workflow: 'annual-report' }));
      expect(resident).toMatchObject({ status: 403, body: { code: 'starter_not_allowed' } });
    });

    it('routes on the organisation’s facts, sets new ones when it passes, and starts the child case its definition names', async () => {
      const org = await server.login('org-volunteers');
      const submitted = await command(org, annual.case, 'submit');
      expect(submitted.case.step).toBe('review');
      const passed = await command(await server.login('county'), submitted.case, 'pass');
      expect(passed.case.outcome).toBe('approved');
      const subject = await su.collection('subjects').getOne(organisationId);
      expect(subject.facts).toMatchObject({ registered: true, status: '正常', annualReport: { result: '合格', lastPassed: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) } });

      const children = await su.collection('applications').getFullList({ filter: `parent = "${annual.case.id}"` });
      expect(children).toMatchObject([{ workflow_key: 'report-followup', subject: organisationId, applicant_org: organisationId, starter: 'parent' }]);
      // The organisation's accounts act on the child's applicant step and read it through the record API.
      const child = children[0]!;
      const done = await command(org, { id: child.id, version: 1 }, 'acknowledge');
      expect(done.case.outcome).toBe('approved');
      expect(await su.send(`/api/tongban/cases/${child.id}/verify`, {})).toMatchObject({ ok: true, replay: { ok: true } });
      // (Only this test's processes: the shipped 年检 schedule may have opened one of its own by now.)
      const listed = (await org.collection('applications').getFullList()).filter((r) => ['annual-report', 'report-followup'].includes(r.workflow_key as string));
      expect(listed.map((r) => r.id).sort()).toEqual([annual.case.id, child.id].sort());
    });

    it('a colleague of the organisation reads its cases through the record API too, and nobody else’s', async () => {
      const email = `org-colleague-${randomUUID().slice(0, 8)}@test.tongban`;
      await su.collection('users').create({ email, emailVisibility: false, verified: true, password: demoPassword, passwordConfirm: demoPassword, name: '协会同事', role: 'applicant', organisation: organisationId });
      const colleague = await server.login(email);
      const listed = (await colleague.collection('applications').getFullList()).filter((r) => ['annual-report', 'report-followup'].includes(r.workflow_key as string));
      expect(listed.map((r) => r.id)).toContain(annual.case.id);
      expect(listed.every((r) => r.applicant_org === organisationId)).toBe(true);
      expect((await colleague.collection('tasks').getFullList({ filter: `application = "${annual.case.id}"` })).length).toBeGreaterThan(0);
      expect(await colleague.collection('applications').getFullList({ filter: 'applicant_org = ""' })).toEqual([]);
    });

    it('replays exactly from the facts recorded in its events, though the facts changed since', async () => {
      await su.collection('subjects').update(organisationId, { facts: { registered: false, status: '撤销' } });
      const verdict = await su.send<{ ok: boolean; replay: { ok: boolean } }>(`/api/tongban/cases/${annual.case.id}/verify`, {});
      expect(verdict).toMatchObject({ ok: true, replay: { ok: true } });
      const events = await su.collection('events').getFullList({ filter: `application = "${annual.case.id}"`, sort: 'seq' });
      expect(events.map((e) => (e.replay as { subjectFacts?: unknown }).subjectFacts)).toEqual([undefined, { registered: true, status: '正常' }, { registered: true, status: '正常' }]);
      await su.collection('subjects').update(organisationId, { facts: { registered: true, status: '正常' } });
    });
  });

  describe('代办 for a resident without an account', () => {
    const idNumber = freshIdNumber();
    let proxied: Opened;

    it('opens the case with the resident recorded by a keyed hash of their ID number; the filing officer acts on the applicant step', async () => {
      const village = await server.login('village-a1');
      proxied = await openCase(village, { applicant: { name: '赵桂兰', idNumber, phone: '13912345678' } }, { proxy: true }) as Opened;
      expect(proxied.actions.map((a) => a.action)).toContain('submit');
      const record = await su.collection('applications').getOne(proxied.case.id);
      expect(record).toMatchObject({ applicant: '', filed_by: await userId('village-a1'), starter: 'proxy', title: '最低生活保障审核确认：赵*兰' });
      const subject = await su.collection('subjects').getOne(record.subject as string);
      expect(subject).toMatchObject({ kind: 'person', name: '赵*兰' });
      // The person key is not the ID number, nor its plain hash, and the number is nowhere on the subject.
      expect(subject.key).toMatch(/^[0-9a-f]{64}$/);
      expect(subject.key).not.toBe(createHash('sha256').update(idNumber).digest('hex'));
      expect(JSON.stringify(subject)).not.toContain(idNumber);
      // The filing officer reads the actions of the applicant step as theirs.
      const { actions } = await (await server.login('village-a1')).send<{ actions: { action: string }[] }>(`/api/tongban/cases/${proxied.case.id}/actions`, {});
      expect(actions.map((a) => a.action)).toContain('submit');
    });

    it('needs the resident’s ID number, and only a village officer may file it', async () => {
      const village = await server.login('village-a1');
      expect(await failure(openCase(village, { applicant: { name: '赵桂兰' } }, { proxy: true }))).toMatchObject({ status: 422, body: { errors: [{ path: '/data/applicant/idNumber' }] } });
      expect(await failure(openCase(await server.login('township-a'), { applicant: { name: '赵桂兰', idNumber: freshIdNumber() } }, { proxy: true }))).toMatchObject({ status: 403 });
    });

    it('an officer of the township starts a 复核 about that resident, following the case; another township’s officer cannot find the subject', async () => {
      const record = await su.collection('applications').getOne(proxied.case.id);
      const recheck = await open(await server.login('township-a'), { workflow: 'recheck', follows: proxied.case.id });
      const stored = await su.collection('applications').getOne(recheck.case.id);
      expect(stored).toMatchObject({ subject: record.subject, follows: proxied.case.id, starter: 'officer', village: record.village, township: record.township });
      expect(recheck.actions.map((a) => a.action)).toEqual(['close']);
      expect(await failure(open(await server.login('township-b'), { workflow: 'recheck', subject: record.subject }))).toMatchObject({ status: 404 });
      // A village officer is not a starter of 复核.
      expect(await failure(open(await server.login('village-a1'), { workflow: 'recheck', subject: record.subject }))).toMatchObject({ status: 403, body: { code: 'starter_not_allowed' } });
    });

    it('the subject’s history: its cases for an officer of its jurisdiction, nothing for another township, and the collection closed to officers', async () => {
      const record = await su.collection('applications').getOne(proxied.case.id);
      const seen = await (await server.login('township-a')).send<SubjectAnswer>(`/api/tongban/subjects/${record.subject}`, {});
      expect(seen).toMatchObject({ kind: 'person', name: '赵*兰' });
      expect(seen).not.toHaveProperty('key');
      expect(seen.cases.map((c) => c.workflow).sort()).toEqual(['dibao', 'recheck']);
      expect(seen.cases.find((c) => c.workflow === 'recheck')).toMatchObject({ follows: proxied.case.id, starter: 'officer' });
      expect(await failure((await server.login('township-b')).send(`/api/tongban/subjects/${record.subject}`, {}))).toMatchObject({ status: 404 });
      expect(await failure((await server.login('applicant-a1')).send(`/api/tongban/subjects/${record.subject}`, {}))).toMatchObject({ status: 403 });
      expect((await (await server.login('township-a')).collection('subjects').getList()).items).toEqual([]);
    });
  });

  it('refuses to publish a definition whose starters cannot be resolved, or whose child does not name it as parent', async () => {
    const publish = (d: Record<string, unknown>) => su.collection('workflow_definitions').create({ key: d.key, version: 1, status: 'published', name: d.name, definition: d });
    // An officer of a level the org tree does not have could never start it. (A case without a subject
    // is allowed since officers may open programmes of their own area, such as a 公益创投 call.)
    const unknownLevel = { ...reviewDefinition, key: 'recheck-unknown-level', starters: [{ kind: 'officer', level: 'province', role: 'dibao_officer' }] };
    const refused = await failure(publish(unknownLevel));
    expect(refused).toMatchObject({ status: 409, body: { code: 'invalid_definition' } });
    expect(refused.body.errors!.map((e) => e.path)).toContain('/definition/starters/0/level');
    const orphanParent = structuredClone(annualDefinition) as typeof annualDefinition & { key: string };
    orphanParent.key = 'annual-report-copy';
    const problems = (await failure(publish(orphanParent))).body.errors!.map((e) => e.path);
    expect(problems).toEqual(['/definition/steps/review/actions/pass/effects/2/args/workflow']);
    expect(await su.collection('workflow_definitions').getFullList({ filter: 'key ~ "-copy" || key ~ "unknown-level"' })).toEqual([]);
  });

  it('the county sees the organisation’s history with its facts and its parent and child cases', async () => {
    const seen = await (await server.login('county')).send<SubjectAnswer>(`/api/tongban/subjects/${organisationId}`, {});
    expect(seen).toMatchObject({ kind: 'organisation', name: '海安市青年志愿者协会', creditCode: '51320685MJ5803Q69E', facts: { registered: true } });
    const parent = seen.cases.find((c) => c.workflow === 'annual-report')!;
    expect(seen.cases.find((c) => c.workflow === 'report-followup')).toMatchObject({ parent: parent.id, starter: 'parent' });
  });

  async function userId(user: string): Promise<string> {
    return (await su.collection('users').getFirstListItem(`email = "${user}@demo.tongban"`)).id;
  }
});
