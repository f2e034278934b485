import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileVersionDocuments, versionTemplateProblems } from '../../server/adapter/documentTemplates.js';
import { readProcessTemplates, readTemplateSamples } from '../../server/build/processTemplates.js';
import { documentView } from '../../workflows/home-care-subsidy/documentView.js';

const definition = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../workflows/home-care-subsidy/workflow.json'), 'utf8')) as { key: string };
const templates = readProcessTemplates('home-care-subsidy');
const samples = readTemplateSamples('home-care-subsidy');
const notices = ['accepted', 'correction', 'approve', 'refuse'];
const render = (name: string, view: unknown) => compileVersionDocuments('home-care-subsidy', templates).render(`home-care-subsidy/${name}`, view as Record<string, unknown>);
const sample = (name: string) => samples[name] as Record<string, unknown>;

describe('the 居家养老服务补贴 templates', () => {
  it('are the four notices', () => {
    expect(Object.keys(templates.documents).sort()).toEqual([...notices].sort());
  });

  it('pass the check: every template the definition names exists, keeps the rules and renders its sample strictly', () => {
    expect(versionTemplateProblems(definition, templates, samples)).toEqual([]);
  });

  for (const name of notices) {
    it(`lay ${name} out as a complete A4 page with 版头, 发文字号, 标题 and 落款`, () => {
      const s = sample(name) as Record<string, string>;
      const html = render(name, s);
      expect(html).toContain('@page { size: A4;');
      expect(html).toContain(`<div class="issuing-body">${s.issuer}</div>`);
      expect(html).toContain(`<div class="document-no">${s.documentNo}</div>`);
      expect(html).toContain(`<p class="sign">${s.issuer}<br>${s.decidedAt}</p>`);
      expect(html).not.toContain('{{');
    });
  }

  it('write the 批准通知书 with the service level, the monthly amount also in 大写, the services and the month payment starts', () => {
    const html = render('approve', sample('approve'));
    expect(html).toContain('服务等级为二级');
    expect(html).toContain('每月 200.00元（贰佰元整）');
    expect(html).toContain('自 2026年4月 起按月发放');
    expect(html).toContain('用于购买助餐、助洁、助医等上门服务');
  });

  it('write the 不予批准通知书 with the reasons and both appeal routes', () => {
    const html = render('refuse', sample('refuse'));
    expect(html).toContain('<li>家庭人均收入高于当地经济困难老年人认定标准</li>');
    expect(html).toContain('六十日内向海安市人民政府申请行政复议');
    expect(html).toContain('六个月内依法向人民法院提起行政诉讼');
  });

  it('write the 补正材料通知书 listing every missing material at once', () => {
    const html = render('correction', sample('correction'));
    expect(html).toContain('现一次性告知');
    expect(html).toContain('<li>低保证复印件</li><li>失能情况的医疗证明</li>');
  });
});

describe('the 居家养老服务补贴 document view', () => {
  const format = { date: (d: Date) => d.toISOString().slice(0, 10), mask: (s: string) => s } as never;
  const now = new Date('2026-03-20T10:00:00+08:00');

  it('shows the applicant and the elder, the assessed level and services, the amount and the month payment starts', () => {
    const data = { applicant: { name: '周玉芳' }, elder: { name: '周玉芳' }, assessment: { serviceLevel: '二级', services: ['助餐'] }, approval: { amount: 200, payFrom: '2026-04-01' } };
    expect(documentView({ data, parameters: {}, now, format } as never)).toMatchObject({ applicant: { name: '周玉芳' }, elder: { name: '周玉芳' }, serviceLevel: '二级', services: ['助餐'], amount: 200, payFrom: '2026年4月' });
  });

  it('takes the refusal’s reasons from the approver’s list, else the comment', () => {
    expect(documentView({ data: { approval: { refusalReasons: ['未满60周岁'] } }, parameters: {}, now, format, comment: '别的' } as never)).toMatchObject({ reasons: ['未满60周岁'] });
    expect(documentView({ data: {}, parameters: {}, now, format, comment: '不符合条件' } as never)).toMatchObject({ reasons: ['不符合条件'], missingMaterials: ['不符合条件'] });
  });
});
