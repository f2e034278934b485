import { describe, expect, it } from 'vitest';
import { compileVersionDocuments, readVersionTemplates, renderedTemplates, versionTemplateProblems, type VersionTemplates } from '../../../server/adapter/documentTemplates.js';

const layout = '<html><body><h1>{{title}}</h1><p>{{documentNo}}</p>{{> @partial-block}}<p class="sign">{{issuingBody}}<br>{{decidedAt}}</p></body></html>';

/** A definition whose approval renders `template`. */
const definition = (template: unknown) => ({
  key: 'probe',
  version: 1,
  name: '探针',
  initial: 'review',
  steps: {
    review: { type: 'task', name: '审核', assignee: { level: 'county' }, actions: { approve: { kind: 'approve', label: '同意', target: 'done', effects: [{ effect: 'renderDocument', args: { template, kind: 'decision', title: '决定书' } }] } } },
    done: { type: 'final', name: '完成', outcome: 'approved' },
  },
});

const templates = (documents: Record<string, string>, shared: Record<string, string> = { layout }): VersionTemplates => ({ documents, shared });
const notice = '{{#> layout title="决定书"}}<p>{{name}}：月保障金 {{yuanInWords amount}}。</p>{{/layout}}';
const sample = { name: '王秀英', amount: 1200, documentNo: '海民发〔2026〕1号', issuer: '海安市民政局', decidedAt: '2026年3月20日' };

describe('the check of a version’s templates', () => {
  it('passes a definition whose document exists, keeps the rules and renders its sample', () => {
    expect(versionTemplateProblems(definition('probe/decision'), templates({ decision: notice }), { decision: sample })).toEqual([]);
  });

  it('finds renderDocument wherever it sits under the steps, with the pointer of its template', () => {
    expect(renderedTemplates(definition('probe/decision'))).toEqual([{ path: '/steps/review/actions/approve/effects/0/args/template', template: 'probe/decision' }]);
  });

  it('finds the notice of each decision item too', () => {
    const withItems = { ...definition('probe/decision'), decisions: { care: { name: '护理补贴', notice: { template: 'probe/care', title: '护理补贴决定书' } }, living: { name: '生活补贴' } } };
    expect(versionTemplateProblems(withItems, templates({ decision: notice }))).toEqual([{ path: '/decisions/care/notice/template', message: '未知的文书模板“probe/care”：templates/probe/ 中没有 care.hbs。' }]);
  });

  it('refuses a document named in the definition that the process’s templates do not have', () => {
    expect(versionTemplateProblems(definition('probe/missing'), templates({ decision: notice }))).toEqual([
      { path: '/steps/review/actions/approve/effects/0/args/template', message: '未知的文书模板“probe/missing”：templates/probe/ 中没有 missing.hbs。' },
    ]);
  });

  it('refuses a template of another process and a renderDocument without a template', () => {
    expect(versionTemplateProblems(definition('other/decision'), templates({ decision: notice }))).toEqual([
      { path: '/steps/review/actions/approve/effects/0/args/template', message: '文书模板“other/decision”不属于本流程：模板须在 templates/probe/ 中，写作“probe/模板名”。' },
    ]);
    expect(versionTemplateProblems(definition(undefined), templates({}))[0]).toEqual({ path: '/steps/review/actions/approve/effects/0/args/template', message: '生成文书须指明模板（template：“流程标识/模板名”）。' });
  });

  it('refuses a helper outside the whitelist, also inside a sub-expression or a block', () => {
    expect(versionTemplateProblems(definition('probe/decision'), templates({ decision: '{{#> layout title="x"}}\n{{lookup a b}}{{#each (sort list)}}{{/each}}{{#custom}}{{/custom}}{{/layout}}' }))).toEqual([
      { path: '/templates/documents/decision', message: '第 2 行使用了白名单以外的助手“lookup”；可用的助手：if、unless、each、with、cnDate、yuan、yuanInWords、maskId、maskName、issuingBody。' },
      { path: '/templates/documents/decision', message: '第 2 行使用了白名单以外的助手“sort”；可用的助手：if、unless、each、with、cnDate、yuan、yuanInWords、maskId、maskName、issuingBody。' },
      { path: '/templates/documents/decision', message: '第 2 行区块只能使用 if、unless、each、with，不能是“custom”。' },
    ]);
  });

  it('refuses triple-stash and {{& }} output: every value is escaped', () => {
    const problems = versionTemplateProblems(definition('probe/decision'), templates({ decision: '{{{comment}}} {{& reason}}' }));
    expect(problems).toEqual([
      { path: '/templates/documents/decision', message: '第 1 行不允许不转义的输出（{{{ }}} 或 {{& }}）：文书中的一切取值都须转义。' },
      { path: '/templates/documents/decision', message: '第 1 行不允许不转义的输出（{{{ }}} 或 {{& }}）：文书中的一切取值都须转义。' },
    ]);
  });

  it('refuses partials other than the shared layout’s, and a syntax error', () => {
    expect(versionTemplateProblems(definition('probe/decision'), templates({ decision: '{{> header}}' }))).toEqual([{ path: '/templates/documents/decision', message: '第 1 行只能引用共享版式中的局部模板（layout），不能引用“header”。' }]);
    expect(versionTemplateProblems(definition('probe/decision'), templates({ decision: '{{#if a}}' }))[0]).toMatchObject({ path: '/templates/documents/decision', message: expect.stringMatching(/^模板语法错误：/) });
  });

  it('refuses unescaped output in the shared layout too', () => {
    expect(versionTemplateProblems(definition('probe/decision'), templates({ decision: notice }, { layout: '{{{title}}}{{> @partial-block}}' }))).toEqual([
      { path: '/templates/shared/layout', message: '第 1 行不允许不转义的输出（{{{ }}} 或 {{& }}）：文书中的一切取值都须转义。' },
    ]);
  });

  it('refuses a template whose sample is missing, does not render, or leaves a variable undefined', () => {
    const check = (samples: Record<string, unknown>) => versionTemplateProblems(definition('probe/decision'), templates({ decision: notice }), samples);
    expect(check({})).toEqual([{ path: '/templates/samples/decision', message: '模板“decision”缺少示例数据 decision.sample.json（一个 JSON 对象），无法检查它能否生成。' }]);
    const { name: _name, ...withoutName } = sample;
    expect(check({ decision: withoutName })).toEqual([{ path: '/templates/samples/decision', message: expect.stringContaining('模板“decision”不能用示例数据生成：变量“name”未定义') }]);
    expect(check({ decision: { ...sample, amount: 'a lot' } })).toEqual([{ path: '/templates/samples/decision', message: '模板“decision”不能用示例数据生成：助手“yuanInWords”不能处理取值 "a lot"。' }]);
    const { issuer: _issuer, ...withoutIssuer } = sample;
    expect(check({ decision: withoutIssuer })[0]!.message).toContain('助手“issuingBody”');
  });
});

