/**
 * Reading and changing a definition being designed by JSON pointer (`/steps/accept/deadline/workingDays`),
 * without touching the original (each change answers a new copy), and reading the JSON an
 * administrator typed with its syntax errors in Chinese.
 */

/** The segments of a JSON pointer (`~1` and `~0` decoded). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const isContainer = (v: unknown): v is Record<string, unknown> | unknown[] => typeof v === 'object' && v !== null;

/** The value at `pointer` (own properties only), or undefined. */
export function valueAt(document: unknown, pointer: string): unknown {
  let here: unknown = document;
  for (const segment of pointerSegments(pointer)) {
    if (!isContainer(here) || !Object.prototype.hasOwnProperty.call(here, segment)) return undefined;
    here = (here as Record<string, unknown>)[segment];
  }
  return here;
}

/** A copy of `document` with `value` at `pointer` (objects made on the way); `undefined` removes the property. */
export function withValueAt<T>(document: T, pointer: string, value: unknown): T {
  const copy = structuredClone(document) as unknown;
  const segments = pointerSegments(pointer);
  if (segments.length === 0) return value as T;
  let here = copy as Record<string, unknown>;
  for (const segment of segments.slice(0, -1)) {
    const next = Object.prototype.hasOwnProperty.call(here, segment) ? here[segment] : undefined;
    if (!isContainer(next)) Object.defineProperty(here, segment, { value: {}, enumerable: true, writable: true, configurable: true });
    here = here[segment] as Record<string, unknown>;
  }
  const last = segments[segments.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(here)) here.splice(Number(last), 1);
    else delete here[last];
  } else {
    Object.defineProperty(here, last, { value, enumerable: true, writable: true, configurable: true });
  }
  return copy as T;
}

/**
 * Where JSON text first goes wrong: the index of the first character that cannot continue valid
 * JSON (the text's length when it ends too early), or -1 when it is valid. The browser's own
 * parser does not always say where.
 */
export function jsonErrorIndex(source: string): number {
  let i = 0;
  const ws = () => { while (i < source.length && ' \t\n\r'.includes(source[i]!)) i++; };
  const fail = (): never => { throw i; };
  const literal = (word: string) => { for (const c of word) { if (source[i] !== c) fail(); i++; } };
  const string = () => {
    i++;
    while (i < source.length && source[i] !== '"') {
      if (source.charCodeAt(i) < 0x20) fail();
      if (source[i] === '\\') {
        i++;
        if (source[i] === 'u') { for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(source[i + k] ?? '')) { i += k; fail(); } i += 5; continue; }
        if (!'"\\/bfnrt'.includes(source[i] ?? 'x')) fail();
      }
      i++;
    }
    if (i >= source.length) fail();
    i++;
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(source.slice(i));
    if (!m || m[0] === '' || m[0] === '-') fail();
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = source[i];
    if (c === '{') {
      i++; ws();
      if (source[i] === '}') { i++; return; }
      for (;;) {
        ws();
        if (source[i] !== '"') fail();
        string(); ws();
        if (source[i] !== ':') fail();
        i++; value(); ws();
        if (source[i] === ',') { i++; continue; }
        if (source[i] === '}') { i++; return; }
        fail();
      }
    }
    if (c === '[') {
      i++; ws();
      if (source[i] === ']') { i++; return; }
      for (;;) {
        value(); ws();
        if (source[i] === ',') { i++; continue; }
        if (source[i] === ']') { i++; return; }
        fail();
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    number();
  };
  try {
    value(); ws();
    return i < source.length ? i : -1;
  } catch (at) {
    return typeof at === 'number' ? Math.min(at, source.length) : 0;
  }
}

/** JSON an administrator typed: the object, or the Chinese message of what is wrong with it (and where). */
export function parseDefinitionJson(source: string): { value: Record<string, unknown> } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch {
    const at = jsonErrorIndex(source);
    if (at >= source.length || at < 0) return { error: 'JSON 格式有误：内容不完整，可能缺少右括号或引号。' };
    const before = source.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    return { error: `JSON 格式有误：第 ${line} 行第 ${column} 列附近无法解析，请检查逗号、引号和括号。` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: '流程定义须是一个 JSON 对象（以 { 开头，以 } 结尾）。' };
  return { value: value as Record<string, unknown> };
}
