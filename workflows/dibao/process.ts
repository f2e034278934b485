/**
 * The 低保 process module: what 低保 needs in code beside its definition — the amount rule as a
 * guard and an effect, and the view of its documents. Found by the key `dibao`; every name it
 * registers starts with `dibao.`.
 */
import type { ProcessModule } from '../../engine/index.js';
import { documentView } from './documentView.js';
import { householdFigures } from './householdFigures.js';

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
  },
  documentView,
};
