/**
 * The dates a public fundraising campaign owes its disclosures (《慈善组织公开募捐管理办法》 and
 * 《慈善组织信息公开办法》): a campaign longer than six months discloses at least every three months
 * while it runs, and every campaign discloses fully within three months of its end. Also the rule on
 * how long a campaign may run (normally ≤ 3 years, ≤ 1 year when it answers an emergency).
 */
import type { JsonValue } from '../../engine/index.js';

/** One disclosure owed: its kind, the day the period it covers ends, and the last day it may be published. */
export interface DisclosureDue {
  kind: '定期公开' | '结束后全面公开';
  periodEnd: string;
  dueDate: string;
}

const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));
const pad = (n: number) => String(n).padStart(2, '0');

/** `date` plus `months` calendar months: the same day of the month, or that month's last day when it has none. */
export function plusMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(Math.min(d, last))}`;
}

const count = (parameters: Record<string, JsonValue>, name: string, fallback: number): number => {
  const v = Object.prototype.hasOwnProperty.call(parameters, name) ? parameters[name] : undefined;
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : fallback;
};

/** Whether a campaign from `start` to `end` keeps within its longest duration (emergency or not); false on missing or reversed dates. */
export function durationWithinLimit(start: unknown, end: unknown, emergency: boolean, parameters: Record<string, JsonValue>): boolean {
  if (!isDate(start) || !isDate(end) || end < start) return false;
  const months = emergency ? count(parameters, 'emergencyMaxMonths', 12) : count(parameters, 'maxMonths', 36);
  return end <= plusMonths(start, months);
}

/**
 * The disclosures a campaign from `start` to `end` owes: when it runs longer than `periodicOverMonths`
 * (6), one every `periodicEveryMonths` (3) from its start while it runs; then the full disclosure due
 * `finalReportMonths` (3) after its end. Empty when the dates are missing or reversed.
 */
export function disclosuresDue(start: unknown, end: unknown, parameters: Record<string, JsonValue>): DisclosureDue[] {
  if (!isDate(start) || !isDate(end) || end < start) return [];
  const due: DisclosureDue[] = [];
  if (end > plusMonths(start, count(parameters, 'periodicOverMonths', 6))) {
    const every = count(parameters, 'periodicEveryMonths', 3);
    for (let k = 1; k < 100; k++) {
      const mark = plusMonths(start, every * k);
      if (mark >= end) break;
      due.push({ kind: '定期公开', periodEnd: mark, dueDate: mark });
    }
  }
  due.push({ kind: '结束后全面公开', periodEnd: end, dueDate: plusMonths(end, count(parameters, 'finalReportMonths', 3)) });
  return due;
}
