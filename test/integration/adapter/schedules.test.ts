import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { command } from '../../support/commands.js';

/**
 * A yearly 年检 declared with its process: from 1月15日 each year, every registered 社会团体 gets a
 * case in which it reports (due 3月31日) and the county reviews (due 5月31日).
 */
const definition = {
  key: 'annual-inspection-probe',
  version: 1,
  name: '社会组织年度检查',
  initial: 'report',
  starters: [{ kind: 'organisation' }],
  subject: { kind: 'organisation' },
  steps: {
    report: { type: 'task', name: '报送年度工作报告', assignee: { level: 'applicant' }, form: { sections: { report: 'write' } }, deadline: { date: '03-31' }, actions: { submit: { kind: 'submit', label: '报送', target: 'review' } } },
    review: { type: 'task', name: '登记管理机关审查', assignee: { level: 'county' }, deadline: { date: '05-31' }, actions: { pass: { kind: 'approve', label: '合格', target: 'done' } } },
    done: { type: 'final', name: '年检合格', outcome: 'approved' },
  },
  schedules: {
    annual: {
      name: '年度检查',
      every: 'year',
      startOn: '01-15',
      subjects: { kind: 'organisation', orgKinds: ['社会团体'], where: { subjectFact: 'status', equals: '正常' } },
      data: { '/report/year': { period: 'year' } },
      starter: 'organisation',
    },
  },
};

interface ScheduleList { now: string; schedules: { workflow: string; schedule: string; due: string | null; next: { period: string; at: string } | null; missed: string[]; lastRun: { period: string; status: string; matched: number; skipped: { subject: string; message: string }[]; bulkRun: { status: string; total: number; started: number } | null } | null }[] }

const china = (local: string) => new Date(`${local}+08:00`);

