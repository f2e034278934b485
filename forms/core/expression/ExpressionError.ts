/**
 * The error of an expression that cannot be parsed, with a Chinese message and the offset of
 * the problem in the source.
 */

/** An expression that cannot be parsed; `position` is the character offset of the problem. */
export class ExpressionError extends Error {
  /** The expression as written. */
  readonly source: string;
  /** Character offset (0-based) of the problem. */
  readonly position: number;

  constructor(message: string, source: string, position: number) {
    super(`${message}（表达式“${source}”第 ${position + 1} 个字符处）`);
    this.name = 'ExpressionError';
    this.source = source;
    this.position = position;
  }
}
