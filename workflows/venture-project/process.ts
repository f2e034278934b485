/**
 * The 公益创投项目立项与实施 process module: the view of its documents (立项通知书 with the amount,
 * 不予立项通知书 with the reason and appeal rights, 结项评估意见书). Names start with `venture-project.`.
 */
import type { ProcessModule } from '../../engine/index.js';
import { objectOf as obj } from '../_shared/documentValues.js';

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const chineseDate = (value: unknown): string => {
  const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : '';
};

/** The 公益创投项目立项与实施 process module. */
export const processModule: ProcessModule = {
  key: 'venture-project',
  documentView: ({ data, comment }) => {
    const grant = obj(data.grant);
    const evaluation = obj(data.evaluation);
    const final = obj(data.final);
    return {
      organisationName: text(grant.organisationName),
      callTitle: text(grant.callTitle),
      projectTitle: text(grant.title),
      rank: typeof grant.rank === 'number' ? grant.rank : '',
      score: typeof grant.score === 'number' ? grant.score.toFixed(1) : '',
      amount: typeof grant.amount === 'number' ? grant.amount : 0,
      midtermDue: chineseDate(grant.midtermDue),
      finalDue: chineseDate(grant.finalDue),
      reasons: text(grant.reason) ? [text(grant.reason)] : comment ? [comment] : [],
      grade: text(evaluation.grade),
      opinion: text(evaluation.opinion),
      spent: typeof final.spent === 'number' ? final.spent : 0,
    };
  },
};
