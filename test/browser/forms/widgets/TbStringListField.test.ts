import { sendKeys } from '@web/test-runner-commands';
import type { FormSchema } from '../../../../forms/core/index.js';
import { assertEqual } from '../../support/assert.js';
import { assertInvalidWith, deepActiveElement, fieldOf, mountForm, part, textOf } from '../../support/forms.js';

const schema: FormSchema = {
  type: 'object',
  properties: {
    investigators: { title: '调查人员', type: 'array', minItems: 2, maxItems: 3, uniqueItems: true, items: { title: '调查人员', type: 'string', minLength: 2 } },
  },
};

describe('<tb-string-list-field>', () => {
  it('renders one labelled input per item with its own remove button', async () => {
    const form = await mountForm({ schema, data: { investigators: ['张伟', '刘芳'] } });
    const field = await fieldOf(form, '/investigators');
    assertEqual(field.tagName.toLowerCase(), 'tb-string-list-field');
    const inputs = [...field.shadowRoot!.querySelectorAll<HTMLInputElement>('input')];
    assertEqual(inputs.map((i) => i.value), ['张伟', '刘芳']);
    assertEqual(textOf(part(field, 'label[for="item-1"]')), '调查人员 第2行');
    assertEqual(part(field, 'button[aria-label="移除 调查人员 第1行"]').textContent, '移除');
  });

  it('adds an item with the keyboard, focuses it and stores what is typed', async () => {
    const form = await mountForm({ schema, data: { investigators: ['张伟'] } });
    const field = await fieldOf(form, '/investigators');
    part(field, '.add').focus();
    await sendKeys({ press: 'Enter' });
    await field.updateComplete;
    await field.updateComplete;
    assertEqual(deepActiveElement()?.id, 'item-1');
    await sendKeys({ type: '刘芳' });
    await field.updateComplete;
    assertEqual(form.value, { investigators: ['张伟', '刘芳'] });
  });

  it('removes an item and moves focus to the next one', async () => {
    const form = await mountForm({ schema, data: { investigators: ['张伟', '刘芳', '陈静'] } });
    const field = await fieldOf(form, '/investigators');
    part(field, 'button[aria-label="移除 调查人员 第1行"]').click();
    await field.updateComplete;
    await field.updateComplete;
    assertEqual(form.value, { investigators: ['刘芳', '陈静'] });
    assertEqual(deepActiveElement()?.id, 'item-0');
  });

  it('shows the list message and a per-item message', async () => {
    const form = await mountForm({ schema, data: { investigators: ['张伟', '刘'] } });
    const field = await fieldOf(form, '/investigators');
    const second = part<HTMLInputElement>(field, '#item-1');
    second.focus();
    await sendKeys({ press: 'Tab' });
    await field.updateComplete;
    assertInvalidWith(field, second, '“调查人员”至少需要 2 个字符。');
    part(field, 'button[aria-label="移除 调查人员 第2行"]').click();
    await field.updateComplete;
    const legendError = textOf(part(field, '#error'));
    assertEqual(legendError, '“调查人员”至少需要 2 项。');
  });
});
