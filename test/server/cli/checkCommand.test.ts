import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = path.resolve(import.meta.dirname, '../../../bin/tongban.mjs');
const dir = mkdtempSync(path.join(tmpdir(), 'tongban-cli-'));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function file(name: string, content: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

describe('tongban check', () => {
  it('passes the shipped 低保 definition with exit 0', () => {
    const r = run('check', path.resolve(import.meta.dirname, '../../../workflows/dibao/workflow.json'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('通过：最低生活保障审核确认');
  });

  it('refuses a key written twice in the file, with its path', () => {
    const text = '{"key":"x","version":1,"name":"重复键流程","initial":"a","steps":{"a":{"type":"task","name":"甲","assignee":{"level":"village"},"pausesClock":true,"pausesClock":false,"actions":{"go":{"kind":"approve","label":"同意","target":"b"}}},"b":{"type":"final","name":"结束","outcome":"approved"}}}';
    const r = run('check', file('repeated.json', text));
    expect(r.code).toBe(1);
    expect(r.err).toContain('/steps/a/pausesClock: 属性“pausesClock”在同一对象中写了两次');
  });

  it('lists every problem as JSON-path: message and exits 1', () => {
    const r = run('check', file('broken.json', JSON.stringify({ key: 'x', version: 1, name: '坏流程', initial: 'a', steps: { a: { type: 'task', name: '甲', assignee: { level: 'village' }, actions: { go: { kind: 'approve', label: '同意', target: 'nowhere' } } }, lost: { type: 'final', name: '孤立', outcome: 'approved' } } })));
    expect(r.code).toBe(1);
    expect(r.err).toContain('/steps/a/actions/go/target: 目标步骤“nowhere”未定义。');
    expect(r.err).toContain('/steps/lost: 步骤“孤立”从起始步骤无法到达。');
  });

  it('refuses names every object inherits (constructor, __proto__ …) as steps, actions and targets', () => {
    const text = '{"key":"x","version":1,"name":"内置名流程","initial":"a","steps":{"a":{"type":"task","name":"甲","assignee":{"level":"village"},"actions":{"toString":{"kind":"approve","label":"同意","target":"constructor"}}},"__proto__":{"type":"final","name":"原型","outcome":"approved"},"valueOf":{"type":"final","name":"值","outcome":"approved"}}}';
    const r = run('check', file('inherited.json', text));
    expect(r.code).toBe(1);
    expect(r.err).toContain('/steps/a/actions/toString: 名称“toString”与 JavaScript 对象的内置属性重名');
    expect(r.err).toContain('/steps/a/actions/toString/target: 名称“constructor”与 JavaScript 对象的内置属性重名');
    expect(r.err).toContain('/steps/__proto__: 步骤名“__proto__”只能用字母、数字、点、下划线和连字符。');
    expect(r.err).toContain('/steps/valueOf: 名称“valueOf”与 JavaScript 对象的内置属性重名');
    expect(r.err).not.toMatch(/at .*\.ts:\d+/);
  });

  it('treats garbage, a wrong shape and a missing file the same way, without a stack trace', () => {
    for (const target of [file('garbage.json', 'not json at all'), file('array.json', '[1,2]'), path.join(dir, 'missing.json')]) {
      const r = run('check', target);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/^\/: /);
      expect(r.err).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  it('checks a definition with the process module beside it: its own names pass, a module of another process is refused', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'tongban-cli-process-'));
    const processDir = path.join(folder, 'relief');
    mkdirSync(processDir);
    writeFileSync(path.join(folder, 'package.json'), '{ "type": "module" }');
    const definition = { key: 'relief', version: 1, name: '救助', initial: 'a', steps: { a: { type: 'task', name: '审核', assignee: { level: 'township' }, actions: { go: { kind: 'approve', label: '同意', target: 'b', effects: [{ effect: 'relief.amount' }] } } }, b: { type: 'final', name: '完', outcome: 'approved' } } };
    writeFileSync(path.join(processDir, 'workflow.json'), JSON.stringify(definition));
    const withoutModule = run('check', path.join(processDir, 'workflow.json'));
    expect(withoutModule.code).toBe(1);
    expect(withoutModule.err).toContain('/steps/a/actions/go/effects/0/effect: 未注册的效果“relief.amount”。');
    writeFileSync(path.join(processDir, 'process.ts'), "export const processModule = { key: 'relief', effects: { 'relief.amount': () => ({ effects: [] }) } };\n");
    expect(run('check', path.join(processDir, 'workflow.json'))).toMatchObject({ code: 0 });
    writeFileSync(path.join(processDir, 'process.ts'), "export const processModule = { key: 'other', effects: {} };\n");
    const foreign = run('check', path.join(processDir, 'workflow.json'));
    expect(foreign.code).toBe(1);
    expect(foreign.err).toContain('/process: ');
    expect(foreign.err).toContain('须与目录名“relief”相同');
  }, 60_000);

  it('checks the documents a definition names against templates/<key>/ of its project, with each problem at its file', () => {
    const project = mkdtempSync(path.join(tmpdir(), 'tongban-cli-templates-'));
    const put = (name: string, text: string) => {
      mkdirSync(path.dirname(path.join(project, name)), { recursive: true });
      writeFileSync(path.join(project, name), text);
    };
    const notice = (template: string) => ({ effect: 'renderDocument', args: { template, kind: 'decision', title: '决定书' } });
    const definition = (templates: string[]) => ({ key: 'relief', version: 1, name: '救助', initial: 'a', steps: { a: { type: 'task', name: '审核', assignee: { level: 'township' }, actions: { go: { kind: 'approve', label: '同意', target: 'b', effects: templates.map(notice) } } }, b: { type: 'final', name: '完', outcome: 'approved' } } });
    put('templates/_shared/layout.hbs', '<html><body><h1>{{title}}</h1>{{documentNo}}{{> @partial-block}}<p>{{issuingBody}} {{decidedAt}}</p></body></html>');
    put('templates/relief/decision.hbs', '{{#> layout title="决定书"}}<p>{{name}}：{{yuanInWords amount}}</p>{{/layout}}');
    put('templates/relief/decision.sample.json', JSON.stringify({ name: '王秀英', amount: 1200, documentNo: '海民发〔2026〕1号', issuer: '海安市民政局', decidedAt: '2026年3月20日' }));
    put('workflows/relief/workflow.json', JSON.stringify(definition(['relief/decision'])));
    const file = path.join(project, 'workflows/relief/workflow.json');
    expect(run('check', file)).toMatchObject({ code: 0 });

    put('workflows/relief/workflow.json', JSON.stringify(definition(['relief/decision', 'relief/grant'])));
    put('templates/relief/extra.hbs', '{{{name}}}{{lookup a b}}');
    put('templates/relief/extra.sample.json', '{}');
    put('templates/relief/decision.sample.json', JSON.stringify({ amount: 1200, documentNo: '1', issuer: '海安市民政局', decidedAt: '今天' }));
    const refused = run('check', file);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('/steps/a/actions/go/effects/1/args/template: 未知的文书模板“relief/grant”：templates/relief/ 中没有 grant.hbs。');
    expect(refused.err).toMatch(/templates\/relief\/extra\.hbs: 第 1 行不允许不转义的输出/);
    expect(refused.err).toMatch(/templates\/relief\/extra\.hbs: 第 1 行使用了白名单以外的助手“lookup”/);

    put('workflows/relief/workflow.json', JSON.stringify(definition(['relief/decision'])));
    put('templates/relief/extra.hbs', '{{name}}');
    put('templates/relief/extra.sample.json', JSON.stringify({ name: '甲' }));
    const sample = run('check', file);
    expect(sample.code).toBe(1);
    expect(sample.err).toMatch(/templates\/relief\/decision\.sample\.json: 模板“decision”不能用示例数据生成：变量“name”未定义/);

    put('templates/_shared/layout.hbs', '<html><body>{{{title}}}{{> @partial-block}}</body></html>');
    expect(run('check', file).err).toMatch(/templates\/_shared\/layout\.hbs: 第 1 行不允许不转义的输出/);
  }, 60_000);

  it('checks the child process a definition starts against the definitions beside it', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'tongban-cli-children-'));
    const write = (key: string, def: object) => {
      mkdirSync(path.join(root, 'workflows', key), { recursive: true });
      return file(path.relative(dir, path.join(root, 'workflows', key, 'workflow.json')), JSON.stringify(def));
    };
    const child = (parents: string[]) => ({ key: 'child', version: 1, name: '子流程', initial: 'done', starters: [{ kind: 'parent', workflows: parents }], subject: { kind: 'organisation' }, steps: { done: { type: 'final', name: '完成', outcome: 'approved' } } });
    const parent = write('parent', {
      key: 'parent', version: 1, name: '父流程', initial: 'review', starters: [{ kind: 'organisation' }], subject: { kind: 'organisation' },
      steps: { review: { type: 'task', name: '审查', assignee: { level: 'county' }, actions: { pass: { kind: 'approve', label: '通过', target: 'done', effects: [{ effect: 'startChildCase', args: { workflow: 'child' } }] } } }, done: { type: 'final', name: '完成', outcome: 'approved' } },
    });
    write('child', child(['other']));
    const refused = run('check', parent);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('/steps/review/actions/pass/effects/0/args/workflow: 流程“child”没有声明可由“parent”的案件发起');
    write('child', child(['parent']));
    expect(run('check', parent).code).toBe(0);
  }, 30_000);

  it('prints help and refuses unknown commands', () => {
    expect(run('--help').out).toContain('tongban check');
    expect(run('frobnicate').code).toBe(2);
  });
});
