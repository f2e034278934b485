/**
 * The demo county's organisations (subjects of kind organisation), in several states of the
 * register, and the accounts that act for them. Their 统一社会信用代码 are demo values with valid
 * check characters (GB 32100: 5 = 民政, then 1 = 社会团体 or 2 = 民办非企业单位, 320685 = 海安市).
 * A body in 筹备 has its code from 名称预先核准 and applies for 成立登记 (workflows/org-registration).
 */

/** A demo organisation. `county` is the key of its county in `demoOrgUnits`, `supervisor` that of its 业务主管单位 (none for 直接登记). */
export interface DemoOrganisation {
  key: string;
  creditCode: string;
  name: string;
  orgKind: string;
  county: string;
  supervisor?: string;
  facts: Record<string, string | number | boolean | Record<string, string | number | boolean>>;
}

/** The demo organisations: registered (正常; one without 年度工作报告 for two years), in 筹备, 责令整改, 注销 and 撤销. */
export const demoOrganisations: DemoOrganisation[] = [
  {
    key: 'volunteers',
    creditCode: '51320685MJ5803Q69E',
    name: '海安市青年志愿者协会',
    orgKind: '社会团体',
    county: 'county',
    facts: {
      registered: true, registeredOn: '2016-05-18', certificateNo: '海民社登字第0168号', status: '正常', orgType: '社会团体', category: '公益慈善类',
      legalRepresentative: '陈晓雯', registeredCapital: 30000, address: '海安市中坝南路18号', certificateValidFrom: '2026-05-18', certificateValidUntil: '2031-05-17',
      // A 慈善组织 (认定 2017) with 公开募捐资格 (2019): it files 公开募捐方案 (workflows/fundraising-filing).
      charity: { recognisedOn: '2017-03-01', publicFundraising: true, publicFundraisingSince: '2019-06-01' },
    },
  },
  {
    key: 'stem',
    creditCode: '51320685MJ5804K01A',
    name: '海安市青少年科技教育促进会',
    orgKind: '社会团体',
    county: 'county',
    supervisor: 'education',
    facts: { status: '筹备', orgType: '社会团体' },
  },
  {
    key: 'eldercare',
    creditCode: '52320685MJ5805T12A',
    name: '海安市城南社区养老服务中心',
    orgKind: '民办非企业单位',
    county: 'county',
    facts: { status: '筹备', orgType: '民办非企业单位' },
  },
  {
    key: 'calligraphy',
    creditCode: '51320685MJ5806A23X',
    name: '海安市书画研究会',
    orgKind: '社会团体',
    county: 'county',
    supervisor: 'education',
    facts: {
      registered: true, registeredOn: '2012-09-10', certificateNo: '海民社登字第0097号', status: '责令整改', orgType: '社会团体', category: '文化类',
      legalRepresentative: '许鸿儒', registeredCapital: 30000, address: '海安市宁海南路2号', certificateValidFrom: '2022-09-10', certificateValidUntil: '2027-09-09',
    },
  },
  {
    key: 'tutoring',
    creditCode: '52320685MJ5807B34U',
    name: '海安市启明培训学校',
    orgKind: '民办非企业单位',
    county: 'county',
    supervisor: 'education',
    facts: {
      registered: false, registeredOn: '2015-03-02', certificateNo: '海民非登字第0042号', status: '注销', orgType: '民办非企业单位', category: '教育类',
      legalRepresentative: '吴启明', registeredCapital: 100000, address: '海安市人民中路55号', deregisteredOn: '2024-12-20',
    },
  },
  {
    key: 'dragonDance',
    creditCode: '51320685MJ5808C450',
    name: '海安市舞龙舞狮协会',
    orgKind: '社会团体',
    county: 'county',
    facts: {
      registered: false, registeredOn: '2010-06-01', certificateNo: '海民社登字第0031号', status: '撤销', orgType: '社会团体', category: '体育类',
      legalRepresentative: '钱振华', registeredCapital: 30000, address: '海安市曲塘镇振兴路6号', revokedOn: '2025-08-15',
    },
  },
  {
    key: 'weiqi',
    creditCode: '51320685MJ5810E67H',
    name: '海安市围棋协会',
    orgKind: '社会团体',
    county: 'county',
    supervisor: 'education',
    facts: {
      registered: true, registeredOn: '2018-04-12', certificateNo: '海民社登字第0121号', status: '正常', orgType: '社会团体', category: '体育类',
      legalRepresentative: '孙弈', registeredCapital: 30000, address: '海安市黄海大道东9号', certificateValidFrom: '2023-04-12', certificateValidUntil: '2028-04-11',
      purpose: '推广围棋运动，组织围棋比赛与培训。',
    },
  },
  {
    key: 'philately',
    creditCode: '51320685MJ5812G89K',
    name: '海安市集邮协会',
    orgKind: '社会团体',
    county: 'county',
    facts: {
      registered: true, registeredOn: '2009-11-03', certificateNo: '海民社登字第0022号', status: '正常', orgType: '社会团体', category: '文化类',
      legalRepresentative: '葛邮生', registeredCapital: 30000, address: '海安市邮政路1号', certificateValidFrom: '2019-11-03', certificateValidUntil: '2029-11-02',
      // No 年度工作报告 for the last two years: the next 僵尸型清理 (workflows/org-dormant-cleanup) selects it.
      annualReport: { missedYears: 2, dormant: true },
    },
  },
];

/** An account acting for a demo organisation (its legal representative or contact). */
export interface DemoOrganisationAccount {
  email: string;
  name: string;
  organisation: string;
  description: string;
}

/** The demo organisation accounts (password `tongban-demo`). */
export const demoOrganisationAccounts: DemoOrganisationAccount[] = [
  { email: 'org-volunteers@demo.tongban', name: '陈晓雯', organisation: 'volunteers', description: '组织联系人 contact of 海安市青年志愿者协会' },
  { email: 'org-stem@demo.tongban', name: '周文博', organisation: 'stem', description: '筹备组联系人 of 海安市青少年科技教育促进会 (applies for 成立登记)' },
  { email: 'org-eldercare@demo.tongban', name: '顾丽华', organisation: 'eldercare', description: '举办者 of 海安市城南社区养老服务中心 (直接登记)' },
  { email: 'org-calligraphy@demo.tongban', name: '许鸿儒', organisation: 'calligraphy', description: '法定代表人 of 海安市书画研究会 (责令整改; its 注销登记 is in 清算)' },
  { email: 'org-weiqi@demo.tongban', name: '孙弈', organisation: 'weiqi', description: '法定代表人 of 海安市围棋协会 (业务主管单位 海安市教育体育局; its 变更登记 waits for education@)' },
];
