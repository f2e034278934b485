import type { FormSchema } from '../../../../forms/core/index.js';
import { assertEqual } from '../../support/assert.js';
import { assertInvalidWith, fieldOf, inputOf, mountForm, part, textOf } from '../../support/forms.js';

const schema: FormSchema = {
  type: 'object',
  properties: {
    period: { title: '公示期', type: 'string', format: 'date-range' },
    aid: {
      title: '救助期间',
      type: 'object',
      dateRange: true,
      properties: { start: { type: 'string', format: 'date' }, end: { type: 'string', format: 'date' } },
    },
  },
};

async function pick(host: HTMLElement, input: HTMLInputElement, date: string): Promise<void> {
  input.focus();
  input.value = date;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await (host as unknown as { updateComplete: Promise<unknown> }).updateComplete;
}

describe('<tb-date-range-field>', () => {
  it('renders the start and end of a "a/b" range in two labelled date inputs in a fieldset', async () => {
    const form = await mountForm({ schema, data: { period: '2026-03-01/2026-03-08' } });
    const field = await fieldOf(form, '/period');
    assertEqual(field.tagName.toLowerCase(), 'tb-date-range-field');
    assertEqual(textOf(part(field, 'legend')), '公示期');
    const [start, end] = [...field.shadowRoot!.querySelectorAll('input')];
    assertEqual([start!.value, end!.value], ['2026-03-01', '2026-03-08']);
    assertEqual([start!.max, end!.min], ['2026-03-08', '2026-03-01']);
    assertEqual(textOf(start!.closest('label')), '开始日期');
  });

  it('stores a string range as "start/end"', async () => {
    const form = await mountForm({ schema });
    const field = await fieldOf(form, '/period');
    const [start, end] = [...field.shadowRoot!.querySelectorAll('input')];
    await pick(field, start!, '2026-03-01');
    assertEqual(form.value, { period: '2026-03-01/' });
    await pick(field, end!, '2026-03-08');
    assertEqual(form.value, { period: '2026-03-01/2026-03-08' });
  });

  it('stores an object range as { start, end }', async () => {
    const form = await mountForm({ schema });
    const field = await fieldOf(form, '/aid');
    const [start, end] = [...field.shadowRoot!.querySelectorAll('input')];
    await pick(field, start!, '2026-01-01');
    await pick(field, end!, '2026-06-30');
    assertEqual(form.value, { aid: { start: '2026-01-01', end: '2026-06-30' } });
  });

  it('says the start may not be after the end once the field is left', async () => {
    const form = await mountForm({ schema, data: { aid: { start: '2026-06-30', end: '2026-01-01' } } });
    const field = await fieldOf(form, '/aid');
    inputOf(field).focus();
    inputOf(field).blur();
    await field.updateComplete;
    assertInvalidWith(field, inputOf(field), '“救助期间”的开始日期不能晚于结束日期。');
  });

  it('shows the range as text with 至 in the print view', async () => {
    const form = await mountForm({ schema, data: { period: '2026-03-01/2026-03-08' }, print: true });
    const field = await fieldOf(form, '/period');
    assertEqual(textOf(field.shadowRoot!.querySelector('.text')), '2026-03-01 至 2026-03-08');
  });
});
