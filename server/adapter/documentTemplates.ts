/**
 * The document templates of a process version, as published with it (`workflow_definitions.templates`):
 * the process's own documents (`templates/<key>/<name>.hbs`) and the shared partials
 * (`templates/_shared/`: the GB/T 9704 A4 layout and its CSS). Here they are checked — the same
 * checks for `tongban check`, for publishing and for loading a version — and compiled once per
 * version into an isolated Handlebars environment that reaches only the whitelisted helpers.
 */
import Handlebars from 'handlebars';
import { ownEntry, type JsonValue } from '../../engine/index.js';
import { allowedHelpers, builtInHelpers, documentHelpers, ownHelpers } from './documentHelpers.js';

/** The templates published with one process version. */
export interface VersionTemplates {
  /** The process's documents by name (`accepted` for `templates/<key>/accepted.hbs`). */
  documents: Record<string, string>;
  /** The shared partials by name (`layout` for `templates/_shared/layout.hbs`, `a4` for `a4.css`). */
  shared: Record<string, string>;
}

/** A problem with a template, at a JSON pointer into the version (`/templates/documents/<name>` …). */
export interface TemplateProblem {
  path: string;
  message: string;
}

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const allowed = new Set(allowedHelpers);
const blockHelpers = new Set<string>(builtInHelpers);

/** The templates field of a stored version, read defensively (a version published before templates were stored has none). */
export function readVersionTemplates(value: unknown): VersionTemplates {
  const strings = (v: unknown): Record<string, string> => {
    const out: Record<string, string> = {};
    if (isObject(v)) for (const k of Object.keys(v)) if (typeof v[k] === 'string') Object.defineProperty(out, k, { value: v[k], enumerable: true, writable: true, configurable: true });
    return out;
  };
  return isObject(value) ? { documents: strings(value.documents), shared: strings(value.shared) } : { documents: {}, shared: {} };
}

/**
 * Every document the definition issues, with the pointer of its template: each `renderDocument`
 * effect under the steps, and each decision item's notice (`decisions.<item>.notice.template`).
 */
