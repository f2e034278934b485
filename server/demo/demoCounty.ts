/**
 * The demo county: 海安市 with two townships and their villages, the units beside the chain a
 * county has (县残联, 登记管理机关, one 业务主管单位, an expert pool of five), and one account per
 * kind of user.
 *
 * Codes: 海安 became a county-level city in 2018 and its GB/T 2260 code changed from 320621 (海安县)
 * to 320685; 曲塘镇 is 320685102 in the statistical division codes. 孙庄街道 (set up after the
 * published lists) gets a plausible 街道 code (0xx), and the demo villages codes in the 2xx (村) and
 * 0xx (社区) ranges that no published village uses. ID numbers issued before 2018 keep the 320621
 * prefix, as the demo household's do.
 */

/** Password of every demo account. */
export const demoPassword = 'tongban-demo';

/** A demo org unit. `key` is how accounts refer to it. */
export interface DemoOrgUnit {
  key: string;
  code: string;
  name: string;
  level: 'county' | 'township' | 'village' | 'department';
  parent?: string;
  /** For a unit beside the chain: its kind (engine/org/unitKinds.ts). */
  kind?: string;
}

/** The demo org tree, parents first. */
export const demoOrgUnits: DemoOrgUnit[] = [
  { key: 'county', code: '320685', name: '海安市', level: 'county' },
  { key: 'township-a', code: '320685102', name: '曲塘镇', level: 'township', parent: 'county' },
  { key: 'township-b', code: '320685004', name: '孙庄街道', level: 'township', parent: 'county' },
  { key: 'village-a1', code: '320685102290', name: '曲塘镇杨庄村', level: 'village', parent: 'township-a' },
  { key: 'village-a2', code: '320685102291', name: '曲塘镇双楼村', level: 'village', parent: 'township-a' },
  { key: 'village-b1', code: '320685004001', name: '孙庄街道孙庄社区', level: 'village', parent: 'township-b' },
  { key: 'village-b2', code: '320685004216', name: '孙庄街道营溪村', level: 'village', parent: 'township-b' },
  // Units beside the chain, attached to the county; coded by made-up 统一社会信用代码 with a valid check character.
  { key: 'dpf', code: '13320685MB1C00013R', name: '海安市残疾人联合会', level: 'department', parent: 'county', kind: 'disabled_persons_federation' },
  { key: 'registration', code: '11320685MB1C00021T', name: '海安市民政局社会组织管理科', level: 'department', parent: 'county', kind: 'registration_authority' },
  { key: 'education', code: '11320685MB1C00048J', name: '海安市教育体育局', level: 'department', parent: 'county', kind: 'supervisory_unit' },
  { key: 'expert-pool', code: '11320685MB1C00056D', name: '海安市公益创投评审专家库', level: 'department', parent: 'county', kind: 'expert_pool' },
  { key: 'assessor', code: '52320685MB1C000641', name: '海安市养老服务评估中心', level: 'department', parent: 'county', kind: 'assessor' },
];

/** The organisations the demo experts belong to (made-up 统一社会信用代码), for 回避 tests and demos. */
export const demoExpertAffiliations = {
  university: '12320600MB0A12345X',
  socialWorkCentre: '52320685MJ0000017E',
  accounting: '91320685MA1NKW0L3G',
  lawFirm: '31320000MD0165432L',
};

/** A demo account. */
export interface DemoAccount {
  email: string;
  name: string;
  role: 'applicant' | 'officer' | 'admin';
  orgUnit?: string;
  duties: string[];
  description: string;
  /** Pool members: the organisation they belong to (统一社会信用代码), for 回避. */
  affiliation?: string;
}

