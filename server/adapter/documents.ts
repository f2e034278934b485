/**
 * Documents of a case rendered from Handlebars templates (escaped output only; no triple-stash in
 * our templates), compiled once per server process.
 */
import Handlebars from 'handlebars';
import accepted from '../../templates/dibao/accepted.hbs';
import confirm from '../../templates/dibao/confirm.hbs';
import notice from '../../templates/dibao/notice.hbs';
import refuse from '../../templates/dibao/refuse.hbs';
import { ownEntry } from '../../engine/index.js';
import { maskValue } from '../../forms/core/index.js';

/** Template sources by key. */
export const templateSources: Record<string, string> = {
  'dibao/accepted': accepted,
  'dibao/confirm': confirm,
  'dibao/notice': notice,
  'dibao/refuse': refuse,
};

const compiled = new Map<string, HandlebarsTemplateDelegate>();

/** Renders a template with the given view data. */
export function renderTemplate(key: string, view: Record<string, unknown>): string {
  let template = compiled.get(key);
  if (!template) {
    const source = ownEntry(templateSources, key);
    if (source === undefined) throw new Error(`未知的文书模板“${key}”。`);
    template = Handlebars.compile(source, { strict: false, noEscape: false });
    compiled.set(key, template);
  }
  return template(view);
}

const cnDate = (d: Date) => {
  const c = new Date(d.getTime() + 8 * 3600_000);
  return `${c.getUTCFullYear()}年${c.getUTCMonth() + 1}月${c.getUTCDate()}日`;
};

/** The view data of a case's documents. */
export function documentView(input: { caseNo: string; data: Record<string, unknown>; comment?: string; now: Date; created: Date; clock: { limitWorkingDays: number; dueAt?: string }; countyName: string; townshipName: string; noticeDays: number }): Record<string, unknown> {
  const data = input.data;
  const applicant = (data.applicant ?? {}) as Record<string, unknown>;
  const decision = (data.decision ?? {}) as Record<string, unknown>;
  const members = ((data.household as { members?: unknown[] } | undefined)?.members ?? []).length;
  const next = new Date(input.now.getTime() + 8 * 3600_000);
  const payFrom = `${next.getUTCMonth() === 11 ? next.getUTCFullYear() + 1 : next.getUTCFullYear()}年${(next.getUTCMonth() + 1) % 12 + 1}月`;
  const reasons = Array.isArray(decision.refusalReasons) && decision.refusalReasons.length > 0 ? decision.refusalReasons : input.comment ? [input.comment] : [];
  return {
    caseNo: input.caseNo,
    applicant: { name: applicant.name },
    submittedAt: cnDate(input.created),
    decidedAt: cnDate(input.now),
    decision,
    payFrom,
    reasons,
    authority: `${input.countyName}民政局`,
    reviewAuthority: `${input.countyName}人民政府`,
    township: input.townshipName,
    limitWorkingDays: input.clock.limitWorkingDays,
    dueDate: input.clock.dueAt ? cnDate(new Date(input.clock.dueAt)) : '',
    noticeDays: input.noticeDays,
    from: cnDate(input.now),
    until: cnDate(new Date(input.now.getTime() + input.noticeDays * 86_400_000)),
    maskedName: maskValue(String(applicant.name ?? ''), 'name'),
    members,
    proposedAmount: (data.townshipReview as { proposedAmount?: number } | undefined)?.proposedAmount ?? '',
  };
}
