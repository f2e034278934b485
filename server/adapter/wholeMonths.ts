/**
 * A dashboard period split for the kept figures (migration 1764201201): its whole months, read
 * from the per-month rows, and the days of its partial first and last months, read per day.
 */
/** A China day shifted by `days` days. */
const dayShift = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 24 * 3600 * 1000).toISOString().slice(0, 10);

/**
 * The whole months of a period (`fromMonth`..`toMonth`, YYYY-MM), read from the kept per-month
 * rows, and the days before and after them (`fromDay`..`headTo`, `tailFrom`..`toDay`), read per
 * day. `headTo` is `YYYY-MM-00` of the first whole month (after every day before it) and `tailFrom`
 * `YYYY-MM-32` of the last (before every day after it); without a whole month the period is all head.
 */
export function wholeMonths(from: string, to: string): { fromMonth: string; toMonth: string; headTo: string; tailFrom: string } {
  const fromMonth = from.endsWith('-01') ? from.slice(0, 7) : dayShift(`${from.slice(0, 7)}-28`, 7).slice(0, 7);
  const toMonth = dayShift(to, 1).endsWith('-01') ? to.slice(0, 7) : dayShift(`${to.slice(0, 7)}-01`, -1).slice(0, 7);
  if (fromMonth > toMonth) return { fromMonth: '9999-99', toMonth: '0000-00', headTo: to, tailFrom: '9999-99-99' };
  return { fromMonth, toMonth, headTo: `${fromMonth}-00`, tailFrom: `${toMonth}-32` };
}
