/**
 * The 特困 process module: the care tier from the six-item 生活自理能力评估 (第21条), the monthly
 * amount (基本生活标准 plus the tier's 照料护理标准), the person's facts on the subject when recognised,
 * and the view of its documents. Found by the key `tekun`; every name it registers starts with `tekun.`.
 */
import type { ProcessModule } from '../../engine/index.js';
import { careTierOf, supportAmount } from './careTier.js';
import { documentView } from './documentView.js';

/** The 特困 process module. */
export const processModule: ProcessModule = {
  key: 'tekun',
  effects: {
    /**
     * Counts the items the person cannot do and sets the care tier into `/assessment`, with the
     * amounts it gives into `/decision` (what 公示 and the county's review show, and the recognition
     * records).
     */
    'tekun.careTier': ({ data, parameters }) => {
      const { unable, tier } = careTierOf(data);
      const a = supportAmount({ ...data, assessment: { ...(data.assessment as object), careTier: tier } }, parameters);
      return {
        effects: [
          { type: 'setData', path: '/assessment/unableCount', value: unable },
          { type: 'setData', path: '/assessment/careTier', value: tier },
          { type: 'setData', path: '/decision/careTier', value: a.tier },
          { type: 'setData', path: '/decision/basicAmount', value: a.basic },
          { type: 'setData', path: '/decision/careAmount', value: a.care },
          { type: 'setData', path: '/decision/monthlyAmount', value: a.total },
        ],
      };
    },
    /** The monthly amount into `/decision`: 基本生活费 + 照料护理费 of the care tier. */
    'tekun.supportAmount': ({ data, parameters }) => {
      const a = supportAmount(data, parameters);
      return {
        effects: [
          { type: 'setData', path: '/decision/careTier', value: a.tier },
          { type: 'setData', path: '/decision/basicAmount', value: a.basic },
          { type: 'setData', path: '/decision/careAmount', value: a.care },
          { type: 'setData', path: '/decision/monthlyAmount', value: a.total },
        ],
      };
    },
    /** The person's 特困 facts on the subject (the date since is set beside it): care tier, amount, status. */
    'tekun.recipientFacts': ({ data, parameters }) => {
      const a = supportAmount(data, parameters);
      return {
        effects: [
          { type: 'setSubjectFact', fact: 'tekun.careTier', value: a.tier },
          { type: 'setSubjectFact', fact: 'tekun.monthlyAmount', value: a.total },
          { type: 'setSubjectFact', fact: 'tekun.status', value: '在册' },
        ],
      };
    },
  },
  documentView,
  registerProgramme: { label: '特困', fact: 'tekun', status: '在册' },
};
