/**
 * The demo county: 海安市 with two townships and their villages, and one account per kind of user.
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
  level: 'county' | 'township' | 'village';
  parent?: string;
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
