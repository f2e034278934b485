/**
 * The 低保 复核 process module: the outcome a review proposes from the household as the township
 * found it, against the amount its facts record (reviewProposal.ts), and the view of its notices.
 * Found by the key `dibao-review`; every name it registers starts with `dibao-review.`.
 */
import type { JsonValue, ProcessModule } from '../../engine/index.js';
import { objectOf } from '../_shared/documentValues.js';
import { documentView } from './documentView.js';
import { reviewProposal } from './reviewProposal.js';

/** The household's current amount: the fact the command carries, else what the case data recorded. */
function previousOf(data: Record<string, JsonValue>, facts: Record<string, JsonValue> | undefined): { amount: number | null; category: unknown } {
  const fromFacts = objectOf(objectOf(facts).dibao);
  const recorded = objectOf(data.previous);
  const amount = typeof fromFacts.monthlyAmount === 'number' ? fromFacts.monthlyAmount : typeof recorded.monthlyAmount === 'number' ? recorded.monthlyAmount : null;
  return { amount, category: fromFacts.category ?? recorded.category };
}

/** The 低保 复核 process module. */
export const processModule: ProcessModule = {
  key: 'dibao-review',
  guards: {
    /**
     * Whether the review proposes 停发 — a ground that ends the 低保, or no amount left — read by the
     * routes of the very action whose effect records the proposal (routes see the data sent, not what
     * effects set).
     */
    'dibao-review.proposesStop': ({ data, parameters }) => reviewProposal(data, parameters, null, objectOf(data.previous).category).change === '停发',
  },
  effects: {
    /** Sets `/proposal`: 维持 / 增发 / 减发 / 停发, the new amount, the figures, and whether a 渐退期 applies. */
    'dibao-review.proposal': ({ data, parameters, subjectFacts }) => {
      const previous = previousOf(data, subjectFacts);
      const p = reviewProposal(data, parameters, previous.amount, previous.category);
      return { effects: Object.entries(p).map(([key, value]) => ({ type: 'setData' as const, path: `/proposal/${key}`, value })) };
    },
  },
  documentView,
};
