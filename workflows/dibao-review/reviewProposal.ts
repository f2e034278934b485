/**
 * The outcome a 复核 proposes (《最低生活保障审核确认办法》第31–33条): the household's amount is
 * computed anew with the 低保 rule (标准 × 保障人数 − 家庭月收入) from what the township found, and
 * compared with the amount the household receives — unchanged: 维持 (第31条, no change ⇒ amount
 * unchanged); higher: 增发; lower: 减发; nothing left, or a ground that ends it (death, moving away,
 * refusing to cooperate): 停发. When income rose above the line through employment, the stop comes
 * after a 渐退期 of `gradualMonths` months (第33条).
 */
import type { JsonValue } from '../../engine/index.js';
import { householdFigures } from '../dibao/householdFigures.js';
import { objectOf } from '../_shared/documentValues.js';

/** What a 复核 proposes. */
export type ReviewChange = '维持' | '增发' | '减发' | '停发';

/** The proposal and the figures behind it. */
export interface ReviewProposal {
  change: ReviewChange;
  monthlyAmount: number;
  previousAmount: number | null;
  difference: number;
  members: number;
  householdMonthlyIncome: number;
  perCapitaIncome: number;
  standard: number;
  gradual: boolean;
  gradualMonths: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The proposal for a case's data. `previousAmount` is the household's amount as its facts hold it
 * (null when none is recorded: the computed amount is then an increase from nothing).
 */
export function reviewProposal(data: Record<string, JsonValue>, parameters: Record<string, JsonValue>, previousAmount: number | null, previousCategory: unknown): ReviewProposal {
  const standard = Number(parameters.standard) || 0;
  const single = previousCategory === '单人保';
  const applicant = { ...objectOf(data.applicant), singlePersonBasis: single } as Record<string, JsonValue>;
  const f = householdFigures({ ...data, applicant }, standard);
  const review = objectOf(data.review);
  const ground = typeof review.stopGround === 'string' && review.stopGround !== '无' ? review.stopGround : '';
  const months = Math.max(0, Math.floor(Number(parameters.gradualMonths) || 0));
  const stops = ground !== '' || f.monthlyAmount <= 0;
  const gradual = stops && ground === '' && review.employmentIncome === true && months > 0;
  const amount = stops ? 0 : f.monthlyAmount;
  let change: ReviewChange;
  if (stops) change = '停发';
  else if (previousAmount === null || amount > previousAmount + 0.005) change = '增发';
  else if (amount < previousAmount - 0.005) change = '减发';
  else change = '维持';
  return {
    change,
    monthlyAmount: change === '维持' && previousAmount !== null ? previousAmount : amount,
    previousAmount,
    difference: round2(amount - (previousAmount ?? 0)),
    members: f.members,
    householdMonthlyIncome: f.monthlyIncome,
    perCapitaIncome: f.perCapitaIncome,
    standard,
    gradual,
    gradualMonths: gradual ? months : 0,
  };
}
