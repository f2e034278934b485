/**
 * Sample 低保 case data for the form tests: a three-person household as an applicant files it,
 * and the sections the officers add along the way.
 */

/** An application as the applicant submits it. */
export const sampleApplication = {
  applicant: {
    name: '王秀英',
    idNumber: '320621195503120023',
    phone: '13912345678',
    hukouRegion: '320621104',
    address: '海安市曲塘镇杨庄村5组12号',
    bankAccount: '6222021234567890128',
    singlePersonBasis: false,
  },
  household: {
    members: [
      { name: '王秀英', idNumber: '320621195503120023', relation: '本人', health: '慢性病', employment: '退休' },
      { name: '张明', idNumber: '320621198001150015', relation: '子女', disabilityGrade: '二级', employment: '无劳动能力' },
      { name: '欧阳·娜', idNumber: '11010519491231002X', relation: '其他', health: '健康' },
    ],
  },
  income: { wages: 600, transfer: 200, property: 50, deductions: 100, deductionNotes: '张明透析自付费用', excludedNotes: '高龄津贴 100 元/月' },
  assets: { deposits: 3000, vehicles: 0, realEstate: 1, housing: '自有住房一处，砖混结构' },
};

/** The officers' sections of the same case at 审核确认. */
export const sampleOfficerSections = {
  acceptance: { complete: true, relativeFiling: false },
  investigation: { investigators: ['赵村干', '钱社工'], date: '2026-03-04', mode: '入户', findings: '家中无劳动力，情况属实' },
  verification: { sources: [{ source: '车辆', result: '无记录' }, { source: '银行存款', result: '一致' }], result: '一致' },
  townshipReview: { opinion: '符合条件', proposedAmount: 2250 },
  publicNotice: { period: '2026-03-10/2026-03-16', objections: [] },
  countyReview: { decision: '确认', opinion: '同意' },
};
