/**
 * The 低保边缘家庭认定 process module: the household test at a factor of the 低保 standard as a
 * guard, the figures on the decision as an effect (no cash amount: a recognition), and the view of
 * its documents. Found by the key `dibao-edge`; every name it registers starts with `dibao-edge.`.
 */
import type { ProcessModule } from '../../engine/index.js';
import { documentView } from './documentView.js';
import { edgeFigures } from './edgeTest.js';

/** The 低保边缘家庭认定 process module. */
export const processModule: ProcessModule = {
  key: 'dibao-edge',
  guards: {
    /** 家庭人均月收入不低于低保标准、低于低保标准 × 低保边缘倍数. */
    'dibao-edge.withinEdge': ({ data, parameters }) => edgeFigures(data, Number(parameters.standard), Number(parameters.edgeFactor)).withinEdge,
  },
  effects: {
    /** The figures of the test into `/decision`: the standard, the factor and line, members, income. */
    'dibao-edge.edgeFigures': ({ data, parameters }) => {
      const f = edgeFigures(data, Number(parameters.standard), Number(parameters.edgeFactor));
      return {
        effects: [
          { type: 'setData', path: '/decision/standard', value: f.standard },
          { type: 'setData', path: '/decision/edgeFactor', value: f.edgeFactor },
          { type: 'setData', path: '/decision/edgeLine', value: f.edgeLine },
          { type: 'setData', path: '/decision/countedMembers', value: f.members },
          { type: 'setData', path: '/decision/householdMonthlyIncome', value: f.monthlyIncome },
          { type: 'setData', path: '/decision/perCapitaIncome', value: f.perCapitaIncome },
        ],
      };
    },
    /**
     * The recognised household's facts on its subject (the date since is set beside it by the
     * built-in setSubjectFact): members counted, income per member and status — what 专项救助 and a
     * later 低保 application read.
     */
    'dibao-edge.householdFacts': ({ data, parameters }) => {
      const f = edgeFigures(data, Number(parameters.standard), Number(parameters.edgeFactor));
      return {
        effects: [
          { type: 'setSubjectFact', fact: 'dibaoEdge.members', value: f.members },
          { type: 'setSubjectFact', fact: 'dibaoEdge.perCapitaIncome', value: f.perCapitaIncome },
          { type: 'setSubjectFact', fact: 'dibaoEdge.status', value: '已认定' },
        ],
      };
    },
  },
  documentView,
  registerProgramme: { label: '低保边缘', fact: 'dibaoEdge', status: '已认定' },
};
