/**
 * Demo 低保 复核 (动态管理) cases in different states: three 低保 households of 曲塘镇 (subjects with
 * their facts, as a confirmed 低保 case leaves them) whose 复核 the township starts in bulk — one at
 * the county's 审核确认 proposing 减发, one in its 停发公示, one still at the township's 复核 visit.
 */
import type { RestClient } from '../start/restClient.js';

type CaseAnswer = { case: { id: string; version: number } };
type Listed = { items: { id: string; version: number; subject: string }[] };

/** The demo households (the county-year bench seeds its 在保 households with their facts): a made-up subject key each (hex) (a real one is the keyed hash of the ID number), 杨庄村 or 双楼村, the 低保 facts. */
export const demoReviewHouseholds = [
  { key: 'd1ba01'.padEnd(64, '0'), name: '周*芳', village: '320685102290', dibao: { status: '在保', category: '全户保', monthlyAmount: 1200, members: 2, since: '2025-04-01' } },
  { key: 'd1ba02'.padEnd(64, '0'), name: '吴*军', village: '320685102291', dibao: { status: '在保', category: '单人保', monthlyAmount: 1000, members: 1, since: '2024-10-01' } },
  { key: 'd1ba03'.padEnd(64, '0'), name: '郑*明', village: '320685102290', dibao: { status: '在保', category: '全户保', monthlyAmount: 650, members: 3, since: '2023-07-01' } },
];

/** What the township found at the visit to a household of two (the county-year bench's 复核 submit the same). */
export const reviewFindings = (income: Record<string, number>, review: Record<string, unknown>) => ({
  applicant: { name: '周秀芳', idNumber: '320621196804150044', phone: '13912340088', address: '海安市曲塘镇杨庄村3组6号' },
  household: { members: [{ name: '周秀芳', idNumber: '320621196804150044', relation: '本人', health: '慢性病' }, { name: '孙立国', idNumber: '32062119660120003X', relation: '配偶', employment: '灵活就业' }] },
  income,
  assets: { deposits: 2000, vehicles: 0, housing: '自有住房一处' },
  review: { method: '入户调查', investigators: ['赵村干', '钱社工'], date: '2026-03-03', stopGround: '无', nextCycle: '半年度', ...review },
});

/** Creates the demo 复核 cases (the superuser `admin` writes the households; `as` impersonates a demo user); returns how many it created. */
export async function loadDibaoReviewDemoCases(admin: RestClient, as: (email: string) => Promise<RestClient>): Promise<number> {
  const ids: string[] = [];
  for (const h of demoReviewHouseholds) {
    const village = (await admin.send<{ items: { id: string; township: string; county: string }[] }>('GET', `/api/collections/org_units/records?filter=${encodeURIComponent(`code = "${h.village}"`)}`)).items[0]!;
    const created = await admin.send<{ id: string }>('POST', '/api/collections/subjects/records', { kind: 'person', key: h.key, name: h.name, village: village.id, township: village.township, county: village.county, facts: { dibao: h.dibao } });
    ids.push(created.id);
  }
  const townshipA = await as('township-a@demo.tongban');
  const run = await townshipA.send<{ id: string; started: number }>('POST', '/api/tongban/bulk-starts', { workflow: 'dibao-review', commandId: 'demo-dibao-review-bulk', subjects: ids });
  const cases = (await admin.send<Listed>('GET', `/api/collections/applications/records?filter=${encodeURIComponent(`bulk_run = "${run.id}"`)}`)).items;
  const caseOf = (subject: string): CaseAnswer => {
    const c = cases.find((x) => x.subject === subject)!;
    return { case: { id: c.id, version: c.version } };
  };
  const step = (user: RestClient, c: CaseAnswer, action: string, commandId: string, data?: Record<string, unknown>): Promise<CaseAnswer> =>
    user.send<CaseAnswer>('POST', `/api/tongban/cases/${c.case.id}/commands`, { action, version: c.case.version, commandId, ...(data ? { data } : {}) });

  // 1. 周*芳: the spouse works again, income 1,300 元 → 减发 to 700 元, at the county's 审核确认.
  await step(townshipA, caseOf(ids[0]!), 'submit', 'demo-dibao-review-1-submit', reviewFindings({ wages: 1100, transfer: 200 }, { reasons: ['配偶孙立国灵活就业，月收入约1100元'] }));
  // 2. 吴*军: moved to another county → 停发, in its 7-day 公示.
  await step(townshipA, caseOf(ids[1]!), 'submit', 'demo-dibao-review-2-submit', reviewFindings({ wages: 0 }, { stopGround: '迁出本县（市、区）', reasons: ['已于2026年2月迁往如皋市居住'], nextCycle: '年度' }));
  // 3. 郑*明: not visited yet — the 复核 visit is the township's task.
  return run.started;
}
