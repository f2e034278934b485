import PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionModel } from 'pocketbase';
import { unitKinds } from '../../../engine/index.js';
import { demoOrgUnits } from '../../../server/demo/demoCounty.js';
import { failure } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

/** The collections of docs/contracts.md whose every write goes through the adapter's routes. */
const workflowCollections = ['applications', 'tasks', 'events', 'documents', 'timers', 'commands', 'outbox'];
/** Collections no client may even read (the adapter and superusers only). */
const serverOnlyCollections = ['timers', 'commands', 'staff_relatives', 'server_state', 'calendar_versions', 'check_requests'];

describe('the migrations', () => {
  let server: TestServer;
  let collections: Map<string, CollectionModel>;

  beforeAll(async () => {
    server = await startPocketBase();
    const su = await server.superuser();
    collections = new Map((await su.collections.getFullList()).map((c) => [c.name, c]));
  });
  afterAll(() => server?.dispose());

  const fieldNames = (name: string) => collections.get(name)!.fields.map((f) => f.name);
  const indexes = (name: string) => collections.get(name)!.indexes.join('\n');

  it('create every collection of the contract with its fields', () => {
    const expected: Record<string, string[]> = {
      users: ['name', 'role', 'org_unit', 'duties', 'phone', 'disabled', 'affiliation'],
      org_units: ['code', 'name', 'level', 'parent', 'county', 'township', 'kind'],
      workflow_definitions: ['key', 'version', 'status', 'name', 'definition', 'form_schema', 'ui_schema'],
      applications: ['case_no', 'workflow', 'workflow_key', 'workflow_version', 'applicant', 'filed_by', 'village', 'township', 'county', 'step', 'step_name', 'status', 'outcome', 'snapshot', 'data', 'version', 'flags', 'due_at', 'title', 'assigned_units', 'assigned_users', 'decisions', 'milestones', 'milestones_reached'],
      tasks: ['application', 'key', 'step', 'step_name', 'level', 'assignee_unit', 'assignee_user', 'role', 'mode', 'status', 'due_at', 'village', 'township', 'county', 'closed_at'],
      events: ['application', 'seq', 'format', 'action', 'kind', 'from_step', 'to_step', 'actor_id', 'actor_name', 'actor_unit_name', 'comment', 'data_patch', 'data_masked', 'replay', 'at', 'command_id', 'prev_hash', 'hash'],
      documents: ['application', 'kind', 'title', 'template', 'html', 'sha256'],
      timers: ['application', 'key', 'step', 'due_at', 'status', 'fired_at'],
      commands: ['command_id', 'application', 'actor', 'route', 'body_digest', 'status', 'response'],
      outbox: ['application', 'channel', 'recipient', 'message', 'status', 'attempts', 'next_attempt_at', 'parent', 'key', 'last_error', 'sent_at'],
      notifications: ['recipient', 'application', 'message', 'key'],
      calendar_overrides: ['date', 'working', 'note'],
      staff_relatives: ['staff', 'relative_name', 'relative_id_hash'],
      check_requests: ['application', 'key', 'request', 'service', 'payload', 'status', 'error', 'report_signature', 'reported_at'],
    };
    for (const [name, fields] of Object.entries(expected)) {
      expect(collections.has(name), name).toBe(true);
      expect(fieldNames(name), name).toEqual(expect.arrayContaining(fields));
    }
  });

  it('offer exactly the engine’s unit kinds for units beside the chain', () => {
    const kind = collections.get('org_units')!.fields.find((f) => f.name === 'kind') as unknown as { values: string[] };
    expect(kind.values).toEqual([...unitKinds.keys()]);
  });

  it('leave no client create, update or delete rule on the workflow collections', () => {
    for (const name of workflowCollections) {
      const c = collections.get(name)!;
      expect([c.createRule, c.updateRule, c.deleteRule], name).toEqual([null, null, null]);
    }
    // The outbox's dead letters are for administrators to see (and no one else).
    expect([collections.get('outbox')!.listRule, collections.get('outbox')!.viewRule]).toEqual(['@request.auth.role = "admin"', '@request.auth.role = "admin"']);
    const inbox = collections.get('notifications')!;
    expect([inbox.createRule, inbox.deleteRule]).toEqual([null, null]);
    // A recipient may mark their own notice read (`read_at`), and change nothing else of it.
    expect(inbox.updateRule).toBe('@request.auth.id != "" && (recipient = @request.auth.id && @request.body.recipient:isset = false && @request.body.application:isset = false && @request.body.message:isset = false && @request.body.key:isset = false)');
    for (const name of serverOnlyCollections) {
      const c = collections.get(name)!;
      expect([c.listRule, c.viewRule], name).toEqual([null, null]);
    }
    const definitions = collections.get('workflow_definitions')!;
    expect([definitions.createRule, definitions.updateRule, definitions.deleteRule]).toEqual([null, null, null]);
    // Administrators keep the org tree in the studio; nobody deletes a unit.
    const units = collections.get('org_units')!;
    expect([units.createRule, units.updateRule, units.deleteRule]).toEqual(['@request.auth.role = "admin"', '@request.auth.role = "admin"', null]);
  });

  it('open no collection to guests: no rule is the empty string', () => {
    for (const c of collections.values()) {
      const rules = [c.listRule, c.viewRule, c.createRule, c.updateRule, c.deleteRule];
      expect(rules, c.name).not.toContain('');
    }
  });

  it('keep the case data hidden from the record API and forbid self-registration', () => {
    expect(collections.get('applications')!.fields.find((f) => f.name === 'data')?.hidden).toBe(true);
    const users = collections.get('users')!;
    // Only administrators create accounts (the studio); a user never sets their own role, unit,
    // duties or `disabled`, and an administrator never their own role or `disabled`.
    expect(users.createRule).toBe('@request.auth.role = "admin"');
    expect(users.manageRule).toBe('@request.auth.role = "admin"');
    const [own, byAdmin] = users.updateRule!.split(' || (@request.auth.role = "admin"');
    for (const field of ['role', 'org_unit', 'duties', 'disabled']) expect(own).toContain(`@request.body.${field}:isset = false`);
    expect(byAdmin).toContain('id != @request.auth.id || (@request.body.role:isset = false && @request.body.disabled:isset = false)');
  });

  it('index jurisdiction fields, queues, timers and the uniqueness the adapter relies on', () => {
    expect(indexes('applications')).toMatch(/UNIQUE INDEX \S+ ON applications \(case_no\)/);
    for (const level of ['county', 'township', 'village']) expect(indexes('applications')).toContain(`ON applications (${level}, status, created)`);
    expect(indexes('events')).toMatch(/UNIQUE INDEX \S+ ON events \(application, seq\)/);
    expect(indexes('tasks')).toMatch(/UNIQUE INDEX \S+ ON tasks \(application, key\)/);
    // The queues by unit and by user, in their order (due date, then creation); the first schema's
    // indexes by creation alone are gone (migration 1764201801): no query read them.
    // …the unit's ending in every column the 待办 filter and search read (migration 1764202201): a
    // task they do not meet is passed over in the index.
    expect(indexes('tasks')).toContain('ON tasks (assignee_unit, status, due_at, created, mode, level, assignee_user, case_no, case_title)');
    expect(indexes('tasks')).toContain('ON tasks (assignee_user, status, due_at, created)');
    expect(indexes('tasks')).not.toContain('ON tasks (assignee_unit, status, created)');
    expect(indexes('tasks')).not.toContain('ON tasks (assignee_user, status, created)');
    // The dashboard's indexes of the cases by creation, end and approval time are gone (migration
    // 1764202001): it reads kept figures, a village its cases through the village index.
    for (const gone of ['(created, workflow_key,', '(status, updated,', '(outcome, updated,']) expect(indexes('applications')).not.toContain(`ON applications ${gone}`);
    expect(indexes('applications')).toContain('ON applications (status, due_at, workflow_key, step,');
    expect(indexes('timers')).toMatch(/UNIQUE INDEX \S+ ON timers \(application, key\)/);
    expect(indexes('timers')).toContain('ON timers (status, due_at)');
    expect(indexes('commands')).toMatch(/UNIQUE INDEX \S+ ON commands \(command_id\)/);
    expect(indexes('workflow_definitions')).toMatch(/UNIQUE INDEX \S+ ON workflow_definitions \(key, version, division, overlay_version\)/);
    expect(indexes('org_units')).toMatch(/UNIQUE INDEX \S+ ON org_units \(code\)/);
  });

  it('let any signed-in user read the org tree and the published workflows, and nobody anonymous', async () => {
    const applicant = await server.login('applicant-b1');
    expect((await applicant.collection('org_units').getFullList()).length).toBe(demoOrgUnits.length);
    const definitions = await applicant.collection('workflow_definitions').getFullList();
    expect(definitions.map((d) => `${d.key}@${d.status}`)).toContain('dibao@published');

    const anonymous = new PocketBase(server.url);
    for (const name of ['org_units', 'workflow_definitions', 'applications', 'tasks', 'events', 'documents', 'users']) {
      const list = await anonymous.collection(name).getList(1, 10);
      expect(list.items, name).toEqual([]);
    }
    expect((await failure(anonymous.collection('timers').getList(1, 10))).status).toBe(403);
  });

  it('refuse every sign-up, as an officer or otherwise', async () => {
    const anonymous = new PocketBase(server.url);
    for (const role of ['officer', 'applicant']) {
      const attempt = failure(anonymous.collection('users').create({ email: `self-${role}@example.cn`, password: 'secret-123456', passwordConfirm: 'secret-123456', role }));
      expect((await attempt).status, role).toBeGreaterThanOrEqual(400);
    }
    const su = await server.superuser();
    expect(await su.collection('users').getList(1, 1, { filter: 'email ~ "self-"' }).then((l) => l.totalItems)).toBe(0);
  });

  it('keep request logs 180 days, back up nightly, turn off batch writes and OAuth2', async () => {
    const su = await server.superuser();
    const settings = (await su.settings.getAll()) as { logs: { maxDays: number }; batch: { enabled: boolean }; backups: { cron: string }; rateLimits: { enabled: boolean } };
    expect([settings.logs.maxDays, settings.batch.enabled, settings.backups.cron !== '', settings.rateLimits.enabled]).toEqual([180, false, true, true]);
    const users = collections.get('users') as CollectionModel & { oauth2: { enabled: boolean } };
    expect(users.oauth2.enabled).toBe(false);
  });

  // Last: it exhausts this address's login budget for a minute.
  it('rate-limits password guessing per address', async () => {
    const guesser = new PocketBase(server.url);
    guesser.autoCancellation(false);
    const statuses: number[] = [];
    for (let i = 0; i < 70 && !statuses.includes(429); i++) {
      statuses.push((await failure(guesser.collection('users').authWithPassword('applicant-a1@demo.tongban', `guess-${i}`))).status);
    }
    expect(statuses[0]).toBe(400);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.length).toBeLessThanOrEqual(61);
  });
});