export function renderedTemplates(definition: unknown): { path: string; template: unknown }[] {
  const found: { path: string; template: unknown }[] = [];
  const walk = (node: unknown, path: string, depth: number) => {
    if (depth > 32) return;
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${path}/${i}`, depth + 1));
    else if (isObject(node)) {
      if (node.effect === 'renderDocument') found.push({ path: `${path}/args/template`, template: isObject(node.args) ? node.args.template : undefined });
      for (const k of Object.keys(node)) walk(node[k], `${path}/${escape(k)}`, depth + 1);
    }
  };
  if (!isObject(definition)) return found;
  walk(definition.steps, '/steps', 0);
  if (isObject(definition.decisions)) {
    for (const item of Object.keys(definition.decisions)) {
      const notice = definition.decisions[item];
      if (isObject(notice) && isObject(notice.notice)) found.push({ path: `/decisions/${escape(item)}/notice/template`, template: notice.notice.template });
    }
  }
  return found;
}

interface HbsNode {
  type: string;
  loc?: { start: { line: number } };
  [key: string]: unknown;
}

/** The problems of one template's source: parse errors, helpers outside the whitelist, partials not shared, unescaped output. */
export function templateSourceProblems(path: string, source: string, sharedPartials: readonly string[]): TemplateProblem[] {
  let ast: HbsNode;
  try {
    ast = Handlebars.parse(source) as unknown as HbsNode;
  } catch (e) {
    return [{ path, message: `模板语法错误：${(e as Error).message.split('\n')[0]}` }];
  }
  const problems: TemplateProblem[] = [];
  const at = (n: HbsNode) => (n.loc ? `第 ${n.loc.start.line} 行` : '');
  const add = (n: HbsNode, message: string) => problems.push({ path, message: `${at(n)}${message}` });
  const nameOf = (p: unknown) => (isObject(p) && p.type === 'PathExpression' ? String(p.original) : undefined);
  const called = (n: HbsNode) => {
    const name = nameOf(n.path);
    if (name === undefined || allowed.has(name)) return;
    add(n, `使用了白名单以外的助手“${name}”；可用的助手：${allowedHelpers.join('、')}。`);
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isObject(node) || typeof node.type !== 'string') return;
    const n = node as HbsNode;
    const hasArgs = (Array.isArray(n.params) && n.params.length > 0) || isObject(n.hash);
    switch (n.type) {
      case 'MustacheStatement':
        if (n.escaped === false) add(n, '不允许不转义的输出（{{{ }}} 或 {{& }}）：文书中的一切取值都须转义。');
        if (hasArgs || ownHelpers.includes(nameOf(n.path) as never)) called(n);
        else if (blockHelpers.has(nameOf(n.path) ?? '')) add(n, `“${nameOf(n.path)}”是区块助手，只能以 {{#${nameOf(n.path)} …}} 使用。`);
        break;
      case 'SubExpression':
        called(n);
        break;
      case 'BlockStatement': {
        const name = nameOf(n.path) ?? '';
        if (!blockHelpers.has(name)) add(n, `区块只能使用 ${builtInHelpers.join('、')}，不能是“${name}”。`);
        break;
      }
      case 'PartialStatement':
      case 'PartialBlockStatement': {
        const name = nameOf(n.name);
        if (name === '@partial-block' && n.type === 'PartialStatement') break;
        if (name === undefined || !sharedPartials.includes(name)) add(n, `只能引用共享版式中的局部模板（${sharedPartials.join('、') || '无'}），不能引用“${name ?? '动态名称'}”。`);
        break;
      }
      case 'DecoratorStatement':
      case 'DecoratorBlock':
        add(n, '不允许使用装饰器（{{* }}）。');
        break;
    }
    for (const key of ['body', 'program', 'inverse', 'params', 'hash', 'pairs', 'value', 'path']) if (key in n) visit(n[key]);
  };
  visit(ast);
  return problems;
}

/** Handlebars compile options: only the whitelisted helpers are known; strict for the check. */
const compileOptions = (strict: boolean): CompileOptions => ({
  strict,
  noEscape: false,
  knownHelpersOnly: true,
  knownHelpers: Object.fromEntries(allowedHelpers.map((h) => [h, true])),
});

/** An isolated Handlebars environment with the shared partials and none of the global helpers but the block helpers. */
function environment(shared: Record<string, string>): typeof Handlebars {
  const env = Handlebars.create();
  for (const name of ['log', 'lookup']) env.unregisterHelper(name);
  for (const name of Object.keys(shared)) env.registerPartial(name, shared[name]!);
  return env;
}

/**
 * The problems of a version's templates: each `renderDocument` must name `<key>/<name>` with a
 * template of that name; every template and shared partial passes {@link templateSourceProblems};
 * with `samples`, each document renders its sample (`<name>.sample.json`) in strict mode, without
 * a missing variable.
 */
export function versionTemplateProblems(definition: unknown, templates: VersionTemplates, samples?: Record<string, unknown>): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const key = isObject(definition) ? String(definition.key) : '';
  for (const { path, template } of renderedTemplates(definition)) {
    if (typeof template !== 'string' || template === '') {
      problems.push({ path, message: '生成文书须指明模板（template：“流程标识/模板名”）。' });
      continue;
    }
    const name = template.startsWith(`${key}/`) ? template.slice(key.length + 1) : undefined;
    if (name === undefined) problems.push({ path, message: `文书模板“${template}”不属于本流程：模板须在 templates/${key}/ 中，写作“${key}/模板名”。` });
    else if (ownEntry(templates.documents, name) === undefined) problems.push({ path, message: `未知的文书模板“${template}”：templates/${key}/ 中没有 ${name}.hbs。` });
  }
  const partials = Object.keys(templates.shared);
  for (const name of partials) problems.push(...templateSourceProblems(`/templates/shared/${escape(name)}`, templates.shared[name]!, partials));
  const sound = new Set<string>();
  for (const name of Object.keys(templates.documents)) {
    const found = templateSourceProblems(`/templates/documents/${escape(name)}`, templates.documents[name]!, partials);
    problems.push(...found);
    if (found.length === 0) sound.add(name);
  }
  if (samples && problems.length === 0) {
    const env = environment(templates.shared);
    for (const name of sound) {
      const path = `/templates/samples/${escape(name)}`;
      const sample = ownEntry(samples, name);
      if (!isObject(sample)) {
        problems.push({ path, message: `模板“${name}”缺少示例数据 ${name}.sample.json（一个 JSON 对象），无法检查它能否生成。` });
        continue;
      }
      try {
        env.compile(templates.documents[name]!, compileOptions(true))(sample, { helpers: documentHelpers({ issuer: typeof sample.issuer === 'string' ? sample.issuer : '', strict: true }) });
      } catch (e) {
        const message = (e as Error).message.split('\n')[0]!.replace(/^"([^"]+)" not defined in .*?( - \d+:\d+)?$/, (_m, variable: string, where?: string) => `变量“${variable}”未定义${where ? `（${where.replace(' - ', '位置 ')}）` : ''}`);
        problems.push({ path, message: `模板“${name}”不能用示例数据生成：${message}` });
      }
    }
  }
  return problems;
}

/** A version's documents, compiled once. */
export interface VersionDocuments {
  /** Renders the document `<key>/<name>` with the view; throws for a template the version does not have. */
  render(template: string, view: Record<string, unknown>): string;
}

/** Compiles a version's templates (call once per version; the result is cached with the version). */
export function compileVersionDocuments(key: string, templates: VersionTemplates): VersionDocuments {
  const env = environment(templates.shared);
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  for (const name of Object.keys(templates.documents)) compiled.set(`${key}/${name}`, env.compile(templates.documents[name]!, compileOptions(false)));
  return {
    render(template, view) {
      const run = compiled.get(template);
      if (!run) throw new Error(`未知的文书模板“${template}”。`);
      return run(view, { helpers: documentHelpers({ issuer: typeof view.issuer === 'string' ? view.issuer : '', strict: false }) });
    },
  };
}

/** A version's templates as stored JSON. */
export function templatesJson(templates: VersionTemplates): JsonValue {
  return { documents: { ...templates.documents }, shared: { ...templates.shared } };
}
