/**
 * How a 低保 case reads on its village's printable 公示 list (第十九条: 申请家庭的姓名、保障人口、拟保障金额):
 * the applicant's name masked as the 公示 document shows it, the members counted, and the township's
 * proposed amount (the computed monthly amount until one is proposed). No ID number, no phone.
 */
import type { PublicNoticeRowView } from '../../engine/index.js';
import { objectOf as obj } from '../_shared/documentValues.js';
import { householdFigures } from './householdFigures.js';

/** The 低保 公示 row. */
export const publicNoticeRow: PublicNoticeRowView = ({ data, parameters, format }) => {
  const figures = householdFigures(data, Number(parameters.standard));
  const proposed = obj(data.townshipReview).proposedAmount;
  return {
    name: format.mask(String(obj(data.applicant).name ?? ''), 'name'),
    householdSize: figures.members,
    amount: typeof proposed === 'number' ? proposed : figures.monthlyAmount,
  };
};
