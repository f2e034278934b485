import { sendKeys } from '@web/test-runner-commands';
import type { FormSchema } from '../../../../forms/core/index.js';
import { assertEqual } from '../../support/assert.js';
import { assertInvalidWith, fieldOf, inputOf, mountForm, tabAway } from '../../support/forms.js';

const schema: FormSchema = {
  type: 'object',
  required: ['date'],
  properties: { date: { title: '调查日期', type: 'string', format: 'date', formatMinimum: '2020-01-01', formatMaximum: '2030-12-31' } },
};

describe('<tb-date-field>', () => {
  it('renders the date in a date input with the schema limits', async () => {
    const form = await mountForm({ schema, data: { date: '2026-03-01' } });
    const field = await fieldOf(form, '/date');
    assertEqual(field.tagName.toLowerCase(), 'tb-date-field');
    const input = inputOf(field);
    assertEqual([input.type, input.value, input.min, input.max], ['date', '2026-03-01', '2020-01-01', '2030-12-31']);
  });

  it('stores a date typed with the keyboard as YYYY-MM-DD', async () => {
    const form = await mountForm({ schema });
    const field = await fieldOf(form, '/date');
    inputOf(field).focus();
    // Chromium's date input in the zh-CN/en-US locale takes the parts in the page's locale order;
    // typing the digits of each part fills it.
    const order = new Intl.DateTimeFormat(navigator.language).formatToParts(new Date(2026, 2, 1)).filter((p) => ['year', 'month', 'day'].includes(p.type)).map((p) => p.type);
    const parts: Record<string, string> = { year: '2026', month: '03', day: '01' };
    for (const p of order) await sendKeys({ type: parts[p]! });
    await (field as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    assertEqual(form.value, { date: '2026-03-01' });
  });

  it('says the date is required after it is left empty', async () => {
    const form = await mountForm({ schema });
    const field = await fieldOf(form, '/date');
    inputOf(field).focus();
    await tabAway(field);
    // Tab may stay inside the date input's parts; leave it by blurring what has focus.
    inputOf(field).blur();
    await (field as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    assertInvalidWith(field, inputOf(field), '请填写“调查日期”。');
  });
});
