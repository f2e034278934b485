import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileVersionDocuments, versionTemplateProblems } from '../../server/adapter/documentTemplates.js';
import { readProcessTemplates, readTemplateSamples } from '../../server/build/processTemplates.js';
import { documentView } from '../../workflows/home-adaptation/documentView.js';

const definition = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../workflows/home-adaptation/workflow.json'), 'utf8')) as { key: string };
const templates = readProcessTemplates('home-adaptation');
const samples = readTemplateSamples('home-adaptation');
const notices = ['accepted', 'correction', 'approve', 'refuse', 'inspection'];
const render = (name: string, view: unknown) => compileVersionDocuments('home-adaptation', templates).render(`home-adaptation/${name}`, view as Record<string, unknown>);
const sample = (name: string) => samples[name] as Record<string, unknown>;

describe('the 适老化改造 templates', () => {
  it('are the four notices and the 验收记录', () => {
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

  it('write the 批准通知书 with the amount also in 大写 and the works of the plan as a numbered table', () => {
    const html = render('approve', sample('approve'));
    expect(html).toContain('给予适老化改造补助 3,200.00元（叁仟贰佰元整）');
    expect(html).toContain('<tr><td>1</td><td>安装扶手</td><td>卫生间马桶旁、淋浴区</td><td>2</td><td>800.00元</td></tr>');
    expect(html).toContain('<td>3</td><td>紧急呼叫设备</td>');
  });

  it('write the 不予批准通知书 with the reasons and both appeal routes', () => {
    const html = render('refuse', sample('refuse'));
    expect(html).toContain('<li>住房已列入征收范围，不宜改造</li>');
    expect(html).toContain('六十日内向海安市人民政府申请行政复议');
    expect(html).toContain('六个月内依法向人民法院提起行政诉讼');
  });

  it('write the 补正材料通知书 listing every missing material at once', () => {
    const html = render('correction', sample('correction'));
    expect(html).toContain('现一次性告知');
    expect(html).toContain('<li>住房产权证明或长期居住证明</li><li>特困供养证复印件</li>');
  });

  it('write the 竣工验收记录: who inspected, the photos on file, and either 合格 with the amount settled or 不合格 with the rework', () => {
    const passed = render('inspection', sample('inspection'));
    expect(passed).toContain('验收人员：曲塘镇 孙红、海安市养老服务评估中心 张敏、家属 沈建军');
    expect(passed).toContain('竣工照片 4 张，验收照片 3 张');
    expect(passed).toContain('验收结论：<strong>合格</strong>。按批准的补助金额 3,200.00元 结算');
    const failed = render('inspection', { ...sample('inspection'), passed: false, rework: ['淋浴区扶手重新固定'] });
    expect(failed).toContain('验收结论：<strong>不合格</strong>');
    expect(failed).toContain('<li>淋浴区扶手重新固定</li>');
    expect(failed).not.toContain('结算');
  });
});

describe('the 适老化改造 document view', () => {
  const format = { date: (d: Date) => d.toISOString().slice(0, 10), mask: (s: string) => s } as never;
  const now = new Date('2026-04-24T10:00:00+08:00');

  it('numbers the works of the plan and counts the photos of each side', () => {
    const data = { elder: { name: '沈桂英' }, plan: { works: [{ item: '安装扶手', quantity: 2, amount: 800 }, { item: '照明改造', quantity: 1, amount: 300 }] }, approval: { amount: 1100 }, works: { provider: '安居', photos: [{}, {}] }, inspection: { passed: true, photos: [{}], inspectors: ['孙红'] } };
    expect(documentView({ data, parameters: {}, now, format } as never)).toMatchObject({ elder: { name: '沈桂英' }, works: [{ no: 1, item: '安装扶手' }, { no: 2, item: '照明改造' }], amount: 1100, provider: '安居', worksPhotos: 2, inspectionPhotos: 1, passed: true, inspectors: ['孙红'] });
  });

  it('takes the rework from the inspection’s list, else the comment; the refusal’s reasons likewise', () => {
    expect(documentView({ data: { inspection: { rework: ['扶手松动'] } }, parameters: {}, now, format, comment: '别的' } as never)).toMatchObject({ rework: ['扶手松动'], passed: false });
    expect(documentView({ data: {}, parameters: {}, now, format, comment: '不符合条件' } as never)).toMatchObject({ reasons: ['不符合条件'], rework: ['不符合条件'] });
  });
});
