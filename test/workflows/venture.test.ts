import { describe, expect, it } from 'vitest';
import type { Actor, Effect, JsonValue } from '../../engine/index.js';
import { actors, CaseDriver, shippedDefinition } from '../support/caseDriver.js';
import { rankWithinBudget } from '../../workflows/venture-call/ranking.js';

const officerOf = (unit: string, id: string, roles: string[] = []): Actor => ({ id, kind: 'officer', roles, orgUnit: { id: unit, level: 'department' as never, path: ['c1', unit] } });
const county = actors.county;
const member = (id: string): Actor => ({ id, kind: 'officer', roles: ['venture_committee'], orgUnit: { id: 'c1', level: 'county', path: ['c1'] } });
const registration = officerOf('reg', 'u-registration');
const organisation = actors.applicant;
const documents = (effects: Effect[]) => effects.filter((e): e is Extract<Effect, { type: 'renderDocument' }> => e.type === 'renderDocument').map((e) => e.template);
const children = (effects: Effect[]) => effects.filter((e): e is Extract<Effect, { type: 'startChildCase' }> => e.type === 'startChildCase');

/** Five experts; expert-2 and expert-4 work for the applicant's own 统一社会信用代码. */
const directory = {
  units: [
    { id: 'reg', kind: 'registration_authority', name: '海安市民政局社会组织管理科' },
    { id: 'pool', kind: 'expert_pool', name: '海安市公益创投评审专家库' },
  ],
  members: { pool: [
    { id: 'expert-1', affiliation: '12320685MB0000001X' },
    { id: 'expert-2', affiliation: '51320685MJ5803Q69E' },
    { id: 'expert-3', affiliation: '91320685MA0000003Y' },
    { id: 'expert-4', affiliation: '51320685MJ5803Q69E' },
    { id: 'expert-5', affiliation: '31320000MD0000005Z' },
  ] },
  seed: 'command-1',
};
const expert = (id: string) => officerOf('pool', id);

const call = {
  title: '2027年度海安市公益创投', budget: 150000, maxGrant: 100000, applyBy: '2027-03-31', midtermDue: '2027-11-30', finalDue: '2028-05-31',
  applicants: [
    { creditCode: '51320685MJ5803Q69E', name: '海安市青年志愿者协会' },
    { creditCode: '51320685MJ5804K01A', name: '海安市青少年科技教育促进会' },
    { creditCode: '52320685MJ5805T12A', name: '海安市城南社区养老服务中心' },
  ],
};

