import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileVersionDocuments, versionTemplateProblems } from '../../server/adapter/documentTemplates.js';
import { readProcessTemplates, readTemplateSamples } from '../../server/build/processTemplates.js';
import { documentView } from '../../workflows/children-support/documentView.js';

const definition = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../workflows/children-support/workflow.json'), 'utf8')) as { key: string };
const templates = readProcessTemplates('children-support');
const samples = readTemplateSamples('children-support');
const notices = ['accepted', 'correction', 'confirm', 'refuse'];
const render = (name: string, view: unknown) => compileVersionDocuments('children-support', templates).render(`children-support/${name}`, view as Record<string, unknown>);
const sample = (name: string) => samples[name] as Record<string, unknown>;

describe('the 儿童基本生活保障 templates', () => {
  it('are the four notices and no 公示 list (the children’s privacy)', () => {
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

  it('write the 确认通知书 with the category, the monthly amount also in 大写, and the month payment starts', () => {
    const html = render('confirm', sample('confirm'));
    expect(html).toContain('确认其为事实无人抚养儿童');
    expect(html).toContain('每月 1,200.00元（壹仟贰佰元整）');
    expect(html).toContain('自 2026年4月 起按月发放');
    expect(html).toContain('不予公示');
  });

  it('write the 不予确认通知书 with the reasons and both appeal routes', () => {
    const html = render('refuse', sample('refuse'));
    expect(html).toContain('<li>儿童母亲与儿童共同生活并履行抚养义务，不属于事实无人抚养儿童</li>');
    expect(html).toContain('六十日内向海安市人民政府申请行政复议');
    expect(html).toContain('六个月内依法向人民法院提起行政诉讼');
  });

  it('write the 补正材料通知书 listing every missing material at once', () => {
    const html = render('correction', sample('correction'));
    expect(html).toContain('现一次性告知');
    expect(html).toContain('<li>儿童父亲服刑在押的证明（监狱出具）</li><li>儿童母亲失联的报警回执</li>');
  });
});

describe('the 儿童基本生活保障 document view', () => {
  const format = { date: (d: Date) => d.toISOString().slice(0, 10), mask: (s: string) => s } as never;
  const now = new Date('2026-03-30T10:00:00+08:00');

  it('shows the guardian and child, the confirmed category and the month payment starts', () => {
    const data = { applicant: { name: '陈桂兰', idNumber: '320621196204150024' }, child: { name: '吴小雨', idNumber: '320621201509080024', category: '困境儿童' }, countyConfirm: { category: '事实无人抚养儿童', amount: 1200, payFrom: '2026-04-01' } };
    expect(documentView({ data, parameters: {}, now, format } as never)).toMatchObject({ applicant: { name: '陈桂兰' }, child: { name: '吴小雨' }, category: '事实无人抚养儿童', payFrom: '2026年4月' });
  });

  it('takes the refusal’s reasons from the county’s list, else the comment, and the materials from the acceptance', () => {
    expect(documentView({ data: { countyConfirm: { refusalReasons: ['已满18周岁'] } }, parameters: {}, now, format, comment: '别的' } as never)).toMatchObject({ reasons: ['已满18周岁'] });
    expect(documentView({ data: {}, parameters: {}, now, format, comment: '不符合条件' } as never)).toMatchObject({ reasons: ['不符合条件'], missingMaterials: ['不符合条件'] });
    expect(documentView({ data: { acceptance: { missingMaterials: ['监护关系证明'] } }, parameters: {}, now, format } as never)).toMatchObject({ missingMaterials: ['监护关系证明'] });
  });
});
