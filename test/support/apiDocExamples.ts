/**
 * The examples of docs/api.md as data: each ```http request block followed by the ```json block
 * of its answer. Requests may use `{{name}}` (a value captured from an earlier answer),
 * `{{token user}}` (a demo user's token) and `{{uuid}}`; answers use `"{{name}}"` to capture a
 * value, `"…"` for any value and `"text…"` for a string that starts with `text`. Objects in an
 * answer list the keys a client relies on (more may come); arrays list their elements in order and
 * end with `"…"` when more may follow.
 */

/** One documented request and the answer it documents. */
export interface ApiExample {
  /** The heading the example sits under, for messages. */
  section: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  /** The raw body text, placeholders not yet filled. */
  body: string;
  status: number;
  /** The documented answer body, or undefined for an empty or non-JSON answer. */
  answer: unknown;
}

const fence = /```(\w+)?\n([\s\S]*?)```/g;

/** Parses every request/answer pair of a markdown text. */
export function parseApiExamples(markdown: string): ApiExample[] {
  const blocks: { lang: string; text: string; index: number; end: number }[] = [];
  for (const m of markdown.matchAll(fence)) blocks.push({ lang: m[1] ?? '', text: m[2] ?? '', index: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  const examples: ApiExample[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const request = blocks[i]!;
    if (request.lang !== 'http') continue;
    const response = blocks[i + 1];
    const between = response ? markdown.slice(request.end, response.index) : '';
    if (!response || response.lang !== 'json' || between.trim() !== '') throw new Error(`docs/api.md: the request at offset ${request.index} is not followed by its json answer`);
    const section = [...markdown.slice(0, request.index).matchAll(/^#{2,3} (.+)$/gm)].pop()?.[1] ?? '';
    const [head = '', ...rest] = request.text.split('\n');
    const [method = '', path = ''] = head.trim().split(/\s+/);
    const blank = rest.findIndex((l) => l.trim() === '');
    const headerLines = blank < 0 ? rest : rest.slice(0, blank);
    const headers: Record<string, string> = {};
    for (const line of headerLines) {
      const at = line.indexOf(':');
      if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
    }
    const body = blank < 0 ? '' : rest.slice(blank + 1).join('\n').trim();
    const [statusLine = '', ...answerLines] = response.text.split('\n');
    const status = Number(/^\/\/\s*(\d{3})/.exec(statusLine)?.[1]);
    if (!Number.isInteger(status)) throw new Error(`docs/api.md: the answer to ${method} ${path} must start with "// <status>"`);
    const answerText = answerLines.join('\n').trim();
    examples.push({ section, method, path, headers, body, status, answer: answerText === '' ? undefined : JSON.parse(answerText) });
    i++;
  }
  return examples;
}

/** Fills `{{…}}` placeholders in a request text. */
export function fillPlaceholders(text: string, resolve: (name: string) => string): string {
  return text.replace(/\{\{([^}]+)\}\}/g, (_, name: string) => resolve(name.trim()));
}

/**
 * Compares an actual answer with the documented one; captures `{{name}}` values into `vars`.
 * Returns the problems, each with its JSON path.
 */
export function matchAnswer(documented: unknown, actual: unknown, vars: Map<string, unknown>, path = ''): string[] {
  if (typeof documented === 'string') {
    const capture = /^\{\{(\w+)\}\}$/.exec(documented);
    if (capture) {
      const name = capture[1]!;
      if (actual === undefined) return [`${path || '/'}: missing (captured as {{${name}}})`];
      if (vars.has(name) && vars.get(name) !== actual) return [`${path}: ${JSON.stringify(actual)} is not {{${name}}} = ${JSON.stringify(vars.get(name))}`];
      vars.set(name, actual);
      return [];
    }
    if (documented === '…') return actual === undefined ? [`${path}: missing`] : [];
    if (documented.endsWith('…')) {
      return typeof actual === 'string' && actual.startsWith(documented.slice(0, -1)) ? [] : [`${path}: ${JSON.stringify(actual)} does not start with ${JSON.stringify(documented.slice(0, -1))}`];
    }
  }
  if (Array.isArray(documented)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${JSON.stringify(actual)}`];
    const open = documented[documented.length - 1] === '…';
    const items = open ? documented.slice(0, -1) : documented;
    if (open ? actual.length < items.length : actual.length !== items.length) return [`${path}: expected ${open ? 'at least ' : ''}${items.length} elements, got ${actual.length}: ${JSON.stringify(actual).slice(0, 300)}`];
    return items.flatMap((item, i) => matchAnswer(item, actual[i], vars, `${path}/${i}`));
  }
  if (documented !== null && typeof documented === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
    return Object.entries(documented).flatMap(([key, value]) =>
      Object.hasOwn(actual, key) ? matchAnswer(value, (actual as Record<string, unknown>)[key], vars, `${path}/${key}`) : [`${path}/${key}: missing`],
    );
  }
  return Object.is(documented, actual) ? [] : [`${path}: documented ${JSON.stringify(documented)}, got ${JSON.stringify(actual)}`];
}
