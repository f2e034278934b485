import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileVersionDocuments, versionTemplateProblems } from '../../server/adapter/documentTemplates.js';
import { readProcessTemplates, readTemplateSamples } from '../../server/build/processTemplates.js';

const processes = { 'venture-call': ['list'], 'venture-application': ['disqualified', 'notRecommended'], 'venture-project': ['evaluation', 'funded', 'notFunded'] } as const;
const render = (key: string, name: string) => {
  const templates = readProcessTemplates(key);
  return compileVersionDocuments(key, templates).render(`${key}/${name}`, readTemplateSamples(key)[name] as Record<string, unknown>);
};

describe('the 公益创投 templates', () => {
  for (const [key, names] of Object.entries(processes)) {
    it(`${key}: are ${names.join(', ')}, pass the check and lay out A4 pages with 版头, 发文字号 and 落款`, () => {
      const definition = JSON.parse(readFileSync(path.resolve(import.meta.dirname, `../../workflows/${key}/workflow.json`), 'utf8')) as { key: string };
      const templates = readProcessTemplates(key);
      expect(Object.keys(templates.documents).sort()).toEqual([...names].sort());
      expect(versionTemplateProblems(definition, templates, readTemplateSamples(key))).toEqual([]);
      for (const name of names) {
        const html = render(key, name);
        expect(html).toContain('@page { size: A4;');
        expect(html).toContain('class="document-no"');
        expect(html).not.toContain('{{');
      }
    });
  }

  it('write the 立项通知书 with the amount in figures and in 大写, the rank and the report dates', () => {
    const html = render('venture-project', 'funded');
    expect(html).toContain('资助金额 80,000.00元（捌万元整）');
    expect(html).toContain('排名第 1 位');
    expect(html).toContain('于 2027年11月30日 前提交中期报告、2028年5月31日 前提交结项报告');
  });

  it('write every refusal with its reasons and both appeal routes', () => {
    for (const [key, name] of [['venture-project', 'notFunded'], ['venture-application', 'disqualified'], ['venture-application', 'notRecommended']] as const) {
      const html = render(key, name);
      expect(html, name).toContain('六十日内向海安市人民政府申请行政复议');
      expect(html, name).toContain('六个月内依法向人民法院提起行政诉讼');
    }
    expect(render('venture-project', 'notFunded')).toContain('<li>按评审得分排序，本项目超出本期创投资金预算</li>');
  });

  it('list the funded projects in the 公示 without any ID number', () => {
    const html = render('venture-call', 'list');
    expect(html).toContain('<td>1</td><td>海安市青年志愿者协会</td><td>“银龄伙伴”独居老人探访</td><td>88.3</td><td>80,000.00元</td>');
    expect(html).not.toMatch(/\d{17}[\dX]/);
  });
});
