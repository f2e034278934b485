import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileVersionDocuments, versionTemplateProblems } from '../../server/adapter/documentTemplates.js';
import { readProcessTemplates, readTemplateSamples } from '../../server/build/processTemplates.js';

const definition = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../workflows/dibao/workflow.json'), 'utf8')) as { key: string };
const templates = readProcessTemplates('dibao');
const samples = readTemplateSamples('dibao');
const notices = ['accepted', 'notice', 'confirm', 'refuse', 'notAccepted', 'withdrawn'];

describe('the 低保 templates', () => {
  it('are the six notices, beside the shared layout and its A4 CSS', () => {
    expect(Object.keys(templates.documents).sort()).toEqual([...notices].sort());
    expect(Object.keys(templates.shared).sort()).toEqual(['a4', 'layout']);
  });

  it('pass the check: every template the definition names exists, keeps the rules and renders its sample strictly', () => {
    expect(versionTemplateProblems(definition, templates, samples)).toEqual([]);
  });

  for (const name of notices) {
    it(`lay ${name} out as a complete A4 page per GB/T 9704: 版头 in red, 发文字号, 标题, 正文, 落款 and 成文日期`, () => {
      const sample = samples[name] as Record<string, string>;
      const html = compileVersionDocuments('dibao', templates).render(`dibao/${name}`, sample);
      expect(html).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
      expect(html).toMatch(/<\/body>\n<\/html>\n?$/);
      expect(html).toContain('@page { size: A4; margin: 37mm 26mm 35mm 28mm; }');
      expect(html).toContain(`<div class="issuing-body">${sample.issuer}</div>`);
      expect(html).toMatch(/\.issuing-body \{ color: #c00;/);
      expect(html).toContain(`<div class="document-no">${sample.documentNo}</div>`);
      expect(html).toMatch(/<h1 class="title">[^<]+<\/h1>/);
      expect(html).toContain(`<p class="sign">${sample.issuer}<br>${sample.decidedAt}</p>`);
      expect(html).not.toContain('{{');
    });
  }

  it('write the monthly amount of a confirmation also in 大写', () => {
    expect(compileVersionDocuments('dibao', templates).render('dibao/confirm', samples.confirm as Record<string, unknown>)).toContain('1600 元（壹仟陆佰元整）');
  });
});

describe('the 低保 notices', () => {
  const render = (name: string, view: unknown) => compileVersionDocuments('dibao', templates).render(`dibao/${name}`, view as Record<string, unknown>);
  const sample = (name: string) => samples[name] as Record<string, unknown>;

  it('render the 确认通知书 with the amount and the payment start', () => {
    const html = render('confirm', sample('confirm'));
    expect(html).toContain('1600 元');
    expect(html).toContain('保障金自 2026年5月 起按月发放');
  });

  it('render the 不予确认通知书 with the reasons and both appeal routes', () => {
    const html = render('refuse', sample('refuse'));
    expect(html).toContain('<li>家庭人均月收入高于当地最低生活保障标准</li>');
    expect(html).toContain('六十日内向海安市人民政府申请行政复议');
    expect(html).toContain('六个月内依法向人民法院提起行政诉讼');
    expect(html).toContain('本通知书经孙庄街道办事处送达');
    expect(html).toMatch(/<p class="sign">海安市民政局<br>/);
  });

  it('sign the 不予确认通知书 in the township’s name, with no delivery line, where the township confirms', () => {
    const html = render('refuse', { ...sample('refuse'), issuer: '孙庄街道办事处', deliveredBy: '' });
    expect(html).toMatch(/<p class="sign">孙庄街道办事处<br>/);
    expect(html).toContain('<div class="issuing-body">孙庄街道办事处</div>');
    expect(html).not.toContain('送达');
  });

  it('render the township’s 不予受理通知书: its own title and wording, the reasons, both appeal routes, signed by the township', () => {
    const html = render('notAccepted', sample('notAccepted'));
    expect(html).toContain('<h1 class="title">最低生活保障申请不予受理通知书</h1>');
    expect(html).toContain('不符合受理条件，决定不予受理');
    expect(html).toContain('<li>申请人户籍不在本镇，应向户籍所在地乡镇人民政府（街道办事处）提出申请</li>');
    expect(html).toContain('六十日内向海安市人民政府申请行政复议');
    expect(html).toContain('六个月内依法向人民法院提起行政诉讼');
    expect(html).toMatch(/<p class="sign">曲塘镇人民政府<br>2026年3月4日<\/p>/);
    expect(html).not.toContain('不予确认');
  });

  it('render the 终止办理告知书 of a withdrawn application, signed by the township, without a decision against the applicant', () => {
    const html = render('withdrawn', sample('withdrawn'));
    expect(html).toContain('已于 2026年3月3日 申请撤回');
    expect(html).toContain('可以随时向户籍所在地乡镇人民政府（街道办事处）重新提出申请');
    expect(html).toMatch(/<p class="sign">曲塘镇人民政府<br>/);
    expect(html).not.toMatch(/不予|行政复议/);
  });

  it('keep script payloads inert', () => {
    const payload = '<img src=x onerror=alert(1)><script>alert(2)</script>" onmouseover="x';
    for (const t of notices) {
      const view = { ...sample(t), applicant: { name: payload }, reasons: [payload], maskedName: payload, issuer: payload, documentNo: payload, caseNo: '{{constructor.constructor}}' };
      const html = render(t, view);
      expect(html, t).not.toContain('<img src=x');
      expect(html, t).not.toContain('<script>alert');
    }
  });
});
