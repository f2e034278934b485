/**
 * The demo county's organisations (subjects of kind organisation) and the accounts that act for
 * them. 海安市青年志愿者协会 is a 社会团体 registered with 海安市民政局; its 统一社会信用代码 is a demo
 * value with valid check characters (GB 32100: 5 = 民政, 1 = 社会团体, 320685 = 海安市).
 */

/** A demo organisation. `county` is the key of its county in `demoOrgUnits`. */
export interface DemoOrganisation {
  key: string;
  creditCode: string;
  name: string;
  orgKind: string;
  county: string;
  facts: Record<string, string | number | boolean>;
}

/** The demo organisations. */
export const demoOrganisations: DemoOrganisation[] = [
  {
    key: 'volunteers',
    creditCode: '51320685MJ5803Q69E',
    name: '海安市青年志愿者协会',
    orgKind: '社会团体',
    county: 'county',
    facts: { registered: true, registeredOn: '2016-05-18', certificateNo: '海民社登字第0168号', status: '正常' },
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
];
