import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileVersionDocuments, versionTemplateProblems } from '../../server/adapter/documentTemplates.js';
import { readProcessTemplates, readTemplateSamples } from '../../server/build/processTemplates.js';

const definition = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../workflows/linshi/workflow.json'), 'utf8')) as { key: string };
const templates = readProcessTemplates('linshi');
const samples = readTemplateSamples('linshi');
const notices = ['accepted', 'correction', 'notAccepted', 'emergency', 'notice', 'grant', 'refuse', 'referral'];
const render = (name: string, view: Record<string, unknown>) => compileVersionDocuments('linshi', templates).render(`linshi/${name}`, view);
const sample = (name: string) => samples[name] as Record<string, unknown>;
const appealRights = ['六十日内', '行政复议', '六个月内', '行政诉讼'];

describe('the 临时救助 documents', () => {
  it('are the eight notices and pass the check, each rendering its sample strictly', () => {
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

  it('register a 先行救助 with its recipient, amount in figures and 大写, and the back-fill limit', () => {
    const html = render('emergency', sample('emergency'));
    expect(html).toContain('先行救助金额：1,500.00元（壹仟伍佰元整）');
    expect(html).toContain('须在 5 个工作日内补齐');
  });

  it('grant an amount with its instalments, counting what was paid first', () => {
    expect(render('grant', sample('grant'))).toContain('决定给予临时救助 4,000.00元（肆仟元整），分 2 次发放');
    const topUp = render('grant', { ...sample('grant'), paidFirst: 1000, amount: 3000, instalments: 0 });
    expect(topUp).toContain('（已先行救助 1,000.00元）');
    expect(topUp).toContain('3,000.00元（叁仟元整），含已先行发放的金额');
    expect(appealRights.some((w) => topUp.includes(w))).toBe(false);
  });

  it('refuse, and refuse to accept, with the reasons and the right to 行政复议 within 60 days or 行政诉讼 within 6 months', () => {
    for (const name of ['refuse', 'notAccepted']) {
      const html = render(name, sample(name));
      for (const words of appealRights) expect(html).toContain(words);
      for (const reason of sample(name).reasons as string[]) expect(html).toContain(reason);
    }
  });

  it('list every missing material at once on the 补正材料通知书', () => {
    expect(render('correction', sample('correction'))).toContain('<ol><li>住院费用发票及费用清单</li><li>医疗保险报销结算单</li></ol>');
  });

  it('publish no ID number on the 公示, only the masked name, the type and the amount', () => {
    const html = render('notice', { ...sample('notice'), applicant: { name: '李建国', idNumber: '320621196207040015' } });
    expect(html).toContain('<td>李*国</td><td>支出型</td><td>医疗支出</td><td>4,000.00元</td>');
    expect(html).not.toContain('320621196207040015');
  });

  it('name the organisation and the need on the 转介函', () => {
    const html = render('referral', sample('referral'));
    expect(html).toContain('<p class="salutation">海安市慈善总会：</p>');
    expect(html).toContain('后续康复治疗费用');
  });
});
