import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';

const dir = path.resolve(import.meta.dirname, '../../templates/dibao');
const templates = readdirSync(dir).filter((f) => f.endsWith('.hbs')).map((f) => f.replace(/\.hbs$/, ''));
const render = (name: string, view: unknown) => Handlebars.compile(readFileSync(path.join(dir, `${name}.hbs`), 'utf8'))(view);
const sample = (name: string) => JSON.parse(readFileSync(path.join(dir, `${name}.sample.json`), 'utf8'));

describe('the 低保 document templates', () => {
  it('ship a sample beside every template', () => {
    expect(templates.sort()).toEqual(['accepted', 'confirm', 'notice', 'refuse']);
    for (const t of templates) expect(() => sample(t)).not.toThrow();
  });

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
  });

  it('never use triple-stash output', () => {
    for (const t of templates) expect(readFileSync(path.join(dir, `${t}.hbs`), 'utf8')).not.toContain('{{{');
  });

  it('keep script payloads inert', () => {
    const payload = '<img src=x onerror=alert(1)><script>alert(2)</script>" onmouseover="x';
    for (const t of templates) {
      const view = { ...sample(t), applicant: { name: payload }, reasons: [payload], maskedName: payload, caseNo: '{{constructor.constructor}}' };
      const html = render(t, view);
      expect(html).not.toContain('<img src=x');
      expect(html).not.toContain('<script>alert');
    }
  });
});
