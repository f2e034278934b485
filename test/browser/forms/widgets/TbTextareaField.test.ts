import { sendKeys } from '@web/test-runner-commands';
import type { FormSchema } from '../../../../forms/core/index.js';
import { assertEqual } from '../../support/assert.js';
import { assertInvalidWith, fieldOf, inputOf, mountForm, tabAway, textOf, typeInto } from '../../support/forms.js';

const schema: FormSchema = {
  type: 'object',
  required: ['findings'],
  properties: { findings: { title: '调查情况', type: 'string', maxLength: 1000 }, short: { title: '备注', type: 'string', minLength: 5, maxLength: 300 } },
};

describe('<tb-textarea-field>', () => {
  it('is chosen for long texts and renders the value with a character count', async () => {
    const form = await mountForm({ schema, data: { findings: '家中两人，均无劳动能力。' } });
    const field = await fieldOf(form, '/findings');
    assertEqual(field.tagName.toLowerCase(), 'tb-textarea-field');
    const area = inputOf<HTMLTextAreaElement>(field);
    assertEqual([area.tagName, area.value], ['TEXTAREA', '家中两人，均无劳动能力。']);
    assertEqual(textOf(field.shadowRoot!.querySelector('.hint')), '12 / 1000');
  });

  it('keeps line breaks that are typed and counts the characters', async () => {
    const form = await mountForm({ schema });
    const field = await fieldOf(form, '/findings');
    const area = inputOf<HTMLTextAreaElement>(field);
    await typeInto(field, area, '第一行');
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: '第二行' });
    await (field as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    assertEqual(form.value, { findings: '第一行\n第二行' });
    assertEqual(textOf(field.shadowRoot!.querySelector('.hint')), '7 / 1000');
  });

  it('shows the minimum length message after leaving a too short text', async () => {
    const form = await mountForm({ schema, data: { findings: '有' } });
    const field = await fieldOf(form, '/short');
    await typeInto(field, inputOf(field), '无');
    await tabAway(field);
    assertInvalidWith(field, inputOf(field), '“备注”至少需要 5 个字符。');
  });
});
