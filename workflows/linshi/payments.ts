/**
 * The money of a 临时救助 case: what was approved, what was paid first (先行救助) and what has been
 * paid in instalments since. Amounts are counted in fen so that 0.1 + 0.2 yuan adds up exactly.
 */
import type { JsonValue } from '../../engine/index.js';
import { objectOf } from '../_shared/documentValues.js';

/** The amounts of a case, in yuan. */
export interface ReliefPayments {
  /** The amount approved (审批金额), including what was paid first; 0 while nothing is approved. */
  approved: number;
  /** The amount paid first (先行救助), 0 when there was none. */
  paidFirst: number;
  /** The instalments recorded since the approval, in yuan; invalid entries are `NaN`. */
  instalments: number[];
  /** Everything paid so far: the 先行救助 plus the instalments. */
  paid: number;
}

const fen = (yuan: number): number => Math.round(yuan * 100);
const amountOf = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** Reads the approved amount, the 先行救助 and the instalments of a case's data. */
export function reliefPayments(data: Record<string, JsonValue>): ReliefPayments {
  const approved = amountOf(objectOf(data.approval).amount);
  const paidFirst = amountOf(objectOf(data.emergencyAid).amount);
  const list = objectOf(data.payment).instalments;
  const instalments = (Array.isArray(list) ? list : []).map((entry) => {
    const amount = objectOf(entry).amount;
    return typeof amount === 'number' && Number.isFinite(amount) && amount > 0 ? amount : Number.NaN;
  });
  const paid = (fen(paidFirst) + instalments.reduce((sum, a) => sum + (Number.isNaN(a) ? 0 : fen(a)), 0)) / 100;
  return { approved, paidFirst, instalments, paid };
}

/** Every instalment recorded is a positive amount and, with the 先行救助, they do not exceed the approved amount. */
export function paymentsWithinGrant(p: ReliefPayments): boolean {
  return p.approved > 0 && p.instalments.every((a) => !Number.isNaN(a)) && fen(p.paid) <= fen(p.approved);
}

/** The 先行救助 and the instalments add up to the approved amount exactly (to the fen). */
export function paidInFull(p: ReliefPayments): boolean {
  return p.approved > 0 && p.instalments.every((a) => !Number.isNaN(a)) && fen(p.paid) === fen(p.approved);
}
