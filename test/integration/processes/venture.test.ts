import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import type { RecordModel } from 'pocketbase';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { command, failure, type CommandAnswer } from '../../support/commands.js';
import { demoVentureCall, demoVentureProject } from '../../../server/demo/ventureDemoCases.js';

type Panelled = CommandAnswer['case'] & { panels?: { step: string; members: number; ballots: number; result: string | null; tally?: Record<string, number> }[] };

describe('公益创投 through the real server', () => {
  let server: TestServer;
  let su: PocketBase;
  const at = (r: RecordModel) => ({ id: r.id, version: r.version as number });
  const childrenOf = (id: string) => su.collection('applications').getFullList({ filter: `parent = "${id}"`, sort: 'case_no' });
  const titles = async (caseId: string) => (await su.collection('documents').getFullList({ filter: `application = "${caseId}"` })).map((d) => d.title as string).sort();

  beforeAll(async () => {
    server = await startPocketBase({ simulatedClock: true });
    await server.setClock(new Date('2027-03-01T09:00:00+08:00'));
    su = await server.superuser();
  });
  afterAll(() => server?.dispose());

  it('county@ opens a call with a budget; the organisations apply; registration@ checks eligibility; drawn experts score; the committee votes; the ranked projects are funded within the budget, report and are evaluated', async () => {
    const county = await server.login('county');
    // A call is about no one subject: the county opens it for its own area. Organisations cannot.
    expect((await failure((await server.login('org-volunteers')).send('/api/tongban/cases', { method: 'POST', body: { workflow: 'venture-call', commandId: randomUUID(), data: { call: demoVentureCall } } }))).status).toBe(403);
    const opened = await county.send<CommandAnswer>('/api/tongban/cases', { method: 'POST', body: { workflow: 'venture-call', commandId: randomUUID(), data: { call: { ...demoVentureCall, budget: 120000 } } } });
    // 回避: expert-1 and expert-2 now work for 海安市青年志愿者协会, so its project is scored by the other three.
    const experts = await Promise.all([1, 2, 3, 4, 5].map((n) => su.collection('users').getFirstListItem(`email = "expert-${n}@demo.tongban"`)));
    for (const e of experts.slice(0, 2)) await su.collection('users').update(e.id, { affiliation: '51320685MJ5803Q69E' });
    const published = await command(county, opened.case, 'publish');
    expect(published.case.step).toBe('applications');

    // One application per registered organisation, about that organisation: its own account acts, no other organisation sees it.
    const applications = await childrenOf(opened.case.id);
    const orgSubject = async (code: string) => (await su.collection('subjects').getFirstListItem(`kind = "organisation" && key = "${code}"`)).id;
    expect(applications.map((a) => [a.workflow_key, a.step, a.subject, a.applicant_org])).toEqual(await Promise.all(demoVentureCall.applicants.map(async (o) => ['venture-application', 'apply', await orgSubject(o.creditCode), await orgSubject(o.creditCode)])));
    const volunteers = await server.login('org-volunteers');
    const stem = await server.login('org-stem');
    const eldercare = await server.login('org-eldercare');
    expect((await failure(command(stem, at(applications[0]!), 'submit', { data: { project: demoVentureProject('冒名申报', 50000) } }))).status).toBeGreaterThanOrEqual(403);
    const a1 = await command(volunteers, at(applications[0]!), 'submit', { data: { project: demoVentureProject('“银龄伙伴”独居老人探访', 80000) } });
    const a2 = await command(stem, at(applications[1]!), 'submit', { data: { project: demoVentureProject('乡村少年科学营', 60000, '青少年服务') } });
    await command(eldercare, at(applications[2]!), 'withdraw');
    expect(a1.case.step).toBe('qualification');

    const registration = await server.login('registration');
    const s1 = (await command(registration, a1.case, 'pass', { data: { qualification: { opinion: '符合申报条件。' } } })).case as Panelled;
    const s2 = (await command(registration, a2.case, 'pass')).case as Panelled;
    expect(s1.step).toBe('scoring');

    // Three experts drawn from the pool score each project, each their own ballot; the others' scores stay hidden until all are in.
    const scoreAll = async (c: Panelled, scores: number[]) => {
      const tasks = await su.collection('tasks').getFullList({ filter: `application = "${c.id}" && mode = "panel" && status = "open"` });
      expect(tasks).toHaveLength(3);
      const users = await Promise.all(tasks.map((t) => su.collection('users').getOne(t.assignee_user as string)));
      let current = c;
      for (const [i, user] of users.entries()) {
        expect(user.email).toMatch(/^expert-\d@demo\.tongban$/);
        const expert = await server.login(user.email as string);
        current = (await command(expert, current, 'vote', { ballot: { score: scores[i]! } })).case as Panelled;
        if (i === 0) {
          expect(current.panels).toEqual([{ step: 'scoring', members: 3, ballots: 1, result: null }]);
          expect(await failure(command(expert, current, 'vote', { ballot: { score: 100 } }))).toMatchObject({ status: 403 });
        }
      }
      return current;
    };
    const drawnFor = async (c: { id: string }) => (await su.collection('tasks').getFullList({ filter: `application = "${c.id}" && mode = "panel"` })).map((t) => t.assignee_user as string);
    expect((await drawnFor(s1)).sort()).toEqual(experts.slice(2).map((e) => e.id).sort());
    const scored1 = await scoreAll(s1, [90, 85, 90]);
    expect(scored1).toMatchObject({ status: 'done', outcome: 'approved', step: 'recommended' });
    expect(scored1.panels?.[0]).toMatchObject({ result: 'passed', tally: { averageScore: expect.closeTo(88.33, 1) } });
    await scoreAll(s2, [70, 75, 80]);

    // The call collected each application's outcome, project and score, and now ranks within 120,000.
    let call = await su.collection('applications').getOne(opened.case.id);
    expect(call.step).toBe('rank');
    // In the order they ended: the withdrawn one first.
    expect((call.data as { ranking: { projects: unknown[] } }).ranking.projects).toEqual([
      { case: applications[2]!.id, outcome: 'withdrawn', organisationName: '海安市城南社区养老服务中心', creditCode: '52320685MJ5805T12A' },
      { case: applications[0]!.id, outcome: 'approved', title: '“银龄伙伴”独居老人探访', organisationName: '海安市青年志愿者协会', creditCode: '51320685MJ5803Q69E', requested: 80000, score: expect.closeTo(88.33, 1) },
      { case: applications[1]!.id, outcome: 'approved', title: '乡村少年科学营', organisationName: '海安市青少年科技教育促进会', creditCode: '51320685MJ5804K01A', requested: 60000, score: 75 },
    ]);
    const ranked = (await command(county, at(call), 'rank')).case;
    expect(ranked.step).toBe('committee');

    // The committee (county@, committee-1@, committee-2@) votes by majority with a quorum of 2.
    let committee = ranked as Panelled;
    for (const [user, choice] of [['committee-1', 'for'], ['committee-2', 'against'], ['county', 'for']] as const) committee = (await command(await server.login(user), committee, 'vote', { ballot: { choice } })).case as Panelled;
    expect(committee.step).toBe('grants');
    expect(await titles(opened.case.id)).toEqual(['公益创投立项名单公示']);

    const grants = await childrenOf(opened.case.id).then((all) => all.filter((c) => c.workflow_key === 'venture-project'));
    expect(grants.map((g) => [(g.data as { grant: { title: string; funded: boolean; amount: number } }).grant.title, (g.data as { grant: { funded: boolean } }).grant.funded, (g.data as { grant: { amount: number } }).grant.amount])).toEqual([
      ['“银龄伙伴”独居老人探访', true, 80000], ['乡村少年科学营', false, 0],
    ]);
    const funded = await command(registration, at(grants[0]!), 'fund');
    expect(funded.case.step).toBe('midterm');
    await command(registration, at(grants[1]!), 'decline', { comment: '超出预算' });
    expect(await titles(grants[0]!.id)).toEqual(['公益创投项目立项通知书']);
    expect(await titles(grants[1]!.id)).toEqual(['公益创投项目不予立项通知书']);

    const midterm = await command(volunteers, funded.case, 'submit', { data: { midterm: { progress: '已完成志愿者培训和首批探访。', spent: 35000 } } });
    const final = await command(volunteers, midterm.case, 'submit', { data: { final: { outcomes: '探访独居老人120名，建立档案120份。', served: 4800, spent: 79500 } } });
    const evaluated = await command(registration, final.case, 'complete', { data: { evaluation: { grade: '优秀', opinion: '目标全部实现，资金使用规范。' } } });
    expect(evaluated.case).toMatchObject({ status: 'done', outcome: 'approved' });
    call = await su.collection('applications').getOne(opened.case.id);
    expect(call).toMatchObject({ status: 'done', outcome: 'approved', step: 'closed' });
    expect(await su.send(`/api/tongban/cases/${call.id}/verify`, {})).toMatchObject({ ok: true, replay: { ok: true } });
  });
});
