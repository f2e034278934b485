/**
 * A few demo cases in different states, created through the real command routes as the demo
 * users, so a newcomer sees populated queues. Skipped when any case exists (idempotent).
 */
import type { RestClient } from '../start/restClient.js';
import { loadChildrenSupportDemoCases } from './childrenSupportDemoCases.js';
import { loadHomeAdaptationDemoCases } from './homeAdaptationDemoCases.js';
import { loadHomeCareSubsidyDemoCases } from './homeCareSubsidyDemoCases.js';
import { loadDibaoEdgeDemoCases } from './dibaoEdgeDemoCases.js';
import { loadDibaoReviewDemoCases } from './dibaoReviewDemoCases.js';
import { loadTekunReviewDemoCases } from './tekunReviewDemoCases.js';
import { loadElderlyAllowanceDemoCases } from './elderlyAllowanceDemoCases.js';
import { loadLiangxiangDemoCases } from './liangxiangDemoCases.js';
import { loadLinshiDemoCases } from './linshiDemoCases.js';
import { loadTekunDemoCases } from './tekunDemoCases.js';
import { loadDemoRegistrations } from './loadDemoRegistrations.js';
import { loadFundraisingDemoCases } from './fundraisingDemoCases.js';
import { loadVentureDemoCases } from './ventureDemoCases.js';
import { loadOrgLifecycleDemoCases } from './orgLifecycleDemoCases.js';

/** A demo household (ID numbers are checksum-valid demo values). */
export const demoHousehold = {
  applicant: { name: '王秀英', idNumber: '320621195503120023', phone: '13912345678', address: '海安市曲塘镇杨庄村5组12号' },
  household: {
    members: [
      { name: '王秀英', idNumber: '320621195503120023', relation: '本人', health: '慢性病' },
      { name: '张明', idNumber: '320621198001150015', relation: '子女', disabilityGrade: '二级', employment: '无劳动能力' },
    ],
  },
  income: { wages: 600, transfer: 200 },
  assets: { deposits: 3000, vehicles: 0, housing: '自有住房一处，砖混结构' },
};

type CaseAnswer = { case: { id: string; version: number } };

// Officers sign in with a mailed one-time code, so the loader acts for the demo users by impersonation.
const as = (admin: RestClient, email: string): Promise<RestClient> => admin.impersonate(email);

/** Creates the demo cases unless cases exist; returns how many it created. */
export async function loadDemoCases(admin: RestClient): Promise<number> {
  const existing = await admin.send<{ items: unknown[] }>('GET', '/api/collections/applications/records?perPage=1&skipTotal=1');
  if (existing.items.length > 0) return 0;
  const a1 = await as(admin, 'applicant-a1@demo.tongban');
  const b1 = await as(admin, 'applicant-b1@demo.tongban');
  const townshipA = await as(admin, 'township-a@demo.tongban');

  // 1. 王秀英 (village a1): submitted and accepted, now at the village's 入户调查.
  const first = await a1.send<CaseAnswer>('POST', '/api/tongban/cases', { workflow: 'dibao', commandId: 'demo-a1-open', data: demoHousehold });
  const submitted = await a1.send<CaseAnswer>('POST', `/api/tongban/cases/${first.case.id}/commands`, { action: 'submit', version: first.case.version, commandId: 'demo-a1-submit' });
  await townshipA.send('POST', `/api/tongban/cases/${first.case.id}/commands`, { action: 'accept', version: submitted.case.version, commandId: 'demo-a1-accept', data: { acceptance: { complete: true, relativeFiling: false } } });

  // 2. 李建国 (village b1): submitted, waiting for 孙庄街道 to accept.
  const second = await b1.send<CaseAnswer>('POST', '/api/tongban/cases', {
    workflow: 'dibao',
    commandId: 'demo-b1-open',
    data: {
      applicant: { name: '李建国', idNumber: '320621196207040015', phone: '13800001111', address: '海安市孙庄街道孙庄社区8幢' },
      household: { members: [{ name: '李建国', idNumber: '320621196207040015', relation: '本人', health: '重特大疾病' }] },
      income: { transfer: 300 },
      assets: { deposits: 0, vehicles: 0, housing: '租住公房' },
    },
  });
  await b1.send('POST', `/api/tongban/cases/${second.case.id}/commands`, { action: 'submit', version: second.case.version, commandId: 'demo-b1-submit' });

  // 3. 王秀英: a second application still being filled in.
  await a1.send('POST', '/api/tongban/cases', { workflow: 'dibao', commandId: 'demo-a1-draft', data: { applicant: demoHousehold.applicant } });

  // 4. 王秀英's household again, investigated and at the county's 信息核对: its request has gone to the
  // check system; at `npm start` the local simulator's report lands within two minutes (the outbox
  // cron) and the case moves on to 乡镇初审, the findings beside what was declared.
  const villageA1 = await as(admin, 'village-a1@demo.tongban');
  const fourth = await a1.send<CaseAnswer>('POST', '/api/tongban/cases', { workflow: 'dibao', commandId: 'demo-a1-check-open', data: demoHousehold });
  const fourthSubmitted = await a1.send<CaseAnswer>('POST', `/api/tongban/cases/${fourth.case.id}/commands`, { action: 'submit', version: fourth.case.version, commandId: 'demo-a1-check-submit' });
  const fourthAccepted = await townshipA.send<CaseAnswer>('POST', `/api/tongban/cases/${fourth.case.id}/commands`, { action: 'accept', version: fourthSubmitted.case.version, commandId: 'demo-a1-check-accept', data: { acceptance: { complete: true, relativeFiling: false } } });
  await villageA1.send('POST', `/api/tongban/cases/${fourth.case.id}/commands`, { action: 'complete', version: fourthAccepted.case.version, commandId: 'demo-a1-check-investigate', data: { investigation: { investigators: ['赵村干', '钱社工'], date: '2026-03-04', mode: '入户', findings: '情况属实' } } });

  // 成立登记: one at its 业务主管单位's 前置审查, one (直接登记) waiting for the 登记管理机关's decision.
  // 变更登记 at the 业务主管单位's review, 注销登记 in its 清算 (the 年检 and 清理 come from their schedules).
  // 公开募捐方案备案: one published (its disclosures owed), one waiting, one returned for 补齐.
  // 公益创投: the 2027 call taking applications — one being scored by experts, one at 资格审查, one being filled in.
  return 4 + (await loadLiangxiangDemoCases(admin)) + (await loadDemoRegistrations(admin)) + (await loadChildrenSupportDemoCases(admin)) + (await loadTekunDemoCases((email) => as(admin, email))) + (await loadDibaoEdgeDemoCases((email) => as(admin, email))) + (await loadDibaoReviewDemoCases(admin, (email) => as(admin, email))) + (await loadTekunReviewDemoCases(admin, (email) => as(admin, email))) + (await loadFundraisingDemoCases((email) => as(admin, email))) + (await loadLinshiDemoCases((email) => as(admin, email))) + (await loadVentureDemoCases((email) => as(admin, email), admin)) + (await loadOrgLifecycleDemoCases((email) => as(admin, email), admin)) + (await loadElderlyAllowanceDemoCases((email) => as(admin, email))) + (await loadHomeCareSubsidyDemoCases((email) => as(admin, email))) + (await loadHomeAdaptationDemoCases((email) => as(admin, email)));
}
