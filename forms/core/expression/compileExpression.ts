/**
 * A parsed, ready-to-run expression: parse once (when a form version loads), evaluate on every
 * change. The form elements use it for `visibleIf`/`requiredIf`; the validator and
 * {@link evaluateComputed} use it for the same rules on the server.
 */
import { evaluateExpression, type ExpressionContext, type ExpressionValue } from './evaluateExpression.js';
import { expressionDependencies, parseExpression, type ExpressionNode } from './parseExpression.js';

/** An expression compiled for repeated evaluation. */
export interface CompiledExpression {
  /** The expression as written, for display (e.g. beside a computed figure). */
  readonly source: string;
  /** The syntax tree. */
  readonly node: ExpressionNode;
  /** Absolute field paths read (JSON pointers, `*` for every item), `this.` paths, and `$parameters`. */
  readonly dependencies: { absolute: string[]; relative: string[]; params: string[] };
  /** Evaluates against case data. */
  evaluate(data: unknown, context?: ExpressionContext): ExpressionValue;
  /** Evaluates and reads the result as a condition (null, 0, '', false and [] are false). */
  test(data: unknown, context?: ExpressionContext): boolean;
}

/** Parses an expression once; throws `ExpressionError` (Chinese message, position) on a syntax error. */
export function compileExpression(source: string): CompiledExpression {
  const node = parseExpression(source);
  const dependencies = expressionDependencies(node);
  return {
    source,
    node,
    dependencies,
    evaluate: (data, context) => evaluateExpression(node, data, context),
    test(data, context) {
      const v = evaluateExpression(node, data, context);
      return !(v === undefined || v === null || v === false || v === 0 || v === '' || (Array.isArray(v) && v.length === 0));
    },
  };
}
