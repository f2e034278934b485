import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileVersionDocuments, versionTemplateProblems } from '../../server/adapter/documentTemplates.js';
import { readProcessTemplates, readTemplateSamples } from '../../server/build/processTemplates.js';
import { documentView } from '../../workflows/fundraising-filing/documentView.js';

const definition = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../workflows/fundraising-filing/workflow.json'), 'utf8')) as { key: string };
const templates = readProcessTemplates('fundraising-filing');
const samples = readTemplateSamples('fundraising-filing');
const notices = ['receipt', 'completion', 'refused', 'lapsed', 'notConsented'];
const render = (name: string, view: unknown) => compileVersionDocuments('fundraising-filing', templates).render(`fundraising-filing/${name}`, view as Record<string, unknown>);
const sample = (name: string) => samples[name] as Record<string, unknown>;

describe('the 公开募捐方案备案 templates', () => {
  it('are the receipt and the four notices, and pass the check', () => {
    expect(Object.keys(templates.documents).sort()).toEqual([...notices].sort());
    expect(versionTemplateProblems(definition, templates, samples)).toEqual([]);
  });

  for (const name of notices) {
    it(`lay ${name} out as a complete A4 page with 版头, 发文字号, 标题 and 落款`, () => {
      const s = sample(name) as Record<string, string>;
      const html = render(name, s);
      expect(html).toContain('@page { size: A4;');
      expect(html).toContain(`<div class="document-no">${s.documentNo}</div>`);
      expect(html).not.toContain('{{');
    });
  }

  it('write the 备案回执 with the record number, the plan and every disclosure owed', () => {
    const html = render('receipt', sample('receipt'));
    expect(html).toContain('备案编号 海民募备〔2026〕7号');
    expect(html).toContain('募捐目标：300,000.00元');
    expect(html).toContain('<li>定期公开：截至 2027年1月1日，于 2027年1月1日 前公开</li><li>结束后全面公开：截至 2027年9月30日，于 2027年12月30日 前公开</li>');
  });

  it('write the refusals with reasons and both appeal routes, and the 补齐 notice with everything missing and the 5 日', () => {
    for (const name of ['refused', 'lapsed', 'notConsented']) {
      const html = render(name, sample(name));
      expect(html, name).toContain('六十日内向海安市人民政府申请行政复议');
      expect(html, name).toContain('六个月内依法向人民法院提起行政诉讼');
    }
    expect(render('refused', sample('refused'))).toContain('<li>募捐方案所列受益人与组织章程规定的业务范围不符</li>');
    const completion = render('completion', sample('completion'));
    expect(completion).toContain('<li>募捐负责人的身份证明</li><li>募捐箱设置地点清单</li>');
    expect(completion).toContain('五日内补齐，或者撤回备案');
  });
});

describe('the 公开募捐方案备案 document view', () => {
  const format = { date: (d: Date) => d.toISOString().slice(0, 10), mask: (s: string) => s } as never;
  it('shows the campaign dates in Chinese, the disclosures owed and a change filing as such', () => {
    const view = documentView({
      template: 'fundraising-filing/receipt', kind: 'receipt', parameters: {}, now: new Date('2026-09-20T10:00:00+08:00'), base: {}, format,
      data: {
        organisation: { name: '海安市青年志愿者协会', creditCode: '51320685MJ5803Q69E' },
        filing: { kind: '变更备案', originalRecordNo: '海民募备〔2026〕7号', changes: '延长期限' },
        campaign: { title: '暖冬助学', startDate: '2026-10-01', endDate: '2027-09-30', target: 300000 },
        review: { recordNo: '海民募备〔2026〕7号-1' },
        obligations: { items: [{ kind: '结束后全面公开', periodEnd: '2027-09-30', dueDate: '2027-12-30' }] },
      },
    });
    expect(view).toMatchObject({ changeFiling: true, originalRecordNo: '海民募备〔2026〕7号', recordNo: '海民募备〔2026〕7号-1', campaign: { startDate: '2026年10月1日', endDate: '2027年9月30日' }, disclosures: [{ kind: '结束后全面公开', dueDate: '2027年12月30日' }] });
    const html = render('receipt', { ...sample('receipt'), ...view });
    expect(html).toContain('公开募捐方案变更（原备案编号 海民募备〔2026〕7号）');
    expect(html).toContain('变更事项：延长期限');
  });
});
