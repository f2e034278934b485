/**
 * The tokenizer of the expression language: numbers, single- or double-quoted strings,
 * identifiers (ASCII letters, digits, `_`), `$parameters` and operators.
 */
import { ExpressionError } from './ExpressionError.js';

/** One token with its character offset in the source. */
export interface Token {
  type: 'number' | 'string' | 'ident' | 'param' | 'op' | 'end';
  text: string;
  position: number;
}

const operators = ['==', '!=', '<=', '>=', '&&', '||', '+', '-', '*', '/', '%', '<', '>', '!', '(', ')', '[', ']', ',', '.', '?', ':'];
const identStart = /[A-Za-z_]/;
const identPart = /[A-Za-z0-9_]/;

/** Splits an expression into tokens; the last token is always `end`. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { i++; continue; }
    const start = i;
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(source[i + 1] ?? '') && tokens[tokens.length - 1]?.type !== 'ident')) {
      while (i < source.length && /[0-9]/.test(source[i]!)) i++;
      if (source[i] === '.' && /[0-9]/.test(source[i + 1] ?? '')) { i++; while (i < source.length && /[0-9]/.test(source[i]!)) i++; }
      tokens.push({ type: 'number', text: source.slice(start, i), position: start });
      continue;
    }
    if (c === '"' || c === "'") {
      let text = '';
      i++;
      while (i < source.length && source[i] !== c) {
        if (source[i] === '\\' && i + 1 < source.length) i++;
        text += source[i++];
      }
      if (i >= source.length) throw new ExpressionError('字符串缺少结束引号', source, start);
      i++;
      tokens.push({ type: 'string', text, position: start });
      continue;
    }
    if (c === '$' || identStart.test(c)) {
      i++;
      while (i < source.length && identPart.test(source[i]!)) i++;
      const text = source.slice(start, i);
      if (c === '$') {
        if (text.length === 1) throw new ExpressionError('“$”之后应为参数名', source, start);
        tokens.push({ type: 'param', text: text.slice(1), position: start });
      } else tokens.push({ type: 'ident', text, position: start });
      continue;
    }
    const op = operators.find((o) => source.startsWith(o, i));
    if (!op) throw new ExpressionError(`无法识别的字符“${c}”`, source, start);
    tokens.push({ type: 'op', text: op, position: start });
    i += op.length;
  }
  tokens.push({ type: 'end', text: '', position: source.length });
  return tokens;
}
