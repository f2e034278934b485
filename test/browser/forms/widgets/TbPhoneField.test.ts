import type { FormSchema } from '../../../../forms/core/index.js';
import { assertEqual } from '../../support/assert.js';
import { assertInvalidWith, assertValid, fieldOf, inputOf, mountForm, tabAway, typeInto } from '../../support/forms.js';

const schema: FormSchema = { type: 'object', properties: { phone: { title: '联系电话', type: 'string', format: 'cn-mobile' } } };

describe('<tb-phone-field>', () => {
  it('renders the number in a telephone input with the phone keypad', async () => {
    const form = await mountForm({ schema, data: { phone: '13912345678' } });
    const field = await fieldOf(form, '/phone');
    assertEqual(field.tagName.toLowerCase(), 'tb-phone-field');
    const input = inputOf(field);
    assertEqual([input.value, input.type, input.inputMode, input.autocomplete], ['13912345678', 'tel', 'tel', 'tel-national']);
  });

  it('stores the digits without the spaces and dashes people type', async () => {
    const form = await mountForm({ schema });
    const field = await fieldOf(form, '/phone');
    await typeInto(field, inputOf(field), '139 1234-5678');
    assertEqual(form.value, { phone: '13912345678' });
    await tabAway(field);
    assertValid(field, inputOf(field));
  });

  it('shows “应为11位手机号码” after leaving a bad number', async () => {
    const form = await mountForm({ schema });
    const field = await fieldOf(form, '/phone');
    await typeInto(field, inputOf(field), '1234567890');
    await tabAway(field);
    assertEqual(form.value, { phone: '1234567890' });
    assertInvalidWith(field, inputOf(field), '“联系电话”应为11位手机号码。');
  });
});
