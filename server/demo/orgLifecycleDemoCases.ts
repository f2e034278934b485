/**
 * Demo 变更登记 and 注销登记 cases (workflows/org-change, workflows/org-deregistration), created
 * through the real command routes as the organisations' accounts: 海安市围棋协会 (org-weiqi@) asks to
 * change its address and 业务范围, waiting for its 业务主管单位's review (education@); 海安市书画研究会
 * (org-calligraphy@) has resolved to dissolve and is in its 清算. The yearly 年检 and the 僵尸型清理
 * need no demo cases: their schedules open them at the first sweep after start (海安市集邮协会, two
 * years without a report, gets a 责令整改 case for registration@).
 */
import type { RestClient } from '../start/restClient.js';

type CaseAnswer = { case: { id: string; version: number } };

/** Creates the two demo cases; returns how many it created. */
export async function loadOrgLifecycleDemoCases(as: (email: string) => Promise<RestClient>, admin: RestClient): Promise<number> {
  const education = await admin.findFirst('org_units', 'kind = "supervisory_unit"');
  if (!education) return 0;
  const weiqi = await as('org-weiqi@demo.tongban');
  const change = await weiqi.send<CaseAnswer>('POST', '/api/tongban/cases', {
    workflow: 'org-change',
    commandId: 'demo-weiqi-change-open',
    data: {
      organisation: { orgType: '社会团体', name: '海安市围棋协会', creditCode: '51320685MJ5810E67H', category: '体育类', supervisorUnit: education.id },
      change: { address: '海安市黄海大道西28号', purpose: '推广围棋、象棋等棋类运动，组织棋类比赛、培训与交流。', reason: '会员大会决定扩大业务范围；原办公场所租期届满迁址。', resolutionDate: '2026-10-18' },
    },
  });
  await weiqi.send('POST', `/api/tongban/cases/${change.case.id}/commands`, { action: 'submit', version: change.case.version, commandId: 'demo-weiqi-change-submit' });

  const calligraphy = await as('org-calligraphy@demo.tongban');
  const dissolution = await calligraphy.send<CaseAnswer>('POST', '/api/tongban/cases', {
    workflow: 'org-deregistration',
    commandId: 'demo-calligraphy-deregistration-open',
    data: {
      organisation: { orgType: '社会团体', name: '海安市书画研究会', creditCode: '51320685MJ5806A23X', category: '文化类', supervisorUnit: education.id, legalRepresentative: '许鸿儒' },
      dissolution: { reason: '自行解散', details: '会员大会决定本会并入市文学艺术界联合会下属书画协会，自行解散。', resolutionDate: '2026-11-08' },
    },
  });
  const resolved = await calligraphy.send<CaseAnswer>('POST', `/api/tongban/cases/${dissolution.case.id}/commands`, { action: 'submit', version: dissolution.case.version, commandId: 'demo-calligraphy-deregistration-submit' });
  // The 清算组 is formed; its report is not yet filed.
  await calligraphy.send('POST', `/api/tongban/cases/${dissolution.case.id}/commands`, {
    action: 'save', version: resolved.case.version, commandId: 'demo-calligraphy-liquidation-save',
    data: { liquidation: { leader: '许鸿儒', members: ['周墨林', '陈砚秋'], startedOn: '2026-11-10' } },
  });
  return 2;
}
