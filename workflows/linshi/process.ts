/**
 * The 临时救助 process module: what its definition cannot say as data — whether the local rule has a
 * 公示, whether a payment stays within the approved amount and whether the approved amount is paid
 * in full (先行救助 plus instalments, workflows/linshi/payments.ts), the milestone of the first
 * instalment, and the view of its documents.
 * Found by the key `linshi`; every name it registers starts with `linshi.`.
 */
import type { ProcessModule } from '../../engine/index.js';
import { documentView } from './documentView.js';
import { paidInFull, paymentsWithinGrant, reliefPayments } from './payments.js';

/** The 临时救助 process module. */
export const processModule: ProcessModule = {
  key: 'linshi',
  guards: {
    /** The local rule has no 公示 for 临时救助 (parameter `publicNoticeRequired` is false). */
    'linshi.noPublicNotice': ({ parameters }) => parameters.publicNoticeRequired === false,
    /** The instalments recorded, with the 先行救助, stay within the approved amount (分次发放). */
    'linshi.paymentWithinGrant': ({ data }) => paymentsWithinGrant(reliefPayments(data)),
    /** The 先行救助 and the instalments add up to the approved amount. */
    'linshi.paidInFull': ({ data }) => paidInFull(reliefPayments(data)),
  },
  effects: {
    /** 分次发放 has begun once an instalment is recorded: the milestone `paymentStarted`. */
    'linshi.paymentMilestones': ({ data }) => ({ effects: reliefPayments(data).instalments.length > 0 ? [{ type: 'reachMilestone', milestone: 'paymentStarted' }] : [] }),
  },
  documentView,
};
