/**
 * Demo 公开募捐方案备案 cases (workflows/fundraising-filing), created through the real command routes
 * as 海安市青年志愿者协会 (org-volunteers@, a 慈善组织 with 公开募捐资格) and the 登记管理机关
 * (registration@): one filed and published, its organisation now owing quarterly disclosures; one
 * waiting for the 登记管理机关; one returned for 补齐 within 5 日.
 */
import type { RestClient } from '../start/restClient.js';

type CaseAnswer = { case: { id: string; version: number } };

/** The China date `days` days after `from`, `YYYY-MM-DD`. */
function chinaDay(from: Date, days: number): string {
  return new Date(from.getTime() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** The day before the same date a year later: a 12-month campaign's last day. */
function yearLater(start: string): string {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** A 12-month 公开募捐方案 (first filing) of `name`; by default the demo charity's, from 2026-10-01. */
export function demoFundraisingPlan(name = '海安市青年志愿者协会', creditCode = '51320685MJ5803Q69E', startDate = '2026-10-01', title = '“暖冬助学”困难学生资助募捐') {
  return {
    organisation: { name, creditCode, contact: '陈晓雯', phone: '0513-88881234' },
    filing: { kind: '首次备案' },
    campaign: {
      title, purpose: '资助本市家庭经济困难的中小学生购置冬衣和学习用品。', emergency: false, startDate, endDate: yearLater(startDate),
      area: '海安市行政区域内', method: '设置募捐箱', personInCharge: '陈晓雯', bankAccount: '江苏海安农村商业银行 3206 2100 0012 3456 789', target: 300000,
      beneficiaries: '本市家庭经济困难的中小学生约300名', use: '按每生1000元标准发放助学物资', cost: '募捐箱制作与宣传费用，不超过募得款物的5%', leftover: '用于目的相近的助学项目并向社会公开',
      partners: '海安市各中小学校',
    },
  };
}

/** Creates the three demo filings (campaigns starting 20–40 days from now); returns how many cases it created. */
export async function loadFundraisingDemoCases(as: (email: string) => Promise<RestClient>, now = new Date()): Promise<number> {
  const org = await as('org-volunteers@demo.tongban');
  const registration = await as('registration@demo.tongban');
  const file = async (key: string, startIn: number, title: string) => {
    const opened = await org.send<CaseAnswer>('POST', '/api/tongban/cases', { workflow: 'fundraising-filing', commandId: `demo-fundraising-${key}-open`, data: demoFundraisingPlan(undefined, undefined, chinaDay(now, startIn), title) });
    return org.send<CaseAnswer>('POST', `/api/tongban/cases/${opened.case.id}/commands`, { action: 'submit', version: opened.case.version, commandId: `demo-fundraising-${key}-submit` });
  };
  // 1. Filed and published: the organisation now has its disclosure tasks.
  const published = await file('published', 20, '“暖冬助学”困难学生资助募捐');
  await registration.send('POST', `/api/tongban/cases/${published.case.id}/commands`, { action: 'accept', version: published.case.version, commandId: 'demo-fundraising-published-accept', data: { review: { recordNo: '海民募备〔2026〕7号' } } });
  // 2. Waiting for the 登记管理机关 (within 10 日).
  await file('waiting', 30, '“银龄助餐”社区老人助餐募捐');
  // 3. Returned: the organisation must complete it (or withdraw) within 5 日.
  const returned = await file('returned', 40, '“书香童年”乡村儿童阅读募捐');
  await registration.send('POST', `/api/tongban/cases/${returned.case.id}/commands`, {
    action: 'requestCompletion', version: returned.case.version, commandId: 'demo-fundraising-returned-return', returnTo: 'supplement', comment: '材料不齐，请补齐。',
    data: { review: { missing: ['募捐负责人的身份证明', '募捐箱设置地点清单'] } },
  });
  return 3;
}
