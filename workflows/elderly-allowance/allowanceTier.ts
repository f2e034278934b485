/**
 * The 高龄津贴 tier rule: the tier and monthly amount of an elder of a given age, by the parameters
 * `tier1Age`/`tier2Age`/`tier3Age` (80, 90, 100 by default) and `tier1Amount`/`tier2Amount`/
 * `tier3Amount` (元/月, local figures). Ages are whole years (周岁) on a day in China time.
 */
import { birthDateOfIdNumber, type JsonValue } from '../../engine/index.js';

/** An elder's tier on a day. */
export interface AllowanceTier {
  age: number;
  /** 1, 2 or 3 (80+, 90+, 100+ by default). */
  tier: 1 | 2 | 3;
  /** Shown name, e.g. `90周岁以上`. */
  name: string;
  monthlyAmount: number;
}

/** The date (YYYY-MM-DD, China time) of `now`. */
export function chinaDateOf(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The elder's birth date: from the 身份证 number, else a `YYYY-MM-DD` date field. */
export function birthDateOf(idNumber: unknown, birthDate: unknown): string | undefined {
  const fromId = birthDateOfIdNumber(typeof idNumber === 'string' ? idNumber.trim().toUpperCase() : idNumber);
  if (fromId) return fromId;
  return typeof birthDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(birthDate) ? birthDate : undefined;
}

/** Whole years from `birth` to `on` (both YYYY-MM-DD); one is a year older on the birthday. */
export function fullYearsOn(birth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) >= birth.slice(5) ? years : years - 1;
}

/** The tier of someone born on `birth` on the day `on`, or undefined below the first tier's age. */
export function allowanceTier(birth: string, on: string, parameters: Record<string, JsonValue>): AllowanceTier | undefined {
  const age = fullYearsOn(birth, on);
  const n = (name: string) => Number(parameters[name]);
  const tiers = [3, 2, 1] as const;
  for (const tier of tiers) {
    const from = n(`tier${tier}Age`);
    if (Number.isFinite(from) && age >= from) return { age, tier, name: `${from}周岁以上`, monthlyAmount: n(`tier${tier}Amount`) };
  }
  return undefined;
}
