/**
 * Demo 高龄津贴（尊老金）cases in different states, created through the real command routes as the
 * demo users: one confirmed by 曲塘镇 and being paid monthly, one filed by 杨庄村 waiting for the
 * township's 核实, and one back with the family for 补正 (孙庄街道). The monthly schedule then starts
 * cases by itself for registered people who turn 80.
 */
import type { RestClient } from '../start/restClient.js';

type CaseAnswer = { case: { id: string; version: number } };

/** Creates the demo 高龄津贴 cases as the demo users (`as` impersonates one); returns how many it created. */
export async function loadElderlyAllowanceDemoCases(as: (email: string) => Promise<RestClient>): Promise<number> {
  const a1 = await as('applicant-a1@demo.tongban');
  const b1 = await as('applicant-b1@demo.tongban');
  const villageA1 = await as('village-a1@demo.tongban');
  const townshipA = await as('township-a@demo.tongban');
  const townshipB = await as('township-b@demo.tongban');
  const step = async (user: RestClient, c: CaseAnswer, action: string, commandId: string, data?: Record<string, unknown>, comment?: string): Promise<CaseAnswer> =>
    user.send<CaseAnswer>('POST', `/api/tongban/cases/${c.case.id}/commands`, { action, version: c.case.version, commandId, ...(data ? { data } : {}), ...(comment ? { comment } : {}) });

  // 1. 王秀英 applies for her father 张德顺 (born 1944): confirmed by 曲塘镇 — paid monthly from next month.
  let first = await a1.send<CaseAnswer>('POST', '/api/tongban/cases', {
    workflow: 'elderly-allowance',
    commandId: 'demo-elderly-a1-open',
    data: {
      applicant: { name: '王秀英', idNumber: '320621195503120023', phone: '13912345678', address: '海安市曲塘镇杨庄村5组12号' },
      elder: { name: '张德顺', idNumber: '320621194403050019', relation: '子女', address: '海安市曲塘镇杨庄村5组12号' },
    },
  });
  await step(townshipA, first, 'confirm', 'demo-elderly-a1-confirm', { verification: { hukouLocal: true, livingStatus: '健在', method: '户籍信息比对', opinion: '户籍在本镇，老人健在' } });

  // 2. 杨庄村 files for 李桂芳 (born 1936, no account): waiting for 曲塘镇's 核实.
  await villageA1.send<CaseAnswer>('POST', '/api/tongban/cases', {
    workflow: 'elderly-allowance',
    commandId: 'demo-elderly-proxy-open',
    proxy: true,
    data: {
      applicant: { name: '李桂芳', idNumber: '320621193604100014', phone: '13962700001', address: '海安市曲塘镇杨庄村7组1号' },
      elder: { name: '李桂芳', idNumber: '320621193604100014', relation: '村（居）委会代办', address: '海安市曲塘镇杨庄村7组1号' },
    },
  });

  // 3. 李建国 applies for his mother 周秀珍 (born 1926, a centenarian): 孙庄街道 asked once for everything missing.
  first = await b1.send<CaseAnswer>('POST', '/api/tongban/cases', {
    workflow: 'elderly-allowance',
    commandId: 'demo-elderly-b1-open',
    data: {
      applicant: { name: '李建国', idNumber: '320621196207040015', phone: '13800001111', address: '海安市孙庄街道孙庄社区8幢' },
      elder: { name: '周秀珍', idNumber: '320621192601010035', relation: '子女', address: '海安市孙庄街道孙庄社区8幢' },
    },
  });
  await step(townshipB, first, 'requestCorrection', 'demo-elderly-b1-correction', { verification: { missingMaterials: ['老年人户口簿复印件', '代领人银行账户（社会保障卡）信息'] } }, '缺少户口簿和代领人账户');
  return 3;
}