describe('公益创投: the call (venture-call)', () => {
  const newCall = () => {
    const c = new CaseDriver(shippedDefinition('venture-call'), new Date('2027-03-01T09:00:00+08:00'));
    c.panelCandidates = { 'c1/venture_committee': ['m1', 'm2', 'm3'] };
    return c;
  };
  /** Publishes the call and lets the three applications end: two recommended, one not (and so not ranked). */
  const throughApplications = (c: CaseDriver, reported: Record<string, JsonValue>[] = [
    { outcome: 'approved', title: '“银龄伙伴”独居老人探访', organisationName: '海安市青年志愿者协会', creditCode: '51320685MJ5803Q69E', requested: 80000, score: 88.33 },
    { outcome: 'approved', title: '乡村少年科学营', organisationName: '海安市青少年科技教育促进会', creditCode: '51320685MJ5804K01A', requested: 60000, score: 72 },
    { outcome: 'approved', title: '社区长者助餐', organisationName: '海安市城南社区养老服务中心', creditCode: '52320685MJ5805T12A', requested: 50000, score: 81 },
  ]) => {
    c.ok(county, 'publish', { data: { call } });
    const started = children(c.effects);
    reported.forEach(({ outcome, ...values }, i) => {
      c.ok(actors.system, 'child.settled', { child: { case: `app-${i}`, wait: started[i]!.wait!, outcome: outcome as 'approved', workflow: 'venture-application', values } });
    });
    return started;
  };

  it('is opened by the county for its own area, and starts one application per organisation, about that organisation', () => {
    const c = newCall();
    expect(c.send(county, 'publish', { data: { call: { ...call, applicants: [] } } })).toMatchObject({ ok: false, rejection: { message: expect.stringContaining('请列出报名申报的组织') } });
    expect(c.send(county, 'publish', { data: { call: { ...call, maxGrant: 200000 } } }).ok).toBe(false);
    c.ok(county, 'publish', { data: { call } });
    expect(c.snapshot.step).toBe('applications');
    const started = children(c.effects);
    expect(started.map((s) => [s.workflow, s.organisation, s.data['/project/organisationName'], s.data['/call/maxGrant']])).toEqual([
      ['venture-application', '51320685MJ5803Q69E', '海安市青年志愿者协会', 100000],
      ['venture-application', '51320685MJ5804K01A', '海安市青少年科技教育促进会', 100000],
      ['venture-application', '52320685MJ5805T12A', '海安市城南社区养老服务中心', 100000],
    ]);
  });

  it('collects each application’s outcome, project and average score; ranks the recommended ones within the budget; the committee’s majority funds them', () => {
    const c = newCall();
    throughApplications(c);
    expect(c.snapshot.step).toBe('rank');
    expect((c.data.ranking as { projects: unknown[] }).projects).toHaveLength(3);
    expect((c.data.ranking as { projects: unknown[] }).projects[0]).toEqual({ case: 'app-0', outcome: 'approved', title: '“银龄伙伴”独居老人探访', organisationName: '海安市青年志愿者协会', creditCode: '51320685MJ5803Q69E', requested: 80000, score: 88.33 });
    c.ok(county, 'rank');
    expect(c.snapshot.step).toBe('committee');
    const results = (c.data.ranking as { results: { title: string; rank: number; funded: boolean; amount: number }[] }).results;
    // 150,000: 80,000 (88.3) and 50,000 (81.0) fit; 60,000 (72.0) no longer does.
    expect(results.map((r) => [r.rank, r.title, r.funded, r.amount])).toEqual([
      [1, '“银龄伙伴”独居老人探访', true, 80000],
      [2, '社区长者助餐', true, 50000],
      [3, '乡村少年科学营', false, 0],
    ]);
    expect((c.data.ranking as { fundedTotal: number }).fundedTotal).toBe(130000);
    // Each member votes once, their own ballot; the organiser cannot vote for them.
    expect(c.offers(member('m1'))).toContain('vote');
    expect(c.send(county, 'vote', { ballot: { choice: 'for' } }).ok).toBe(false);
    c.ok(member('m1'), 'vote', { ballot: { choice: 'for' } });
    expect(c.send(member('m1'), 'vote', { ballot: { choice: 'against' } }).ok).toBe(false);
    c.ok(member('m2'), 'vote', { ballot: { choice: 'against' } });
    c.ok(member('m3'), 'vote', { ballot: { choice: 'for' } });
    expect(c.snapshot.step).toBe('grants');
    expect(documents(c.effects)).toEqual(['venture-call/list']);
    const grants = children(c.effects);
    expect(grants.map((g) => [g.workflow, g.organisation, (g.data['/grant'] as { funded: boolean }).funded])).toEqual([
      ['venture-project', '51320685MJ5803Q69E', true], ['venture-project', '52320685MJ5805T12A', true], ['venture-project', '51320685MJ5804K01A', false],
    ]);
    grants.forEach((g, i) => c.ok(actors.system, 'child.settled', { child: { case: `grant-${i}`, wait: g.wait!, outcome: i < 2 ? 'approved' : 'rejected', workflow: 'venture-project' } }));
    expect(c.snapshot).toMatchObject({ status: 'done', outcome: 'approved', step: 'closed' });
  });

  it('goes back to ranking when the committee votes the list down, and ranks again without the projects it struck out', () => {
    const c = newCall();
    throughApplications(c);
    c.ok(county, 'rank');
    c.ok(member('m1'), 'vote', { ballot: { choice: 'against' } });
    c.ok(member('m2'), 'vote', { ballot: { choice: 'against' } });
    c.ok(member('m3'), 'vote', { ballot: { choice: 'for' } });
    expect(c.snapshot.step).toBe('rank');
    c.ok(county, 'rank', { data: { ranking: { ...(c.data.ranking as Record<string, JsonValue>), excluded: ['社区长者助餐'] } } });
    expect((c.data.ranking as { results: { title: string; funded: boolean }[] }).results.map((r) => [r.title, r.funded])).toEqual([['“银龄伙伴”独居老人探访', true], ['乡村少年科学营', true]]);
  });

  it('lets the organiser close a vote short of its quorum and seat it again', () => {
    const c = newCall();
    throughApplications(c);
    c.ok(county, 'rank');
    c.ok(member('m1'), 'vote', { ballot: { choice: 'for' } });
    c.ok(county, 'close');
    expect(c.snapshot.step).toBe('committee');
  });

  it('ends without funding when no application was recommended', () => {
    const c = newCall();
    throughApplications(c, [{ outcome: 'rejected' }, { outcome: 'withdrawn' }, { outcome: 'rejected', score: 40 }]);
    expect(c.snapshot).toMatchObject({ status: 'done', outcome: 'terminated', step: 'noProjects' });
  });

  it('ranks by score, then by the smaller request, skipping one that no longer fits for a smaller one that does', () => {
    const call2 = { title: 'T', midtermDue: '2027-11-30', finalDue: '2028-05-31' };
    const ranked = rankWithinBudget([
      { outcome: 'approved', title: 'A', requested: 90000, score: 90 },
      { outcome: 'approved', title: 'B', requested: 70000, score: 85 },
      { outcome: 'approved', title: 'C', requested: 10000, score: 85 },
      { outcome: 'approved', title: 'D', requested: 5000, score: 60 },
      { outcome: 'rejected', title: 'E', requested: 1000, score: 99 },
    ], 100000, call2);
    expect(ranked.results.map((r) => [r.title, r.rank, r.funded])).toEqual([['A', 1, true], ['C', 2, true], ['B', 3, false], ['D', 4, false]]);
    expect(ranked.fundedTotal).toBe(100000);
    expect(ranked.results[2]!.reason).toContain('超出本期创投资金预算');
  });
});

