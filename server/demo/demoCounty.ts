/**
 * The demo county: 海安市 with two townships and their villages, and one account per kind of user.
 * Codes follow GB/T 2260 (county, 6 digits) and the statistical 12-digit village codes; they are
 * plausible demo values, not an authoritative list.
 */

/** Password of every demo account. */
export const demoPassword = 'tongban-demo';

/** A demo org unit. `key` is how accounts refer to it. */
export interface DemoOrgUnit {
  key: string;
  code: string;
  name: string;
  level: 'county' | 'township' | 'village';
  parent?: string;
}

/** The demo org tree, parents first. */
export const demoOrgUnits: DemoOrgUnit[] = [
  { key: 'county', code: '320621', name: '海安市', level: 'county' },
  { key: 'township-a', code: '320621104', name: '曲塘镇', level: 'township', parent: 'county' },
  { key: 'township-b', code: '320621003', name: '孙庄街道', level: 'township', parent: 'county' },
  { key: 'village-a1', code: '320621104201', name: '曲塘镇杨庄村', level: 'village', parent: 'township-a' },
  { key: 'village-a2', code: '320621104202', name: '曲塘镇双楼村', level: 'village', parent: 'township-a' },
  { key: 'village-b1', code: '320621003201', name: '孙庄街道孙庄社区', level: 'village', parent: 'township-b' },
  { key: 'village-b2', code: '320621003202', name: '孙庄街道营西村', level: 'village', parent: 'township-b' },
];

/** A demo account. */
export interface DemoAccount {
  email: string;
  name: string;
  role: 'applicant' | 'officer' | 'admin';
  orgUnit?: string;
  duties: string[];
  description: string;
}

/** Every demo account (password {@link demoPassword}). */
export const demoAccounts: DemoAccount[] = [
  { email: 'admin@demo.tongban', name: '系统管理员', role: 'admin', orgUnit: 'county', duties: [], description: '管理员 administrator' },
  { email: 'county@demo.tongban', name: '海安市民政局 审核员', role: 'officer', orgUnit: 'county', duties: ['dibao_officer'], description: '县级民政 county bureau' },
  { email: 'township-a@demo.tongban', name: '曲塘镇 社会事务办', role: 'officer', orgUnit: 'township-a', duties: ['dibao_officer'], description: '乡镇 township a (曲塘镇)' },
  { email: 'township-b@demo.tongban', name: '孙庄街道 社会事务办', role: 'officer', orgUnit: 'township-b', duties: ['dibao_officer'], description: '街道 township b (孙庄街道)' },
  { email: 'village-a1@demo.tongban', name: '杨庄村 村委会', role: 'officer', orgUnit: 'village-a1', duties: ['dibao_officer'], description: '村委会 village a1' },
  { email: 'village-a2@demo.tongban', name: '双楼村 村委会', role: 'officer', orgUnit: 'village-a2', duties: ['dibao_officer'], description: '村委会 village a2' },
  { email: 'village-b1@demo.tongban', name: '孙庄社区 居委会', role: 'officer', orgUnit: 'village-b1', duties: ['dibao_officer'], description: '居委会 village b1' },
  { email: 'applicant-a1@demo.tongban', name: '王秀英', role: 'applicant', orgUnit: 'village-a1', duties: [], description: '申请人 resident of village a1' },
  { email: 'applicant-b1@demo.tongban', name: '李建国', role: 'applicant', orgUnit: 'village-b1', duties: [], description: '申请人 resident of village b1' },
];
