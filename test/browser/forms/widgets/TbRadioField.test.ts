import { sendKeys } from '@web/test-runner-commands';
import type { FormSchema } from '../../../../forms/core/index.js';
import { assert, assertEqual } from '../../support/assert.js';
import { assertInvalidWith, fieldOf, mountForm, part, textOf } from '../../support/forms.js';

const schema: FormSchema = {
  type: 'object',
  required: ['mode'],
  properties: { mode: { title: '调查方式', enum: ['入户', '电话', '视频'] } },
};

describe('<tb-radio-field>', () => {
  it('renders a few choices as labelled radio buttons in a fieldset, the stored one checked', async () => {
    const form = await mountForm({ schema, data: { mode: '电话' } });
    const field = await fieldOf(form, '/mode');
    assertEqual(field.tagName.toLowerCase(), 'tb-radio-field');
    assertEqual(textOf(part(field, 'legend')).replace('*', ''), '调查方式（必填）');
    const radios = [...field.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=radio]')];
    assertEqual(radios.map((r) => textOf(r.closest('label'))), ['入户', '电话', '视频']);
    assertEqual(radios.map((r) => r.checked), [false, true, false]);
  });

  it('moves the choice with the arrow keys and writes it into the value', async () => {
    const form = await mountForm({ schema, data: { mode: '入户' } });
    const field = await fieldOf(form, '/mode');
    const radios = [...field.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=radio]')];
    radios[0]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await field.updateComplete;
    assertEqual(form.value, { mode: '电话' });
    await sendKeys({ press: 'ArrowRight' });
    await field.updateComplete;
    assertEqual(form.value, { mode: '视频' });
    assert(radios[2]!.checked, 'the third radio is checked');
  });

  it('says a choice is required once the group is left without one', async () => {
    const form = await mountForm({ schema });
    const field = await fieldOf(form, '/mode');
    const first = part<HTMLInputElement>(field, '#input');
    first.focus();
    await sendKeys({ press: 'Tab' });
    await field.updateComplete;
    assertInvalidWith(field, first, '请填写“调查方式”。');
  });
});