describe('公益创投: an application (venture-application)', () => {
  const newApplication = () => {
    const c = new CaseDriver(shippedDefinition('venture-application'), new Date('2027-03-02T09:00:00+08:00'));
    c.directory = directory;
    c.data = { call: { title: call.title, maxGrant: 100000, applyBy: '2027-03-31' }, project: { creditCode: '51320685MJ5803Q69E', organisationName: '海安市青年志愿者协会' } };
    return c;
  };
  const project = (change: Record<string, JsonValue> = {}) => ({ project: {
    creditCode: '51320685MJ5803Q69E', organisationName: '海安市青年志愿者协会', title: '“银龄伙伴”独居老人探访', field: '为老服务', summary: '组织志愿者每周探访城区独居老人。',
    beneficiaries: '独居老人120名', plan: '招募培训志愿者，每周探访，建立档案，年终评估。', totalBudget: 120000, requested: 80000, budgetItems: [{ item: '探访物资', amount: 80000 }], ...change,
  } });

  it('takes a plan whose request keeps within the grant limit and the project budget', () => {
    expect(newApplication().send(organisation, 'submit', { data: project({ requested: 100001, totalBudget: 200000 }) })).toMatchObject({ ok: false, rejection: { message: expect.stringContaining('单个项目资助上限') } });
    expect(newApplication().send(organisation, 'submit', { data: project({ requested: 90000, totalBudget: 80000 }) }).ok).toBe(false);
    const c = newApplication();
    c.ok(organisation, 'submit', { data: project() });
    expect(c.snapshot.step).toBe('qualification');
    expect(c.offers(registration)).toEqual(['pass', 'fail']);
  });

  it('refuses an ineligible applicant with the reasons and appeal rights, or lets it not apply at all', () => {
    const c = newApplication();
    c.ok(organisation, 'submit', { data: project() });
    c.ok(registration, 'fail', { comment: '不符合条件', data: { qualification: { reasons: '尚未取得登记证书。' } } });
    expect(c.snapshot).toMatchObject({ status: 'done', outcome: 'rejected', step: 'disqualified' });
    expect(documents(c.effects)).toEqual(['venture-application/disqualified']);
    const w = newApplication();
    w.ok(organisation, 'withdraw');
    expect(w.snapshot).toMatchObject({ outcome: 'withdrawn' });
  });

  it('has three experts drawn from the pool score it, never the applicant’s own colleagues, each scoring once for themselves', () => {
    const c = newApplication();
    c.ok(organisation, 'submit', { data: project() });
    c.ok(registration, 'pass');
    expect(c.snapshot.step).toBe('scoring');
    const seated = c.snapshot.panels!.scoring!.members;
    expect(seated).toHaveLength(3);
    expect(seated).not.toContain('expert-2');
    expect(seated).not.toContain('expert-4');
    expect(c.snapshot.draws?.[0]).toMatchObject({ recused: expect.arrayContaining(['expert-2', 'expert-4']) });
    expect(c.send(expert('expert-2'), 'vote', { ballot: { score: 100 } }).ok).toBe(false);
    expect(c.send(registration, 'vote', { ballot: { score: 100 } }).ok).toBe(false);
    c.ok(expert(seated[0]!), 'vote', { ballot: { score: 90 } });
    expect(c.send(expert(seated[0]!), 'vote', { ballot: { score: 10 } }).ok).toBe(false);
    // Nobody reads another's score before the panel is decided: the snapshot's tally waits for it.
    expect(c.snapshot.panels!.scoring!.tally).toBeUndefined();
    c.ok(expert(seated[1]!), 'vote', { ballot: { score: 85 } });
    c.ok(expert(seated[2]!), 'vote', { ballot: { score: 90 } });
    expect(c.snapshot).toMatchObject({ status: 'done', outcome: 'approved', step: 'recommended' });
    expect(c.snapshot.panels!.scoring!.tally!.averageScore).toBeCloseTo(88.33, 1);
  });

  it('does not recommend a project averaging under 60, with a 不予立项 notice', () => {
    const c = newApplication();
    c.ok(organisation, 'submit', { data: project() });
    c.ok(registration, 'pass');
    for (const [i, id] of c.snapshot.panels!.scoring!.members.entries()) c.ok(expert(id), 'vote', { ballot: { score: [50, 60, 65][i]! } });
    expect(c.snapshot).toMatchObject({ status: 'done', outcome: 'rejected', step: 'notRecommended' });
    expect(documents(c.effects)).toEqual(['venture-application/notRecommended']);
  });
});

