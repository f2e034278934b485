/**
 * The interpreter of the expression language. Missing fields read as `null` and count as 0 in
 * arithmetic (an income left empty is no income); what cannot be computed — division by zero, text
 * in arithmetic, a missing `$parameter` — is `undefined` and stays `undefined` through the rest of
 * the expression, so a computed field is left empty rather than filled with a wrong figure.
 */
import type { ExpressionNode, PathSegment } from './parseExpression.js';

/** A value during evaluation: JSON primitives, lists (from `[*]` paths), or `undefined` for "cannot compute". */
export type ExpressionValue = number | string | boolean | null | undefined | object | ExpressionValue[];

/** What an expression may read besides the data. */
export interface ExpressionContext {
  /** Named parameters, read as `$name` (e.g. `$standard`, the local 低保标准). */
  params?: Readonly<Record<string, unknown>>;
  /** The object `this.x` paths read from: the object holding the field (e.g. one household member). */
  scope?: unknown;
}

const own = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/** Reads a path; `*` collects the value of every item. Returns `null` when something is missing. */
export function readPath(root: unknown, segments: readonly PathSegment[]): ExpressionValue {
  let values: unknown[] = [root];
  let spread = false;
  for (const segment of segments) {
    const next: unknown[] = [];
    for (const value of values) {
      if (segment === '*') {
        if (Array.isArray(value)) next.push(...(value as unknown[]));
      } else if (typeof segment === 'number') {
        if (Array.isArray(value) && segment < value.length) next.push(value[segment]);
        else if (!spread) next.push(null);
      } else if (value !== null && typeof value === 'object' && !Array.isArray(value) && own(value, segment)) {
        next.push((value as Record<string, unknown>)[segment]);
      } else if (!spread) next.push(null);
    }
    if (segment === '*') spread = true;
    values = next;
  }
  if (spread) return values.filter((v) => v !== null && v !== undefined) as ExpressionValue[];
  const only = values[0];
  return only === undefined ? null : (only as ExpressionValue);
}

function toNumber(value: ExpressionValue): number | undefined {
  if (value === null) return 0;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  return undefined;
}

const truthy = (v: ExpressionValue) => !(v === undefined || v === null || v === false || v === 0 || v === '' || (Array.isArray(v) && v.length === 0));

/** Rounds half away from zero at `digits` decimals without binary surprises (round(1.005, 2) = 1.01). */
export function roundTo(value: number, digits: number): number {
  const d = Math.max(0, Math.min(10, Math.trunc(digits)));
  const sign = value < 0 ? -1 : 1;
  return sign * Number(`${Math.round(Number(`${Math.abs(value)}e${d}`))}e-${d}`);
}

function arithmetic(op: string, a: number, b: number): number | undefined {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return b === 0 ? undefined : a / b;
    case '%': return b === 0 ? undefined : a % b;
  }
  return undefined;
}

function compare(op: string, a: ExpressionValue, b: ExpressionValue): boolean {
  if (op === '==') return a === b || (a == null && b == null);
  if (op === '!=') return !(a === b || (a == null && b == null));
  const bothNumbers = typeof a === 'number' && typeof b === 'number';
  const bothStrings = typeof a === 'string' && typeof b === 'string';
  if (!bothNumbers && !bothStrings) return false;
  switch (op) {
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
  }
  return false;
}

const listOf = (v: ExpressionValue): ExpressionValue[] => (Array.isArray(v) ? v : v === null || v === undefined ? [] : [v]);

/** Evaluates a parsed expression against case data. */
export function evaluateExpression(node: ExpressionNode, data: unknown, context: ExpressionContext = {}): ExpressionValue {
  const evaluate = (n: ExpressionNode): ExpressionValue => {
    switch (n.kind) {
      case 'literal': return n.value;
      case 'path': return readPath(n.relative ? context.scope : data, n.segments);
      case 'param': {
        const params = context.params;
        if (!params || !own(params, n.name)) return undefined;
        const v = params[n.name];
        return typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : undefined;
      }
      case 'unary': {
        const v = evaluate(n.operand);
        if (n.op === 'not') return !truthy(v);
        const x = toNumber(v);
        return x === undefined ? undefined : -x;
      }
      case 'binary': {
        if (n.op === 'and') return truthy(evaluate(n.left)) && truthy(evaluate(n.right));
        if (n.op === 'or') return truthy(evaluate(n.left)) || truthy(evaluate(n.right));
        const left = evaluate(n.left);
        const right = evaluate(n.right);
        if (['==', '!=', '<', '<=', '>', '>='].includes(n.op)) return compare(n.op, left, right);
        const a = toNumber(left);
        const b = toNumber(right);
        return a === undefined || b === undefined ? undefined : arithmetic(n.op, a, b);
      }
      case 'conditional': return truthy(evaluate(n.test)) ? evaluate(n.then) : evaluate(n.otherwise);
      case 'call': return call(n.name, n.args);
    }
  };
  const call = (name: string, args: ExpressionNode[]): ExpressionValue => {
    switch (name) {
      case 'if': return truthy(evaluate(args[0]!)) ? evaluate(args[1]!) : evaluate(args[2]!);
      case 'count': {
        const v = evaluate(args[0]!);
        return Array.isArray(v) ? v.length : v === null ? 0 : 1;
      }
      case 'sum': {
        let total = 0;
        for (const item of listOf(evaluate(args[0]!))) {
          const x = toNumber(item);
          if (x === undefined) return undefined;
          total += x;
        }
        return total;
      }
      case 'empty': {
        const v = evaluate(args[0]!);
        return v === null || v === '' || (Array.isArray(v) && v.length === 0);
      }
      case 'round': {
        const x = toNumber(evaluate(args[0]!));
        const digits = args[1] ? toNumber(evaluate(args[1])) : 0;
        return x === undefined || digits === undefined ? undefined : roundTo(x, digits);
      }
      case 'abs': {
        const x = toNumber(evaluate(args[0]!));
        return x === undefined ? undefined : Math.abs(x);
      }
      default: {
        const xs = args.flatMap((a) => listOf(evaluate(a))).map(toNumber);
        if (xs.length === 0 || xs.some((x) => x === undefined)) return undefined;
        return name === 'min' ? Math.min(...(xs as number[])) : Math.max(...(xs as number[]));
      }
    }
  };
  return evaluate(node);
}
