/**
 * The 低保边缘 household test: the 低保 household figures (workflows/dibao/householdFigures.ts, the
 * same members, income categories and 刚性支出 deductions, not a copy) against a line of the 低保
 * standard times a factor (1.5 by the national rule, a parameter): a household is at the margin
 * when its income per member is at least the standard (else it is a 低保 household) and below the line.
 */
import type { JsonValue } from '../../engine/index.js';
import { householdFigures } from '../dibao/householdFigures.js';

/** The figures a 低保边缘 recognition shows, and whether the household is at the margin. */
export interface EdgeFigures {
  standard: number;
  edgeFactor: number;
  edgeLine: number;
  members: number;
  monthlyIncome: number;
  perCapitaIncome: number;
  withinEdge: boolean;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The 低保边缘 figures of a case's data under the 低保 `standard` and the `edgeFactor`. */
export function edgeFigures(data: Record<string, JsonValue>, standard: number, edgeFactor: number): EdgeFigures {
  const f = householdFigures(data, standard);
  const edgeLine = round2(standard * edgeFactor);
  const withinEdge = Number.isFinite(standard) && standard > 0 && f.perCapitaIncome >= standard && f.perCapitaIncome < edgeLine;
  return { standard, edgeFactor, edgeLine, members: f.members, monthlyIncome: f.monthlyIncome, perCapitaIncome: f.perCapitaIncome, withinEdge };
}
