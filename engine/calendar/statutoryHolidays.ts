/**
 * The statutory holidays (全体公民放假的节日) of 《全国年节及纪念日放假办法》 as amended in 2024,
 * computed for any year from the lunar calendar and the solar terms: 元旦 1 day, 春节 4 days
 * (农历除夕、正月初一至初三), 清明 1 day (the 清明 solar term), 劳动节 2 days (5月1日、2日),
 * 端午 1 day (农历五月初五), 中秋 1 day (农历八月十五), 国庆 3 days (10月1日至3日).
 *
 * These are the holidays the law fixes. The 调休 bridges of a year's official arrangement (the
 * State Council notice published each autumn) are not computable; they come from the shipped tables
 * or from the administrators' override table.
 */
import { Lunar } from 'lunar-javascript';

/** One statutory holiday date. */
export interface StatutoryHoliday {
  /** `YYYY-MM-DD`, China time. */
  date: string;
  /** The festival, e.g. `春节`. */
  name: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function computeStatutoryHolidays(year: number): StatutoryHoliday[] {
  const fixed = (name: string, month: number, day: number): StatutoryHoliday => ({ date: `${year}-${pad(month)}-${pad(day)}`, name });
  const lunar = (month: number, day: number) => Lunar.fromYmd(year, month, day).getSolar();
  const newYear = lunar(1, 1);
  const qingming = Lunar.fromYmd(year, 1, 1).getJieQiTable()['清明'];
  if (!qingming || !qingming.toYmd().startsWith(`${year}-`)) throw new Error(`无法计算 ${year} 年的清明节气。`);
  return [
    fixed('元旦', 1, 1),
    { date: newYear.next(-1).toYmd(), name: '春节' },
    { date: newYear.toYmd(), name: '春节' },
    { date: newYear.next(1).toYmd(), name: '春节' },
    { date: newYear.next(2).toYmd(), name: '春节' },
    { date: qingming.toYmd(), name: '清明节' },
    fixed('劳动节', 5, 1),
    fixed('劳动节', 5, 2),
    { date: lunar(5, 5).toYmd(), name: '端午节' },
    { date: lunar(8, 15).toYmd(), name: '中秋节' },
    fixed('国庆节', 10, 1),
    fixed('国庆节', 10, 2),
    fixed('国庆节', 10, 3),
  ];
}

const byYear = new Map<number, StatutoryHoliday[]>();

/** The statutory holidays of a Gregorian year (1901–2099), in date order. */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  let holidays = byYear.get(year);
  if (!holidays) {
    holidays = computeStatutoryHolidays(year).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    byYear.set(year, holidays);
  }
  return holidays;
}
