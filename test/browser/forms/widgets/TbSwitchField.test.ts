import { sendKeys } from '@web/test-runner-commands';
import type { FormSchema } from '../../../../forms/core/index.js';
import { assertEqual } from '../../support/assert.js';
import { fieldOf, inputOf, mountForm, part, textOf } from '../../support/forms.js';

const schema: FormSchema = {
  type: 'object',
  properties: { single: { title: '按单人保申请', type: 'boolean', description: '重病、重度残疾人员可单独申请。' } },
};

describe('<tb-switch-field>', () => {
  it('renders a checkbox with role=switch, labelled, with 是/否 next to it', async () => {
    const form = await mountForm({ schema, data: { single: true } });
    const field = await fieldOf(form, '/single');
    assertEqual(field.tagName.toLowerCase(), 'tb-switch-field');
    const input = inputOf(field);
    assertEqual([input.type, input.getAttribute('role'), input.checked], ['checkbox', 'switch', true]);
    assertEqual(textOf(part(field, 'label[for="input"]')), '按单人保申请');
    assertEqual(textOf(input.parentElement!.querySelector('[aria-hidden="true"]')), '是');
  });

  it('switches with the space bar and writes true and false', async () => {
    const form = await mountForm({ schema });
    const field = await fieldOf(form, '/single');
    inputOf(field).focus();
    await sendKeys({ press: 'Space' });
    await field.updateComplete;
    assertEqual(form.value, { single: true });
    assertEqual(textOf(inputOf(field).parentElement!.querySelector('[aria-hidden="true"]')), '是');
    await sendKeys({ press: 'Space' });
    await field.updateComplete;
    assertEqual(form.value, { single: false });
    assertEqual(textOf(inputOf(field).parentElement!.querySelector('[aria-hidden="true"]')), '否');
  });

  it('switches when 是/否 beside it is clicked (the whole row is its target)', async () => {
    const form = await mountForm({ schema, data: { single: false } });
    const field = await fieldOf(form, '/single');
    (inputOf(field).parentElement!.querySelector('[aria-hidden="true"]') as HTMLElement).click();
    await field.updateComplete;
    assertEqual(form.value, { single: true });
  });

  it('shows 是 or 否 as text when read-only', async () => {
    const form = await mountForm({ schema, data: { single: false }, permissions: { '/single': 'read' } });
    const field = await fieldOf(form, '/single');
    assertEqual(textOf(part(field, '.text')), '否');
  });
});
