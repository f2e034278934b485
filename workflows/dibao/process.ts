/**
 * The 低保 process module: what 低保 needs in code beside its definition — the amount rule as a
 * guard and an effect, the household's facts on its subject when confirmed, the view of its
 * documents and its row on the village's 公示 list. Found by the key `dibao`; every name it
 * registers starts with `dibao.`.
 */
import type { ProcessModule } from '../../engine/index.js';
import { documentView } from './documentView.js';
import { householdFigures } from './householdFigures.js';
import { publicNoticeRow } from './publicNoticeRow.js';

/** The 低保 process module. */
export const processModule: ProcessModule = {
  key: 'dibao',
  guards: {
    /** 家庭人均月收入低于低保标准. */
    'dibao.incomeBelowStandard': ({ data, parameters }) => householdFigures(data, Number(parameters.standard)).perCapitaIncome < Number(parameters.standard),
  },
  effects: {
    /** Computes the 低保 monthly amount into `/decision` (第8、13–14条). */
    'dibao.monthlyAmount': ({ data, parameters }) => {
      const f = householdFigures(data, Number(parameters.standard));
      return {
        effects: [
          { type: 'setData', path: '/decision/monthlyAmount', value: f.monthlyAmount },
          { type: 'setData', path: '/decision/countedMembers', value: f.members },
          { type: 'setData', path: '/decision/householdMonthlyIncome', value: f.monthlyIncome },
          { type: 'setData', path: '/decision/standard', value: Number(parameters.standard) },
        ],
      };
    },
    /**
     * The household's 低保 facts on its subject when confirmed (the date since is set beside it by
     * the built-in setSubjectFact): category (单人保 or 全户保), monthly amount, counted members and
     * status — what 两项补贴, 复核 and 终止 read.
     */
    'dibao.recipientFacts': ({ data, parameters }) => {
      const f = householdFigures(data, Number(parameters.standard));
      const single = (data.applicant as { singlePersonBasis?: boolean } | undefined)?.singlePersonBasis === true;
      return {
        effects: [
          { type: 'setSubjectFact', fact: 'dibao.category', value: single ? '单人保' : '全户保' },
          { type: 'setSubjectFact', fact: 'dibao.monthlyAmount', value: f.monthlyAmount },
          { type: 'setSubjectFact', fact: 'dibao.members', value: f.members },
          { type: 'setSubjectFact', fact: 'dibao.status', value: '在保' },
        ],
      };
    },
  },
  documentView,
  publicNoticeRow,
  registerProgramme: { label: '低保', fact: 'dibao', status: '在保' },
};
