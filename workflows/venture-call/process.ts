/**
 * The 公益创投 process module: ranking the recommended projects within the call's budget (effect
 * `venture-call.rankWithinBudget`, ranking.ts) and the view of the 立项名单公示. Names start with `venture-call.`.
 */
import type { JsonValue, ProcessModule } from '../../engine/index.js';
import { objectOf as obj } from '../_shared/documentValues.js';
import { rankWithinBudget, reportedProjects } from './ranking.js';

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The 公益创投 process module. */
export const processModule: ProcessModule = {
  key: 'venture-call',
  effects: {
    /** `/ranking/results` and `/ranking/fundedTotal` from the projects the applications reported, within `/call/budget`. */
    'venture-call.rankWithinBudget': ({ data }) => {
      const call = obj(data.call);
      const ranking = obj(data.ranking);
      const excluded = Array.isArray(ranking.excluded) ? ranking.excluded.filter((t): t is string => typeof t === 'string') : [];
      const { results, fundedTotal } = rankWithinBudget(reportedProjects(ranking.projects as JsonValue | undefined), typeof call.budget === 'number' ? call.budget : 0, { title: text(call.title), midtermDue: text(call.midtermDue), finalDue: text(call.finalDue) }, excluded);
      return { effects: [
        { type: 'setData', path: '/ranking/results', value: results as unknown as JsonValue },
        { type: 'setData', path: '/ranking/fundedTotal', value: fundedTotal },
      ] };
    },
  },
  documentView: ({ data }) => {
    const call = obj(data.call);
    const ranking = obj(data.ranking);
    const results = Array.isArray(ranking.results) ? ranking.results.map((r) => obj(r)) : [];
    return {
      callTitle: text(call.title),
      budget: typeof call.budget === 'number' ? call.budget : 0,
      fundedTotal: typeof ranking.fundedTotal === 'number' ? ranking.fundedTotal : 0,
      funded: results.filter((r) => r.funded === true).map((r) => ({ rank: r.rank, organisationName: text(r.organisationName), title: text(r.title), score: typeof r.score === 'number' ? r.score.toFixed(1) : '', amount: r.amount })),
    };
  },
};
