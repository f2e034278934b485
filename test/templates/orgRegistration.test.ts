import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileVersionDocuments, versionTemplateProblems } from '../../server/adapter/documentTemplates.js';
import { readProcessTemplates, readTemplateSamples } from '../../server/build/processTemplates.js';
import { processModules } from '../support/caseDriver.js';

const key = 'org-registration';
const definition = JSON.parse(readFileSync(path.resolve(import.meta.dirname, `../../workflows/${key}/workflow.json`), 'utf8')) as { key: string };
const templates = readProcessTemplates(key);
const samples = readTemplateSamples(key);
const documents = ['accepted', 'correction', 'approved', 'certificate', 'refused', 'notConsented'];
const render = (name: string, view: Record<string, unknown>) => compileVersionDocuments(key, templates).render(`${key}/${name}`, view);
const sample = (name: string) => samples[name] as Record<string, unknown>;
const appealRights = ['六十日内', '行政复议', '六个月内', '行政诉讼'];

/** The process's document view of a case, as the host would merge it over the base view. */
function viewOf(data: Record<string, unknown>, comment?: string): Record<string, unknown> {
  const view = processModules.get(key)!.documentView!;
  return view({ template: `${key}/x`, kind: 'decision', data: data as never, parameters: {}, ...(comment ? { comment } : {}), now: new Date('2026-07-01T10:00:00+08:00'), base: {}, format: { date: (d) => `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`, mask: (v) => v } });
}

describe('the 成立登记 documents', () => {
  it('are the six documents and pass the check, each rendering its sample strictly', () => {
    expect(Object.keys(templates.documents).sort()).toEqual([...documents].sort());
    expect(versionTemplateProblems(definition, templates, samples)).toEqual([]);
  });

  for (const name of documents) {
    it(`lay ${name} out on the shared A4 layout with 版头, 发文字号 and 落款`, () => {
      const html = render(name, sample(name));
      expect(html).toContain(`<div class="issuing-body">${sample(name).issuer as string}</div>`);
      expect(html).toContain(`<div class="document-no">${sample(name).documentNo as string}</div>`);
    });
  }

  it('refuse registration, and end on the 业务主管单位’s refusal, with reasons and the right to 行政复议 within 60 日 or 行政诉讼 within 6 个月', () => {
    const refused = render('refused', { ...sample('refused'), ...viewOf({ organisation: { name: '海安市城南社区养老服务中心', orgType: '民办非企业单位' }, registration: { reasons: '住所使用证明不实。' } }) });
    expect(refused).toContain('<li>住所使用证明不实。</li>');
    const notConsented = render('notConsented', { ...sample('notConsented'), ...viewOf({ organisation: { name: '海安市青少年科技教育促进会' }, review: {} }, '业务范围与本单位职能不符') });
    expect(notConsented).toContain('<li>业务范围与本单位职能不符</li>');
    for (const html of [refused, notConsented]) for (const words of appealRights) expect(html).toContain(words);
    expect(appealRights.some((w) => render('approved', sample('approved')).includes(w))).toBe(false);
  });

  it('list every missing material at once on the 补正材料通知书', () => {
    const html = render('correction', { ...sample('correction'), ...viewOf({ organisation: { name: '海安市书画研究会' }, registration: { missing: ['验资报告', '场所使用证明', '章程草案'] } }) });
    expect(html).toContain('<ol><li>验资报告</li><li>场所使用证明</li><li>章程草案</li></ol>');
  });

  it('grant registration with the certificate number and its validity, and print them on the 登记证书', () => {
    const view = { ...sample('approved'), ...viewOf({ organisation: { name: '海安市青少年科技教育促进会', orgType: '社会团体', creditCode: '51320685MJ5804K01A', legalRepresentative: '周文博', registeredCapital: 50000, address: '海安市长江中路88号' }, registration: { certificateNo: '海民社登字第0201号', validUntil: '2031-06-30' } }) };
    expect(render('approved', view)).toContain('登记证书编号：海民社登字第0201号，有效期自 2026年7月1日 至 2031年6月30日');
    const certificate = render('certificate', { ...sample('certificate'), ...view });
    expect(certificate).toContain('统一社会信用代码：51320685MJ5804K01A');
    expect(certificate).toContain('注册资金：50,000.00元');
  });
});
