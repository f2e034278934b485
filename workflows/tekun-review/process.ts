/**
 * The 特困 复核 process module: the care tier from a new six-item 生活自理能力评估 (《特困人员认定办法》
 * 第21、23条, with 特困's own rule in workflows/tekun/careTier.ts), whether it differs from the tier the
 * person's facts record, and the view of the notices. Found by the key `tekun-review`; every name it
 * registers starts with `tekun-review.`.
 */
import type { ProcessModule } from '../../engine/index.js';
import { careTierOf, supportAmount } from '../tekun/careTier.js';
import { objectOf } from '../_shared/documentValues.js';
import { documentView } from './documentView.js';

/** The 特困 复核 process module. */
export const processModule: ProcessModule = {
  key: 'tekun-review',
  guards: {
    /** Whether the new assessment gives another care tier than the one recorded before it. */
    'tekun-review.tierChanged': ({ data }) => careTierOf(data).tier !== objectOf(data.previous).careTier,
  },
  effects: {
    /** Sets the new tier and the monthly amount it gives (基本生活标准 + the tier's 照料护理标准) into `/assessment`. */
    'tekun-review.careTier': ({ data, parameters }) => {
      const { unable, tier } = careTierOf(data);
      const amount = supportAmount(data, parameters);
      return {
        effects: [
          { type: 'setData', path: '/assessment/unableCount', value: unable },
          { type: 'setData', path: '/assessment/careTier', value: tier },
          { type: 'setData', path: '/assessment/monthlyAmount', value: amount.total },
        ],
      };
    },
  },
  documentView,
};
