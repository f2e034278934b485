import { sendKeys } from '@web/test-runner-commands';
import type { FormSchema } from '../../../../forms/core/index.js';
import { assertEqual } from '../../support/assert.js';
import { assertInvalidWith, assertValid, fieldOf, inputOf, mountForm, tabAway, textOf, typeInto } from '../../support/forms.js';

const schema: FormSchema = {
  type: 'object',
  properties: {
    wages: { title: '工资性收入', type: 'number', format: 'money-yuan' },
    transfer: { title: '转移净收入', type: 'number', format: 'money-yuan' },
  },
};

describe('<tb-money-field>', () => {
  it('shows the amount with two decimals and 元 after it', async () => {
    const form = await mountForm({ schema, data: { wages: 300 } });
    const field = await fieldOf(form, '/wages');
    assertEqual(field.tagName.toLowerCase(), 'tb-money-field');
    assertEqual([inputOf(field).value, inputOf(field).inputMode], ['300.00', 'decimal']);
    assertEqual(textOf(field.shadowRoot!.querySelector('.with-unit')), '元');
  });

  it('keeps what is being typed while focused and shows two decimals once left', async () => {
    const form = await mountForm({ schema });
    const field = await fieldOf(form, '/wages');
    await typeInto(field, inputOf(field), '600.5');
    assertEqual(inputOf(field).value, '600.5');
    assertEqual(form.value, { wages: 600.5 });
    await tabAway(field);
    assertEqual(inputOf(field).value, '600.50');
    assertValid(field, inputOf(field));
  });

  it('shows the plain number while focused, so typing after 300.00 does not add decimals', async () => {
    const form = await mountForm({ schema, data: { wages: 300 } });
    const field = await fieldOf(form, '/wages');
    await typeInto(field, inputOf(field), '5');
    assertEqual(form.value, { wages: 3005 });
    await tabAway(field);
    assertEqual(inputOf(field).value, '3005.00');
    assertValid(field, inputOf(field));
  });

  it('replaces the whole amount when it is reached with Tab and typed over', async () => {
    const form = await mountForm({ schema, data: { wages: 300, transfer: 200 } });
    const wages = await fieldOf(form, '/wages');
    const transfer = await fieldOf(form, '/transfer');
    inputOf(wages).focus();
    await sendKeys({ press: 'Tab' });
    await transfer.updateComplete;
    assertEqual(transfer.shadowRoot!.activeElement, inputOf(transfer));
    assertEqual(inputOf(transfer).value, '200');
    await sendKeys({ type: '150.5' });
    await transfer.updateComplete;
    assertEqual(form.value, { wages: 300, transfer: 150.5 });
  });

  it('accepts 600.15 (no floating point rounding trouble)', async () => {
    const form = await mountForm({ schema });
    const field = await fieldOf(form, '/wages');
    await typeInto(field, inputOf(field), '600.15');
    await tabAway(field);
    assertEqual(form.value, { wages: 600.15 });
    assertValid(field, inputOf(field));
  });

  it('says at most two decimals after leaving an amount with three', async () => {
    const form = await mountForm({ schema });
    const field = await fieldOf(form, '/wages');
    await typeInto(field, inputOf(field), '12.345');
    await tabAway(field);
    assertInvalidWith(field, inputOf(field), '“工资性收入”最多保留两位小数（到分）。');
    assertEqual(form.checkValidity(), false);
  });

  it('says an amount cannot be negative', async () => {
    const form = await mountForm({ schema });
    const field = await fieldOf(form, '/transfer');
    await typeInto(field, inputOf(field), '-5');
    await tabAway(field);
    assertInvalidWith(field, inputOf(field), '“转移净收入”不能为负数。');
  });

  it('shows amounts as text with 元 in the print view', async () => {
    const form = await mountForm({ schema, data: { wages: 1234.5 }, print: true });
    const field = await fieldOf(form, '/wages');
    assertEqual(textOf(field.shadowRoot!.querySelector('.text')), '1,234.50 元');
  });
});