/** Every demo account (password {@link demoPassword}). */
export const demoAccounts: DemoAccount[] = [
  { email: 'admin@demo.tongban', name: '系统管理员', role: 'admin', orgUnit: 'county', duties: [], description: '管理员 administrator' },
  { email: 'county@demo.tongban', name: '海安市民政局 审核员', role: 'officer', orgUnit: 'county', duties: ['dibao_officer', 'venture_committee'], description: '县级民政 county bureau (also on the 公益创投评审委员会)' },
  { email: 'committee-1@demo.tongban', name: '公益创投评审委员 赵敏', role: 'officer', orgUnit: 'county', duties: ['venture_committee'], description: '公益创投评审委员会 committee member 1' },
  { email: 'committee-2@demo.tongban', name: '公益创投评审委员 钱磊', role: 'officer', orgUnit: 'county', duties: ['venture_committee'], description: '公益创投评审委员会 committee member 2' },
  { email: 'township-a@demo.tongban', name: '曲塘镇 社会事务办', role: 'officer', orgUnit: 'township-a', duties: ['dibao_officer'], description: '乡镇 township a (曲塘镇)' },
  { email: 'township-b@demo.tongban', name: '孙庄街道 社会事务办', role: 'officer', orgUnit: 'township-b', duties: ['dibao_officer'], description: '街道 township b (孙庄街道)' },
  { email: 'village-a1@demo.tongban', name: '杨庄村 村委会', role: 'officer', orgUnit: 'village-a1', duties: ['dibao_officer'], description: '村委会 village a1' },
  { email: 'village-a2@demo.tongban', name: '双楼村 村委会', role: 'officer', orgUnit: 'village-a2', duties: ['dibao_officer'], description: '村委会 village a2' },
  { email: 'village-b1@demo.tongban', name: '孙庄社区 居委会', role: 'officer', orgUnit: 'village-b1', duties: ['dibao_officer'], description: '居委会 village b1' },
  { email: 'applicant-a1@demo.tongban', name: '王秀英', role: 'applicant', orgUnit: 'village-a1', duties: [], description: '申请人 resident of village a1' },
  { email: 'applicant-b1@demo.tongban', name: '李建国', role: 'applicant', orgUnit: 'village-b1', duties: [], description: '申请人 resident of village b1' },
  { email: 'dpf@demo.tongban', name: '海安市残联 康复科', role: 'officer', orgUnit: 'dpf', duties: [], description: '县残联 disabled persons’ federation (sees only cases assigned to it)' },
  { email: 'registration@demo.tongban', name: '社会组织管理科 登记员', role: 'officer', orgUnit: 'registration', duties: [], description: '登记管理机关 registration authority' },
  { email: 'assessor@demo.tongban', name: '海安市养老服务评估中心 评估员', role: 'officer', orgUnit: 'assessor', duties: [], description: '第三方评估机构 third-party assessor (特困 生活自理能力评估)' },
  { email: 'education@demo.tongban', name: '海安市教育体育局 业务主管', role: 'officer', orgUnit: 'education', duties: [], description: '业务主管单位 supervisory unit' },
  { email: 'expert-1@demo.tongban', name: '周文华', role: 'officer', orgUnit: 'expert-pool', duties: [], description: '评审专家 expert 1 (drawn per case)', affiliation: demoExpertAffiliations.university },
  { email: 'expert-2@demo.tongban', name: '陈雅琴', role: 'officer', orgUnit: 'expert-pool', duties: [], description: '评审专家 expert 2', affiliation: demoExpertAffiliations.socialWorkCentre },
  { email: 'expert-3@demo.tongban', name: '吴志强', role: 'officer', orgUnit: 'expert-pool', duties: [], description: '评审专家 expert 3', affiliation: demoExpertAffiliations.accounting },
  { email: 'expert-4@demo.tongban', name: '刘海燕', role: 'officer', orgUnit: 'expert-pool', duties: [], description: '评审专家 expert 4', affiliation: demoExpertAffiliations.socialWorkCentre },
  { email: 'expert-5@demo.tongban', name: '孙立新', role: 'officer', orgUnit: 'expert-pool', duties: [], description: '评审专家 expert 5', affiliation: demoExpertAffiliations.lawFirm },
];
