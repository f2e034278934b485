/**
 * The 低保 amount rule (《最低生活保障审核确认办法》第8、13–14条): monthly amount = 低保标准 ×
 * counted members − household monthly income, never below zero, in 元 with two decimals.
 * For 单人保 only the applicant counts, with the applicant's own income.
 */
import type { JsonValue } from '../../engine/index.js';

/** The figures the amount is computed from, for display beside the result. */
export interface HouseholdFigures {
  members: number;
  monthlyIncome: number;
  perCapitaIncome: number;
  monthlyAmount: number;
  singlePerson: boolean;
}

function num(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : 0;
}

function obj(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Sum of the monthly income categories of an income section (刚性支出 deducted). */
function incomeTotal(income: Record<string, unknown>): number {
  const categories = ['wages', 'business', 'property', 'transfer', 'other'];
  const gross = categories.reduce((sum, c) => sum + num(income[c]), 0);
  return Math.max(0, gross - num(income.deductions));
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Computes the household figures of a 低保 case's data. */
export function householdFigures(data: Record<string, JsonValue>, standard: number): HouseholdFigures {
  const applicant = obj(data.applicant);
  const singlePerson = Boolean(applicant.singlePersonBasis);
  const members = singlePerson ? 1 : Math.max(1, Array.isArray(obj(data.household).members) ? (obj(data.household).members as unknown[]).length : 1);
  const income = obj(data.income);
  const monthlyIncome = round2(singlePerson ? Math.max(0, num(obj(income.applicantOnly).monthly ?? income.applicantMonthly)) : incomeTotal(income));
  const perCapitaIncome = round2(monthlyIncome / members);
  const monthlyAmount = round2(Math.max(0, standard * members - monthlyIncome));
  return { members, monthlyIncome, perCapitaIncome, monthlyAmount, singlePerson };
}
