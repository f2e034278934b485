/**
 * The parser of Tongban's expression language: a small, safe language for computed fields and
 * conditions (`sum(household.members[*].income) / count(household.members)`,
 * `acceptance.relativeFiling == true and not applicant.singlePersonBasis`). It is parsed into a
 * tree and interpreted — never turned into JavaScript source, so it runs under a strict CSP and in
 * PocketBase's VM alike.
 *
 * Grammar (lowest precedence first):
 * ```
 * expr    := or ('?' expr ':' expr)?
 * or      := and ('or' and)*            // also ||
 * and     := not ('and' not)*           // also &&
 * not     := ('not' | '!') not | compare
 * compare := add (('=='|'!='|'<'|'<='|'>'|'>=') add)?
 * add     := mul (('+'|'-') mul)*
 * mul     := unary (('*'|'/'|'%') unary)*
 * unary   := '-' unary | primary
 * primary := number | string | true | false | null | path | $param | name '(' args ')' | '(' expr ')'
 * path    := ident ('.' ident | '[' digits ']' | '[*]')*     // `this.x` is relative to the field's object
 * ```
 */
import { ExpressionError } from './ExpressionError.js';
import { tokenize, type Token } from './tokenize.js';

/** A segment of a field path: a property name, an array index, or `*` for every item. */
export type PathSegment = string | number | '*';

/** A node of a parsed expression. */
export type ExpressionNode =
  | { kind: 'literal'; value: number | string | boolean | null }
  | { kind: 'path'; relative: boolean; segments: PathSegment[] }
  | { kind: 'param'; name: string }
  | { kind: 'unary'; op: '-' | 'not'; operand: ExpressionNode }
  | { kind: 'binary'; op: BinaryOperator; left: ExpressionNode; right: ExpressionNode }
  | { kind: 'conditional'; test: ExpressionNode; then: ExpressionNode; otherwise: ExpressionNode }
  | { kind: 'call'; name: FunctionName; args: ExpressionNode[] };

/** The binary operators of the language. */
export type BinaryOperator = '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';

/** The functions of the language and how many arguments each takes ([min, max]). */
export const expressionFunctions = {
  sum: [1, 1],
  count: [1, 1],
  min: [1, 10],
  max: [1, 10],
  round: [1, 2],
  abs: [1, 1],
  if: [3, 3],
  empty: [1, 1],
} as const;

/** A function name of the language. */
export type FunctionName = keyof typeof expressionFunctions;

/** Longest accepted expression, in characters: expressions are written by administrators, not users. */
export const maxExpressionLength = 2000;

