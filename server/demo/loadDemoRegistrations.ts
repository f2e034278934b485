/**
 * Demo 成立登记 cases (workflows/org-registration), created through the real command routes as the
 * organisations' accounts and the officers: 海安市青少年科技教育促进会 waiting for its 业务主管单位's
 * 前置审查 (education@), and 海安市城南社区养老服务中心 (直接登记) accepted and waiting for the
 * 登记管理机关's decision (registration@).
 */
import type { RestClient } from '../start/restClient.js';

type CaseAnswer = { case: { id: string; version: number } };

/** A 社会团体 that needs its 业务主管单位's consent; `supervisorUnit` is the unit's record id. */
export function demoSocietyApplication(supervisorUnit: string) {
  return {
    organisation: {
      orgType: '社会团体', name: '海安市青少年科技教育促进会', creditCode: '51320685MJ5804K01A', category: '教育类', supervisorUnit,
      legalRepresentative: '周文博', registeredCapital: 50000, address: '海安市长江中路88号', purpose: '普及青少年科学技术知识，组织中小学生科技教育与竞赛活动。',
    },
    members: { individual: 68, unit: 5 },
  };
}

/** A 民办非企业单位 of the 城乡社区服务类, registered directly. */
export const demoCentreApplication = {
  organisation: {
    orgType: '民办非企业单位', name: '海安市城南社区养老服务中心', creditCode: '52320685MJ5805T12A', category: '城乡社区服务类',
    legalRepresentative: '顾丽华', registeredCapital: 100000, address: '海安市城南街道南苑路16号', purpose: '为社区老年人提供日间照料、助餐与康复服务。',
  },
  // A 民办非企业单位 has 举办者, not members: the section is present and empty.
  members: {},
};

/** Creates the two demo registrations; returns how many cases it created. */
export async function loadDemoRegistrations(admin: RestClient): Promise<number> {
  const education = await admin.findFirst('org_units', 'kind = "supervisory_unit"');
  if (!education) return 0;
  const stem = await admin.impersonate('org-stem@demo.tongban');
  const society = await stem.send<CaseAnswer>('POST', '/api/tongban/cases', { workflow: 'org-registration', commandId: 'demo-stem-open', data: demoSocietyApplication(education.id) });
  await stem.send('POST', `/api/tongban/cases/${society.case.id}/commands`, { action: 'submit', version: society.case.version, commandId: 'demo-stem-submit' });

  const eldercare = await admin.impersonate('org-eldercare@demo.tongban');
  const centre = await eldercare.send<CaseAnswer>('POST', '/api/tongban/cases', { workflow: 'org-registration', commandId: 'demo-eldercare-open', data: demoCentreApplication });
  const submitted = await eldercare.send<CaseAnswer>('POST', `/api/tongban/cases/${centre.case.id}/commands`, { action: 'submit', version: centre.case.version, commandId: 'demo-eldercare-submit' });
  const registration = await admin.impersonate('registration@demo.tongban');
  await registration.send('POST', `/api/tongban/cases/${centre.case.id}/commands`, { action: 'accept', version: submitted.case.version, commandId: 'demo-eldercare-accept' });
  return 2;
}
