import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileVersionDocuments, versionTemplateProblems } from '../../server/adapter/documentTemplates.js';
import { readProcessTemplates, readTemplateSamples } from '../../server/build/processTemplates.js';

const definition = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../workflows/liangxiang/workflow.json'), 'utf8')) as { key: string };
const templates = readProcessTemplates('liangxiang');
const samples = readTemplateSamples('liangxiang');
const notices = ['accepted', 'correction', 'notice', 'living', 'nursing', 'refuse', 'notPassed'];
const render = (name: string, view: Record<string, unknown>) => compileVersionDocuments('liangxiang', templates).render(`liangxiang/${name}`, view);
const sample = (name: string) => samples[name] as Record<string, unknown>;
const appealRights = ['六十日内', '行政复议', '六个月内', '行政诉讼'];

describe('the 残疾人两项补贴 documents', () => {
  it('are the seven notices and pass the check, each rendering its sample strictly', () => {
    expect(Object.keys(templates.documents).sort()).toEqual([...notices].sort());
    expect(versionTemplateProblems(definition, templates, samples)).toEqual([]);
  });

  for (const name of notices) {
    it(`lay ${name} out on the shared A4 layout with 版头, 发文字号 and 落款`, () => {
      const html = render(name, sample(name));
      expect(html).toContain(`<div class="issuing-body">${sample(name).issuer as string}</div>`);
      expect(html).toContain(`<div class="document-no">${sample(name).documentNo as string}</div>`);
      expect(html).toContain(`<p class="sign">${sample(name).issuer as string}<br>${sample(name).decidedAt as string}</p>`);
    });
  }

  it('grant an item with its monthly amount in figures and 大写 and the month payment starts', () => {
    const html = render('living', sample('living'));
    expect(html).toContain('每月 100.00元（壹佰元整），自 2026年4月 起按月发放');
    expect(appealRights.some((w) => html.includes(w))).toBe(false);
  });

  it('refuse an item with its reasons and the right to 行政复议 within 60 days or 行政诉讼 within 6 months', () => {
    const html = render('nursing', { ...sample('nursing'), decisionItem: { item: 'nursing', name: '重度残疾人护理补贴', outcome: 'rejected', reasons: '四级视力残疾不属于护理补贴对象' } });
    expect(html).toContain('决定不予给予。理由：四级视力残疾不属于护理补贴对象');
    for (const words of appealRights) expect(html).toContain(words);
    for (const name of ['refuse', 'notPassed']) for (const words of appealRights) expect(render(name, sample(name))).toContain(words);
  });

  it('list every missing material at once on the 补正材料通知书', () => {
    expect(render('correction', sample('correction'))).toContain('<ol><li>第二代残疾人证复印件</li><li>监护关系证明</li></ol>');
  });

  it('publish no ID or certificate number on the 公示', () => {
    const html = render('notice', { ...sample('notice'), disabledPerson: { name: '张明', idNumber: '320621198001150015', disabilityType: '肢体残疾', grade: '二级' } });
    expect(html).toContain('<td>张*</td><td>肢体残疾</td><td>二级</td>');
    expect(html).not.toContain('320621198001150015');
  });
});
