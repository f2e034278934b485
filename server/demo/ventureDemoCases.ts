/**
 * The demo 公益创投 (workflows/venture-call), created through the real command routes: county@ opens
 * the 2027 call with a budget and the three demo organisations' registrations; 海安市青年志愿者协会
 * (org-volunteers@) has applied and passed 资格审查, so three experts drawn from the pool (expert-1..5@)
 * are scoring it; 海安市城南社区养老服务中心 (org-eldercare@) is filling in its application; and
 * 海安市青少年科技教育促进会 (org-stem@) has applied and waits for registration@'s 资格审查.
 */
import type { RestClient } from '../start/restClient.js';

type CaseAnswer = { case: { id: string; version: number } };

/** The demo call: 150,000 元, at most 100,000 per project, the three demo organisations registered. */
export const demoVentureCall = {
  title: '2027年度海安市公益创投', budget: 150000, maxGrant: 100000, applyBy: '2027-03-31', midtermDue: '2027-11-30', finalDue: '2028-05-31',
  applicants: [
    { creditCode: '51320685MJ5803Q69E', name: '海安市青年志愿者协会' },
    { creditCode: '51320685MJ5804K01A', name: '海安市青少年科技教育促进会' },
    { creditCode: '52320685MJ5805T12A', name: '海安市城南社区养老服务中心' },
  ],
};

/** A project plan and budget of `title` asking for `requested`. */
export function demoVentureProject(title: string, requested: number, field = '为老服务') {
  return {
    title, field, summary: `${title}：面向本市困难群体的公益服务项目。`, beneficiaries: '本市困难群众约100名',
    plan: '第一季度招募培训志愿者；第二至四季度按计划开展服务并建立服务档案；年终总结评估。',
    totalBudget: requested + 20000, requested,
    budgetItems: [{ item: '志愿者培训', amount: 20000 }, { item: '服务物资', amount: requested - 10000 }, { item: '项目管理', amount: 10000 }],
  };
}

/** Creates the demo call and its applications in several states; returns how many cases it created. */
export async function loadVentureDemoCases(as: (email: string) => Promise<RestClient>, admin: RestClient): Promise<number> {
  const county = await as('county@demo.tongban');
  const opened = await county.send<CaseAnswer>('POST', '/api/tongban/cases', { workflow: 'venture-call', commandId: 'demo-venture-open', data: { call: demoVentureCall } });
  await county.send('POST', `/api/tongban/cases/${opened.case.id}/commands`, { action: 'publish', version: opened.case.version, commandId: 'demo-venture-publish' });
  const applications = (await admin.send<{ items: { id: string; version: number; subject: string }[] }>('GET', `/api/collections/applications/records?filter=${encodeURIComponent(`parent = "${opened.case.id}"`)}&sort=case_no`)).items;
  const registration = await as('registration@demo.tongban');
  const byOrg = async (email: string, index: number, title: string, requested: number, key: string, qualify: boolean) => {
    const org = await as(email);
    const application = applications[index]!;
    const submitted = await org.send<CaseAnswer>('POST', `/api/tongban/cases/${application.id}/commands`, { action: 'submit', version: application.version, commandId: `demo-venture-${key}-submit`, data: { project: demoVentureProject(title, requested) } });
    if (qualify) await registration.send('POST', `/api/tongban/cases/${application.id}/commands`, { action: 'pass', version: submitted.case.version, commandId: `demo-venture-${key}-pass`, data: { qualification: { opinion: '符合申报条件。' } } });
  };
  await byOrg('org-volunteers@demo.tongban', 0, '“银龄伙伴”独居老人探访', 80000, 'volunteers', true);
  await byOrg('org-stem@demo.tongban', 1, '乡村少年科学营', 60000, 'stem', false);
  return 1 + applications.length;
}
