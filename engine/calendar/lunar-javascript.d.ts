/** The part of `lunar-javascript` (no types shipped) that the statutory holidays use. */
declare module 'lunar-javascript' {
  /** A Gregorian date. */
  interface LunarSolar {
    toYmd(): string;
    next(days: number): LunarSolar;
  }
  /** A date of the Chinese lunisolar calendar. */
  interface LunarDate {
    getSolar(): LunarSolar;
    /** The solar terms around the lunar year, by Chinese name (清明 …). */
    getJieQiTable(): Record<string, LunarSolar>;
  }
  export const Lunar: { fromYmd(year: number, month: number, day: number): LunarDate };
}
