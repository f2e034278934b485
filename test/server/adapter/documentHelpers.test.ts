import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { chineseDate, documentHelpers, yuanFigures, yuanInWords } from '../../../server/adapter/documentHelpers.js';

describe('the document helpers', () => {
  it('write amounts in 大写 as on notices and cheques', () => {
    expect(yuanInWords(0)).toBe('零元整');
    expect(yuanInWords(0.5)).toBe('伍角');
    expect(yuanInWords(0.05)).toBe('伍分');
    expect(yuanInWords(1)).toBe('壹元整');
    expect(yuanInWords(10)).toBe('壹拾元整');
    expect(yuanInWords(1200)).toBe('壹仟贰佰元整');
    expect(yuanInWords(1020)).toBe('壹仟零贰拾元整');
    expect(yuanInWords(1000.5)).toBe('壹仟元伍角');
    expect(yuanInWords(100.05)).toBe('壹佰元零伍分');
    expect(yuanInWords(10001.05)).toBe('壹万零壹元零伍分');
    expect(yuanInWords(101000)).toBe('壹拾万壹仟元整');
    expect(yuanInWords(100010000)).toBe('壹亿零壹万元整');
    expect(yuanInWords(99999999.99)).toBe('玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分');
  });

  it('write nothing for an amount that cannot be money', () => {
    for (const n of [-1, Number.NaN, Number.POSITIVE_INFINITY, 1e12]) expect(yuanInWords(n), String(n)).toBeUndefined();
  });

  it('write figures in 元 with two decimals and separators, and dates in Chinese in China time', () => {
    expect(yuanFigures(1200)).toBe('1,200.00元');
    expect(yuanFigures(0.5)).toBe('0.50元');
    expect(chineseDate(new Date('2026-03-19T16:30:00Z'))).toBe('2026年3月20日');
  });

  const render = (source: string, view: object, strict = false) => Handlebars.create().compile(source, { strict })(view, { helpers: documentHelpers({ issuer: '海安市民政局', strict }) });

  it('are lent to a render: amounts, dates, masked ID numbers and names, and the issuing body', () => {
    expect(render('{{yuan a}}（{{yuanInWords a}}）', { a: 1200 })).toBe('1,200.00元（壹仟贰佰元整）');
    expect(render('{{cnDate d}}', { d: '2026-03-19T16:30:00Z' })).toBe('2026年3月20日');
    expect(render('{{maskId id}} {{maskName n}}', { id: '32062119650412002X', n: '王秀英' })).toBe('320621********002X 王*英');
    expect(render('{{issuingBody}}', {})).toBe('海安市民政局');
  });

  it('print nothing for a missing value, but refuse it in the strict check', () => {
    expect(render('[{{yuanInWords a}}]', {})).toBe('[]');
    expect(() => render('{{yuanInWords a}}', {}, true)).toThrow('助手“yuanInWords”缺少参数或参数的变量未定义。');
    expect(() => render('{{cnDate d}}', { d: 'soon' }, true)).toThrow('助手“cnDate”不能处理取值 "soon"。');
  });
});