describe('a yearly schedule through the real server', () => {
  let server: TestServer;
  let su: PocketBase;
  let volunteers: string;
  /** The demo county's registered 社会团体 (正常) the probe's schedule matches, beside the one this file adds. */
  let demoSocieties: string[];
  let registered: string;
  let noCounty: string;
  const scheduledCases = async () => su.collection('applications').getFullList({ filter: `workflow_key = "${definition.key}"`, sort: 'created' });
  const sweep = async () => (await (await server.superuser()).send<{ fired: number; schedules: { opened: number; missed: number; matched: number } }>('/api/tongban/admin/sweep', { method: 'POST' })).schedules;
  // The shipped processes' schedules are listed too: this file looks at its own process's.
  const list = async () => {
    const listed = await (await server.superuser()).send<ScheduleList>('/api/tongban/admin/schedules', {});
    return { ...listed, schedules: listed.schedules.filter((s) => s.workflow === definition.key) };
  };
  const restart = async () => {
    await server.stop();
    await server.restart();
    su = await server.superuser();
  };

  beforeAll(async () => {
    server = await startPocketBase({ simulatedClock: true });
    su = await server.superuser();
    await server.setClock(china('2027-01-10T09:00:00'));
    // The shipped processes' own schedules (年检, 复核 …) are retired here: the sweep's counts are this file's.
    for (const d of await su.collection('workflow_definitions').getFullList({ filter: 'status = "published"' })) {
      if ((d.definition as { schedules?: unknown } | null)?.schedules) await su.collection('workflow_definitions').update(d.id, { status: 'retired' });
    }
    const demo = await su.collection('subjects').getFirstListItem('key = "51320685MJ5803Q69E"');
    volunteers = demo.id;
    demoSocieties = (await su.collection('subjects').getFullList({ filter: 'kind = "organisation" && org_kind = "社会团体"' })).filter((o) => (o.facts as { status?: string }).status === '正常').map((o) => o.id);
    expect(demoSocieties).toContain(volunteers);
    const county = demo.county as string;
    const organisation = (key: string, name: string, orgKind: string, facts: Record<string, unknown>, home: Record<string, string> = { county }) => su.collection('subjects').create({ kind: 'organisation', key, name, org_kind: orgKind, facts, ...home });
    registered = (await organisation('51320685MJ0000001X', '海安市书法家协会', '社会团体', { status: '正常' })).id;
    await organisation('51320685MJ00000021', '海安市棋类协会', '社会团体', { status: '撤销' });
    await organisation('53320685MJ0000003X', '海安市慈善基金会', '基金会', { status: '正常' });
    noCounty = (await organisation('51320685MJ00000047', '无登记地的协会', '社会团体', { status: '正常' }, {})).id;
    await su.collection('workflow_definitions').create({ key: definition.key, version: 1, status: 'published', name: definition.name, definition });
    // The shipped 高龄津贴 opens a run every month, which the sweep's counts would include: retired here, so the counts are the probe's.
    for (const shipped of await su.collection('workflow_definitions').getFullList({ filter: 'key = "elderly-allowance" && status = "published"' })) await su.collection('workflow_definitions').update(shipped.id, { status: 'retired' });
  });
  afterAll(() => server?.dispose());

  it('before its start day a sweep starts nothing, and the administrators’ list shows when it will', async () => {
    expect(await sweep()).toEqual({ opened: 0, missed: 0, matched: 0 });
    expect(await scheduledCases()).toEqual([]);
    const listed = await list();
    expect(listed.schedules).toMatchObject([{ workflow: definition.key, schedule: 'annual', due: null, lastRun: null, missed: [], next: { period: '2027', at: china('2027-01-15T00:00:00').toISOString() } }]);
  });

  it('when the start day passed while the server was down, the first sweep after the restart starts one case per matching subject', async () => {
    await server.setClock(china('2027-02-03T09:00:00'));
    await restart();
    await sweep();
    const cases = await scheduledCases();
    expect(cases.map((c) => c.subject).sort()).toEqual([...demoSocieties, registered].sort());
    for (const c of cases) {
      expect(c).toMatchObject({ starter: 'schedule', applicant_org: c.subject, data: { report: { year: 2027 } } });
      expect(c.snapshot).toMatchObject({ step: 'report', applicant: c.subject });
    }
    // The report is due 3月31日 of the period's year (to the end of that day, China time).
    const reportTask = await su.collection('tasks').getFirstListItem(`application = "${cases[0]!.id}"`);
    expect(new Date(reportTask.due_at as string).toISOString()).toBe(china('2027-04-01T00:00:00').toISOString());
    // The period's cases were started as one bulk run, idempotent on the process, schedule and period.
    const runs = await su.collection('schedule_runs').getFullList({ filter: `workflow_key = "${definition.key}"` });
    expect(runs).toMatchObject([{ workflow_key: definition.key, schedule: 'annual', period: '2027', status: 'started', matched: demoSocieties.length + 2 }]);
    const bulk = await su.collection('bulk_runs').getOne(runs[0]!.bulk_run as string);
    expect(bulk).toMatchObject({ origin_kind: 'schedule', origin_key: `${definition.key}/annual/2027`, status: 'done', total: demoSocieties.length + 1, started: demoSocieties.length + 1, failed: 0 });
    expect(cases.every((c) => c.bulk_run === bulk.id)).toBe(true);
    // A subject whose case cannot start (no county to route it to) is recorded, not silently dropped.
    expect(runs[0]!.skipped).toMatchObject([{ subject: noCounty, message: expect.stringContaining('县') }]);
  });

  it('a second sweep and another restart start nothing more', async () => {
    await sweep();
    await restart();
    await sweep();
    expect(await scheduledCases()).toHaveLength(demoSocieties.length + 1);
    expect(await su.collection('schedule_runs').getFullList({ filter: `workflow_key = "${definition.key}"` })).toHaveLength(1);
    expect(await su.collection('bulk_runs').getFullList({ filter: `origin_key ~ "${definition.key}/"` })).toHaveLength(1);
    const listed = await list();
    expect(listed.schedules[0]).toMatchObject({ due: null, lastRun: { period: '2027', status: 'started', matched: demoSocieties.length + 2, skipped: [{ subject: noCounty }], bulkRun: { status: 'done', total: demoSocieties.length + 1, started: demoSocieties.length + 1, failed: 0 } }, next: { period: '2028', at: china('2028-01-15T00:00:00').toISOString() } });
  });

  it('the organisation’s account acts on its scheduled case, which replays exactly', async () => {
    const mine = (await scheduledCases()).find((c) => c.subject === volunteers)!;
    const submitted = await command(await server.login('org-volunteers'), { id: mine.id, version: 1 }, 'submit');
    expect(submitted.case.step).toBe('review');
    expect(await su.send(`/api/tongban/cases/${mine.id}/verify`, {})).toMatchObject({ ok: true, replay: { ok: true } });
  });

  it('the next year starts again', async () => {
    await server.setClock(china('2028-01-20T09:00:00'));
    expect(await sweep()).toEqual({ opened: 1, missed: 0, matched: demoSocieties.length + 2 });
    const cases = await scheduledCases();
    const of2028 = cases.filter((c) => (c.data as { report: { year: number } }).report.year === 2028);
    expect(of2028.map((c) => c.subject).sort()).toEqual([...demoSocieties, registered].sort());
    // 2028 is a leap year: the report is still due at the end of 3月31日.
    const reportTask = await su.collection('tasks').getFirstListItem(`application = "${of2028[0]!.id}"`);
    expect(new Date(reportTask.due_at as string).toISOString()).toBe(china('2028-04-01T00:00:00').toISOString());
  });

  it('a year the server missed entirely is reported, not started late; the current year starts', async () => {
    await server.setClock(china('2030-03-01T09:00:00'));
    await restart();
    await sweep();
    const runs = await su.collection('schedule_runs').getFullList({ filter: `workflow_key = "${definition.key}"`, sort: 'period' });
    expect(runs.map((r) => [r.period, r.status])).toEqual([['2027', 'started'], ['2028', 'started'], ['2029', 'missed'], ['2030', 'started']]);
    const years = (await scheduledCases()).map((c) => (c.data as { report: { year: number } }).report.year);
    expect(years.filter((y) => y === 2029)).toEqual([]);
    expect(years.filter((y) => y === 2030)).toHaveLength(demoSocieties.length + 1);
    expect((await list()).schedules[0]).toMatchObject({ missed: ['2029'], lastRun: { period: '2030' } });
    expect(server.output()).toContain(`周期计划 ${definition.key}/annual 错过了 2029`);
  });

  it('a half-yearly 复核 owned by the township starts for the households of a category, identical cases copied in bulk, each replaying exactly', async () => {
    const review = {
      key: 'half-yearly-review-probe',
      version: 1,
      name: '定期复核',
      initial: 'check',
      starters: [{ kind: 'officer', level: 'township' }],
      subject: { kind: 'person' },
      steps: {
        check: { type: 'task', name: '入户复核', assignee: { level: 'township' }, form: { sections: { review: 'write' } }, deadline: { workingDays: 15 }, actions: { close: { kind: 'approve', label: '复核完成', target: 'done' } } },
        done: { type: 'final', name: '完成', outcome: 'approved' },
      },
      schedules: { review: { every: 'halfYear', startOn: '01-10', subjects: { kind: 'person', where: { subjectFact: 'assistance.category', in: ['全户保'] } }, data: { '/review/period': { period: 'key' } }, starter: 'officer' } },
    };
    await su.collection('workflow_definitions').create({ key: review.key, version: 1, status: 'published', name: review.name, definition: review });
    const township = await su.collection('org_units').getFirstListItem('code = "320685102"');
    const household = (n: number, category: string) => su.collection('subjects').create({ kind: 'person', key: `${'ab'.repeat(31)}${n}${n}`, name: `王*${n}`, township: township.id, county: township.parent, facts: { assistance: { category } } });
    const matching = [(await household(1, '全户保')).id, (await household(2, '全户保')).id];
    await household(3, '单人保');
    expect(await sweep()).toMatchObject({ opened: 1, matched: 2 });
    const cases = await su.collection('applications').getFullList({ filter: `workflow_key = "${review.key}"` });
    expect(cases.map((c) => c.subject).sort()).toEqual(matching.sort());
    for (const c of cases) {
      expect(c).toMatchObject({ starter: 'schedule', township: township.id, data: { review: { period: '2030-H1' } } });
      expect(await su.send(`/api/tongban/cases/${c.id}/verify`, {})).toMatchObject({ ok: true, replay: { ok: true } });
    }
    const tasks = await (await server.login('township-a')).collection('tasks').getFullList({ filter: `application.workflow_key = "${review.key}"` });
    expect(tasks).toHaveLength(2);
  });

  it('schedule runs are written by the sweep only and read by administrators only, one per process, schedule and period', async () => {
    const c = await su.collections.getOne('schedule_runs');
    expect([c.createRule, c.updateRule, c.deleteRule]).toEqual([null, null, null]);
    expect([c.listRule, c.viewRule]).toEqual(['@request.auth.role = "admin"', '@request.auth.role = "admin"']);
    expect(c.indexes.join('\n')).toMatch(/UNIQUE INDEX \S+ ON `?schedule_runs`? \(`?workflow_key`?, `?schedule`?, `?period`?\)/);
    await expect(su.collection('schedule_runs').create({ workflow_key: definition.key, schedule: 'annual', every: 'year', period: '2030', status: 'started' })).rejects.toMatchObject({ status: 400 });
  });

  it('officers may not read the schedules', async () => {
    await expect((await server.login('county')).send('/api/tongban/admin/schedules', {})).rejects.toMatchObject({ status: 403 });
  });
});
