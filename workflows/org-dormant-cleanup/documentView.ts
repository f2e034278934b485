/**
 * What the 僵尸型清理 documents (责令整改通知书, 整改验收通知书, 撤销登记事先告知书, 撤销登记决定书,
 * 撤销登记公告 in `templates/org-dormant-cleanup/`) show of a case, beside the host's base view.
 */
import type { DocumentView } from '../../engine/index.js';
import { objectOf as obj } from '../_shared/documentValues.js';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The 僵尸型清理 document view: the organisation, the years it missed, the order, the statement, the reasons. */
export const documentView: DocumentView = ({ data, comment, parameters }) => {
  const organisation = obj(data.organisation);
  const order = obj(data.order);
  const decision = obj(data.decision);
  const statement = text(obj(data.statement).text);
  const reasons = text(decision.reasons) || comment || '';
  return {
    organisation: { name: organisation.name ?? '', creditCode: organisation.creditCode ?? '', orgType: organisation.orgType ?? '' },
    missedYears: typeof organisation.missedYears === 'number' ? organisation.missedYears : '',
    problems: text(order.problems),
    requirements: text(order.requirements),
    rectifyDays: typeof parameters.rectifyDays === 'number' ? parameters.rectifyDays : '',
    statementDays: typeof parameters.statementDays === 'number' ? parameters.statementDays : '',
    statement: statement || '未在期限内提出陈述、申辩。',
    reasons,
  };
};
