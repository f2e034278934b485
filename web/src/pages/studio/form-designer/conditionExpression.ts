/**
 * The "show when …" conditions the field editor builds: a field, a comparison and a value, written
 * as an expression of the form's expression language (`applicant.filedByProxy == true`), and the
 * problem of an expression typed by hand.
 */
import { compileExpression } from '../../../../../forms/core/index.js';

/** The comparisons offered. */
export const comparisons = ['==', '!=', '>', '>=', '<', '<='] as const;

/** A comparison of the builder. */
export type Comparison = (typeof comparisons)[number];

/** The expression path of a field's pointer (`/applicant/phone` → `applicant.phone`). */
export const expressionPath = (pointer: string): string => pointer.slice(1).split('/').join('.');

/** A value as an expression literal: yes/no and figures as they are, anything else quoted. */
export function literal(value: string): string {
  const v = value.trim();
  if (v === 'true' || v === 'false' || v === 'null' || /^-?\d+(\.\d+)?$/.test(v)) return v;
  return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** `field comparison value` as an expression. */
export const conditionOf = (pointer: string, comparison: Comparison, value: string): string => `${expressionPath(pointer)} ${comparison} ${literal(value)}`;

/** Why an expression does not parse, or `''` when it does (or is empty). */
export function expressionProblem(source: string): string {
  if (source.trim() === '') return '';
  try {
    compileExpression(source);
    return '';
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
