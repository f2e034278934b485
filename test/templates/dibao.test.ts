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
    expect(templates.sort()).toEqual(['accepted', 'confirm', 'notAccepted', 'notice', 'refuse', 'withdrawn']);
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
    expect(html).toContain('本通知书经孙庄街道办事处送达');
    expect(html).toMatch(/<p class="sign">海安市民政局<br>/);
  });

  it('sign the 不予确认通知书 in the township’s name, with no delivery line, where the township confirms', () => {
    const html = render('refuse', { ...sample('refuse'), issuer: '孙庄街道办事处', deliveredBy: '' });
    expect(html).toMatch(/<p class="sign">孙庄街道办事处<br>/);
    expect(html).not.toContain('送达');
  });

  it('render the township’s 不予受理通知书: its own title and wording, the reasons, both appeal routes, signed by the township', () => {
    const html = render('notAccepted', sample('notAccepted'));
    expect(html).toContain('<h1>最低生活保障申请不予受理通知书</h1>');
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

  it('leave no placeholder of any template unfilled by its sample', () => {
    for (const t of templates) {
      const strict = Handlebars.compile(readFileSync(path.join(dir, `${t}.hbs`), 'utf8'), { strict: true });
      expect(() => strict(sample(t)), t).not.toThrow();
    }
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