/** Parses an expression; throws {@link ExpressionError} with a Chinese message on a syntax error. */
export function parseExpression(source: string): ExpressionNode {
  if (source.length > maxExpressionLength) throw new ExpressionError(`表达式过长（最多 ${maxExpressionLength} 个字符）`, source.slice(0, 40), 0);
  const tokens = tokenize(source);
  let at = 0;
  let depth = 0;
  const peek = (): Token => tokens[at]!;
  const fail = (message: string, token: Token = peek()): never => { throw new ExpressionError(message, source, token.position); };
  const isOp = (...ops: string[]) => peek().type === 'op' && ops.includes(peek().text);
  const isWord = (...words: string[]) => peek().type === 'ident' && words.includes(peek().text);
  const expectOp = (op: string) => { if (!isOp(op)) fail(`此处应为“${op}”`); at++; };

  const expr = (): ExpressionNode => {
    if (++depth > 64) fail('表达式嵌套过深');
    const test = or();
    let node = test;
    if (isOp('?')) {
      at++;
      const then = expr();
      expectOp(':');
      node = { kind: 'conditional', test, then, otherwise: expr() };
    }
    depth--;
    return node;
  };
  const or = (): ExpressionNode => {
    let left = and();
    while (isOp('||') || isWord('or')) { at++; left = { kind: 'binary', op: 'or', left, right: and() }; }
    return left;
  };
  const and = (): ExpressionNode => {
    let left = not();
    while (isOp('&&') || isWord('and')) { at++; left = { kind: 'binary', op: 'and', left, right: not() }; }
    return left;
  };
  const not = (): ExpressionNode => {
    if (isOp('!') || isWord('not')) { at++; return { kind: 'unary', op: 'not', operand: not() }; }
    return compare();
  };
  const compare = (): ExpressionNode => {
    const left = add();
    if (isOp('==', '!=', '<', '<=', '>', '>=')) {
      const op = tokens[at++]!.text as BinaryOperator;
      return { kind: 'binary', op, left, right: add() };
    }
    return left;
  };
  const add = (): ExpressionNode => {
    let left = mul();
    while (isOp('+', '-')) { const op = tokens[at++]!.text as BinaryOperator; left = { kind: 'binary', op, left, right: mul() }; }
    return left;
  };
  const mul = (): ExpressionNode => {
    let left = unary();
    while (isOp('*', '/', '%')) { const op = tokens[at++]!.text as BinaryOperator; left = { kind: 'binary', op, left, right: unary() }; }
    return left;
  };
  const unary = (): ExpressionNode => {
    if (isOp('-')) { at++; return { kind: 'unary', op: '-', operand: unary() }; }
    return primary();
  };
  const primary = (): ExpressionNode => {
    const token = peek();
    switch (token.type) {
      case 'number': at++; return { kind: 'literal', value: Number(token.text) };
      case 'string': at++; return { kind: 'literal', value: token.text };
      case 'param': at++; return { kind: 'param', name: token.text };
      case 'op':
        if (token.text === '(') { at++; const inner = expr(); expectOp(')'); return inner; }
        return fail(`不应出现“${token.text}”`);
      case 'end': return fail('表达式不完整');
      case 'ident': break;
    }
    at++;
    if (token.text === 'true' || token.text === 'false') return { kind: 'literal', value: token.text === 'true' };
    if (token.text === 'null') return { kind: 'literal', value: null };
    if (isOp('(')) return call(token);
    return path(token);
  };
  const call = (name: Token): ExpressionNode => {
    if (!Object.prototype.hasOwnProperty.call(expressionFunctions, name.text)) fail(`未知的函数“${name.text}”`, name);
    const fn = name.text as FunctionName;
    at++;
    const args: ExpressionNode[] = [];
    if (!isOp(')')) {
      args.push(expr());
      while (isOp(',')) { at++; args.push(expr()); }
    }
    expectOp(')');
    const [min, max] = expressionFunctions[fn];
    if (args.length < min || args.length > max) fail(`函数“${fn}”需要 ${min === max ? min : `${min}–${max}`} 个参数`, name);
    if ((fn === 'sum' || fn === 'count') && args[0]!.kind !== 'path') fail(`函数“${fn}”的参数应为字段路径`, name);
    return { kind: 'call', name: fn, args };
  };
  const path = (first: Token): ExpressionNode => {
    const relative = first.text === 'this';
    const segments: PathSegment[] = relative ? [] : [first.text];
    for (;;) {
      if (isOp('.')) {
        at++;
        if (peek().type !== 'ident') fail('“.”之后应为字段名');
        segments.push(tokens[at++]!.text);
      } else if (isOp('[')) {
        at++;
        const t = peek();
        if (t.type === 'op' && t.text === '*') segments.push('*');
        else if (t.type === 'number' && /^\d+$/.test(t.text)) segments.push(Number(t.text));
        else fail('“[ ]”中应为序号或 *');
        at++;
        expectOp(']');
      } else break;
    }
    if (relative && segments.length === 0) fail('“this”之后应为字段名', first);
    return { kind: 'path', relative, segments };
  };

  const tree = expr();
  if (peek().type !== 'end') fail(`多余的内容“${peek().text}”`);
  return tree;
}

/** The field paths an expression reads, as JSON pointers (`*` for every array item). */
export function expressionDependencies(node: ExpressionNode): { absolute: string[]; relative: string[]; params: string[] } {
  const absolute = new Set<string>();
  const relative = new Set<string>();
  const params = new Set<string>();
  const visit = (n: ExpressionNode): void => {
    switch (n.kind) {
      case 'path': (n.relative ? relative : absolute).add(`/${n.segments.join('/')}`); return;
      case 'param': params.add(n.name); return;
      case 'unary': visit(n.operand); return;
      case 'binary': visit(n.left); visit(n.right); return;
      case 'conditional': visit(n.test); visit(n.then); visit(n.otherwise); return;
      case 'call': n.args.forEach(visit); return;
      case 'literal': return;
    }
  };
  visit(node);
  return { absolute: [...absolute], relative: [...relative], params: [...params] };
}