describe('the compiled documents of a version', () => {
  it('render with the shared layout and the whitelisted helpers, escaping every value', () => {
    const docs = compileVersionDocuments('probe', templates({ decision: notice }));
    const html = docs.render('probe/decision', { ...sample, name: '<b>王</b>' });
    expect(html).toContain('<h1>决定书</h1><p>海民发〔2026〕1号</p>');
    expect(html).toContain('&lt;b&gt;王&lt;/b&gt;：月保障金 壹仟贰佰元整。');
    expect(html).toContain('<p class="sign">海安市民政局<br>2026年3月20日</p>');
  });

  it('reach no helper outside the whitelist, even one registered globally elsewhere', async () => {
    const Handlebars = (await import('handlebars')).default;
    Handlebars.registerHelper('leak', () => 'LEAKED');
    try {
      const docs = compileVersionDocuments('probe', templates({ decision: '{{leak}}|{{leak 1}}' }));
      expect(() => docs.render('probe/decision', {})).toThrow(/unknown helper leak/);
      expect(compileVersionDocuments('probe', templates({ plain: '[{{leak}}]' })).render('probe/plain', {})).toBe('[]');
    } finally {
      Handlebars.unregisterHelper('leak');
    }
  });

  it('throw for a document the version does not carry, and read a stored templates field defensively', () => {
    expect(() => compileVersionDocuments('probe', templates({})).render('probe/none', {})).toThrow('未知的文书模板“probe/none”。');
    expect(readVersionTemplates(null)).toEqual({ documents: {}, shared: {} });
    expect(readVersionTemplates({ documents: { a: 'x', b: 3 }, shared: 'no' })).toEqual({ documents: { a: 'x' }, shared: {} });
  });
});
