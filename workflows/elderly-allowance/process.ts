/**
 * The 高龄津贴（尊老金）process module: the tier and amount on the township's confirmation, each
 * month's payment by the tier of that month (an elder turning 90 is paid the 90+ amount from then
 * on), and the view of its documents. Found by the key `elderly-allowance`; every name it registers
 * starts with `elderly-allowance.`.
 */
import type { Effect, JsonValue, ProcessModule } from '../../engine/index.js';
import { allowanceTier, birthDateOf, chinaDateOf } from './allowanceTier.js';
import { documentView } from './documentView.js';
import { objectOf as obj } from '../_shared/documentValues.js';

/** The first day of the month after `date` (YYYY-MM-DD). */
function firstOfNextMonth(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** Payments kept on the case: fifty years of months. */
const maxPayments = 600;

/** The 高龄津贴 process module. */
export const processModule: ProcessModule = {
  key: 'elderly-allowance',
  effects: {
    /** The township's confirmation: age, tier, monthly amount and the first month paid (the month after) into `/decision`. */
    'elderly-allowance.decision': ({ data, parameters, now }) => {
      const elder = obj(data.elder);
      const birth = birthDateOf(elder.idNumber, elder.birthDate);
      if (!now || !birth) return { effects: [] };
      const today = chinaDateOf(now);
      const tier = allowanceTier(birth, today, parameters);
      if (!tier) return { effects: [] };
      return {
        effects: [
          { type: 'setData', path: '/decision/age', value: tier.age },
          { type: 'setData', path: '/decision/tier', value: tier.name },
          { type: 'setData', path: '/decision/monthlyAmount', value: tier.monthlyAmount },
          { type: 'setData', path: '/decision/payFrom', value: firstOfNextMonth(today) },
        ],
      };
    },
    /**
     * A month of payment: on every entry of the paying step from the month payment starts, the
     * month's line (month, tier, amount by the elder's age that day) is added to `/payment/months`;
     * the subject's facts say the allowance is paid, at which tier and amount.
     */
    'elderly-allowance.monthlyPayment': ({ data, parameters, now }) => {
      const elder = obj(data.elder);
      const birth = birthDateOf(elder.idNumber, elder.birthDate);
      if (!now || !birth) return { effects: [] };
      const today = chinaDateOf(now);
      const tier = allowanceTier(birth, today, parameters);
      const payFrom = String(obj(data.decision).payFrom ?? '');
      const effects: Effect[] = [{ type: 'setSubjectFact', fact: 'elderlyAllowance.status', value: '发放中' }];
      if (tier) {
        effects.push({ type: 'setSubjectFact', fact: 'elderlyAllowance.tier', value: tier.name }, { type: 'setSubjectFact', fact: 'elderlyAllowance.monthlyAmount', value: tier.monthlyAmount });
        if (payFrom !== '' && today.slice(0, 7) >= payFrom.slice(0, 7)) {
          const months = Array.isArray(obj(data.payment).months) ? (obj(data.payment).months as JsonValue[]) : [];
          const line: JsonValue = { month: today.slice(0, 7), tier: tier.name, amount: tier.monthlyAmount };
          effects.push({ type: 'setData', path: '/payment/months', value: [...months, line].slice(-maxPayments) });
        }
      }
      return { effects };
    },
  },
  documentView,
  registerProgramme: { label: '高龄津贴', fact: 'elderlyAllowance', status: '发放中' },
};