describe('公益创投: a ranked project (venture-project)', () => {
  const grant = (funded: boolean) => ({ grant: { callTitle: call.title, organisationName: '海安市青年志愿者协会', creditCode: '51320685MJ5803Q69E', title: '“银龄伙伴”独居老人探访', rank: funded ? 1 : 3, score: 88.3, requested: 80000, funded, amount: funded ? 80000 : 0, ...(funded ? {} : { reason: '超出预算' }), midtermDue: '2027-11-30', finalDue: '2028-05-31' } });
  const newProject = (funded: boolean) => {
    return new CaseDriver(shippedDefinition('venture-project'), new Date('2027-06-01T09:00:00+08:00'), { data: grant(funded), directory });
  };

  it('is funded with a 立项通知书; reports mid-term and at the end by their dates, with reminders; ends with the evaluation', () => {
    const c = newProject(true);
    expect(c.offers(registration)).toEqual(['fund']);
    expect(c.send(registration, 'decline', { comment: '不予立项' })).toMatchObject({ ok: false, rejection: { message: '该项目已列入立项名单，应送达立项通知书。' } });
    c.ok(registration, 'fund');
    expect(documents(c.effects)).toEqual(['venture-project/funded']);
    expect(c.snapshot.tasks[0]).toMatchObject({ step: 'midterm', dueAt: '2027-11-30T16:00:00.000Z' });
    expect(c.effects.filter((e) => e.type === 'scheduleTimer').map((e) => (e as { key: string }).key)).toEqual(['remind:midterm#1:1', 'remind:midterm#1:2']);
    expect(c.send(organisation, 'submit', { data: { midterm: { progress: '已完成志愿者培训和首批探访。' } } }).ok).toBe(false);
    c.ok(organisation, 'submit', { data: { midterm: { progress: '已完成志愿者培训和首批探访。', spent: 35000 } } });
    expect(c.snapshot.tasks[0]).toMatchObject({ step: 'final', dueAt: '2028-05-31T16:00:00.000Z' });
    c.ok(organisation, 'submit', { data: { final: { outcomes: '探访独居老人120名，建立档案120份。', served: 4800, spent: 79500 } } });
    expect(c.snapshot.step).toBe('evaluation');
    c.ok(registration, 'complete', { data: { evaluation: { grade: '优秀', opinion: '目标全部实现，资金使用规范。' } } });
    expect(c.snapshot).toMatchObject({ status: 'done', outcome: 'approved', step: 'completed' });
    expect(documents(c.effects)).toEqual(['venture-project/evaluation']);
  });

  it('is told it is not funded, with the reason and appeal rights', () => {
    const c = newProject(false);
    expect(c.send(registration, 'fund').ok).toBe(false);
    c.ok(registration, 'decline', { comment: '超出预算' });
    expect(c.snapshot).toMatchObject({ status: 'done', outcome: 'rejected', step: 'notFunded' });
    expect(documents(c.effects)).toEqual(['venture-project/notFunded']);
  });
});
