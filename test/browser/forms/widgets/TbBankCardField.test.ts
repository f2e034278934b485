import type { FormSchema } from '../../../../forms/core/index.js';
import { assertEqual } from '../../support/assert.js';
import { assertInvalidWith, assertValid, fieldOf, inputOf, mountForm, tabAway, textOf, typeInto } from '../../support/forms.js';

const schema: FormSchema = { type: 'object', properties: { bankAccount: { title: '社会保障卡/银行账号', type: 'string', format: 'bank-card' } } };
// 6222 0202 0000 0000 00x: a Luhn-valid test number is built below.
function luhnComplete(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d *= 2;
    if (d > 9) d -= 9;
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}
const goodCard = luhnComplete('622202020000000000');

describe('<tb-bank-card-field>', () => {
  it('renders the number with a numeric keypad and repeats it in groups of four', async () => {
    const form = await mountForm({ schema, data: { bankAccount: goodCard } });
    const field = await fieldOf(form, '/bankAccount');
    assertEqual(field.tagName.toLowerCase(), 'tb-bank-card-field');
    assertEqual([inputOf(field).value, inputOf(field).inputMode], [goodCard, 'numeric']);
    assertEqual(textOf(field.shadowRoot!.querySelector('.hint')), goodCard.replace(/(.{4})(?=.)/g, '$1 '));
  });

  it('stores the digits without spaces and accepts a Luhn-valid number', async () => {
    const form = await mountForm({ schema });
    const field = await fieldOf(form, '/bankAccount');
    await typeInto(field, inputOf(field), goodCard.replace(/(.{4})(?=.)/g, '$1 '));
    assertEqual(form.value, { bankAccount: goodCard });
    await tabAway(field);
    assertValid(field, inputOf(field));
  });

  it('shows “应为有效的银行卡号” after leaving a number that fails the Luhn check', async () => {
    const form = await mountForm({ schema });
    const field = await fieldOf(form, '/bankAccount');
    const bad = goodCard.slice(0, -1) + String((Number(goodCard.at(-1)) + 1) % 10);
    await typeInto(field, inputOf(field), bad);
    await tabAway(field);
    assertInvalidWith(field, inputOf(field), '“社会保障卡/银行账号”应为有效的银行卡号。');
  });
});
