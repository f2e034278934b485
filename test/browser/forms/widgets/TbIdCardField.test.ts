import type { FormSchema } from '../../../../forms/core/index.js';
import { assert, assertEqual } from '../../support/assert.js';
import { assertInvalidWith, assertValid, fieldOf, inputOf, mountForm, tabAway, textOf, typeInto } from '../../support/forms.js';

const schema: FormSchema = {
  type: 'object',
  required: ['idNumber'],
  properties: { idNumber: { title: '公民身份号码', type: 'string', format: 'cn-id-card' } },
};

describe('<tb-id-card-field>', () => {
  it('renders the number and the 出生日期 and 性别 it encodes', async () => {
    const form = await mountForm({ schema, data: { idNumber: '32062119650412002X' } });
    const field = await fieldOf(form, '/idNumber');
    assertEqual(field.tagName.toLowerCase(), 'tb-id-card-field');
    assertEqual(inputOf(field).value, '32062119650412002X');
    assertEqual(textOf(field.shadowRoot!.querySelector('.hint')), '出生日期：1965-04-12 性别：女');
  });

  it('derives 男 from an odd sequence digit while the number is typed, and upper-cases a final x', async () => {
    const form = await mountForm({ schema });
    const field = await fieldOf(form, '/idNumber');
    await typeInto(field, inputOf(field), '320621196308150010');
    assertEqual(textOf(field.shadowRoot!.querySelector('.hint')), '出生日期：1963-08-15 性别：男');
    const form2 = await mountForm({ schema });
    const field2 = await fieldOf(form2, '/idNumber');
    await typeInto(field2, inputOf(field2), '32062119650412002x');
    assertEqual(form2.value, { idNumber: '32062119650412002X' });
    await tabAway(field2);
    assertValid(field2, inputOf(field2));
  });

  it('shows the checksum message after leaving a number with a wrong check character, and no derived facts', async () => {
    const form = await mountForm({ schema });
    const field = await fieldOf(form, '/idNumber');
    await typeInto(field, inputOf(field), '320621196504120021');
    await tabAway(field);
    assertInvalidWith(field, inputOf(field), '“公民身份号码”不正确：校验位不符，请逐位核对。');
    assert(!field.shadowRoot!.querySelector('.hint'), 'no 出生日期 for an invalid number');
  });

  it('says when the number is too short', async () => {
    const form = await mountForm({ schema });
    const field = await fieldOf(form, '/idNumber');
    await typeInto(field, inputOf(field), '3206211965');
    await tabAway(field);
    assertInvalidWith(field, inputOf(field), '“公民身份号码”不正确：应为18位。');
  });
});
