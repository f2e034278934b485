/**
 * Demo 特困 复核 cases in different states: three persons of 曲塘镇 recognised as 特困 (subjects with
 * their facts, as a confirmed 特困 case leaves them) — one re-assessed 全护理 and waiting for the county
 * to confirm the tier, one whose termination is in its 公示, one whose change the township has just recorded.
 */
import type { RestClient } from '../start/restClient.js';

type CaseAnswer = { case: { id: string; version: number } };

/** The demo persons: a made-up subject key each (hex; a real one is the keyed hash of the ID number), their village and 特困 facts. */
const persons = [
  { key: 'd7e401'.padEnd(64, '0'), name: '陈*贵', village: '320685102290', person: { name: '陈德贵', idNumber: '320621195001010019', phone: '13912340001' } },
  { key: 'd7e402'.padEnd(64, '0'), name: '李*兰', village: '320685102291', person: { name: '李秀兰', idNumber: '320621195203040021', phone: '13912340002' } },
  { key: 'd7e403'.padEnd(64, '0'), name: '赵*山', village: '320685102290', person: { name: '赵大山', idNumber: '320621194805060017', phone: '13912340003' } },
];
const facts = { tekun: { status: '在册', careTier: '半护理', monthlyAmount: 1900, since: '2025-09-20' } };

/** Creates the demo 特困 复核 cases (the superuser `admin` writes the persons; `as` impersonates a demo user); returns how many it created. */
export async function loadTekunReviewDemoCases(admin: RestClient, as: (email: string) => Promise<RestClient>): Promise<number> {
  const townshipA = await as('township-a@demo.tongban');
  const step = (c: CaseAnswer, action: string, commandId: string, data?: Record<string, unknown>): Promise<CaseAnswer> =>
    townshipA.send<CaseAnswer>('POST', `/api/tongban/cases/${c.case.id}/commands`, { action, version: c.case.version, commandId, ...(data ? { data } : {}) });
  const opened: CaseAnswer[] = [];
  for (const [i, p] of persons.entries()) {
    const village = (await admin.send<{ items: { id: string; township: string; county: string }[] }>('GET', `/api/collections/org_units/records?filter=${encodeURIComponent(`code = "${p.village}"`)}`)).items[0]!;
    const subject = await admin.send<{ id: string }>('POST', '/api/collections/subjects/records', { kind: 'person', key: p.key, name: p.name, village: village.id, township: village.township, county: village.county, facts });
    opened.push(await townshipA.send<CaseAnswer>('POST', '/api/tongban/cases', { workflow: 'tekun-review', commandId: `demo-tekun-review-${i + 1}-open`, subject: subject.id }));
  }
  // 1. 陈*贵: a stroke, re-assessed 全护理 (all six items not possible) — the county confirms the tier.
  await step(opened[0]!, 'complete', 'demo-tekun-review-1-complete', { applicant: persons[0]!.person, change: { kind: '生活自理能力变化', reportedOn: '2026-03-02', description: '中风后卧床，需他人照料' }, assessment: { eating: '不能', dressing: '不能', transfer: '不能', toileting: '不能', walking: '不能', bathing: '不能', assessor: '曲塘镇社会事务办' } });
  // 2. 李*兰: found work again — termination proposed, in its 7-day 公示.
  const second = await step(opened[1]!, 'save', 'demo-tekun-review-2-save', { applicant: persons[1]!.person, change: { kind: '经济状况变化', reportedOn: '2026-03-02' }, termination: { grounds: ['具备或者恢复劳动能力'], reasons: ['已在镇工业园区就业，月工资2800元'] } });
  await step(second, 'proposeTermination', 'demo-tekun-review-2-propose');
  // 3. 赵*山: the change is recorded, the re-assessment is the township's task (10 working days).
  await step(opened[2]!, 'save', 'demo-tekun-review-3-save', { applicant: persons[2]!.person, change: { kind: '生活自理能力变化', reportedOn: '2026-03-02', description: '摔伤住院' } });
  return opened.length;
}
