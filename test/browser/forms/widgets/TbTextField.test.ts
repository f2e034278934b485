import type { FormSchema } from '../../../../forms/core/index.js';
import { assert, assertEqual } from '../../support/assert.js';
import { assertInvalidWith, assertValid, clearInput, fieldOf, inputOf, mountForm, part, recordChanges, tabAway, textOf, typeInto } from '../../support/forms.js';

const schema: FormSchema = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { title: '姓名', type: 'string', minLength: 2, maxLength: 30, description: '与身份证一致。' },
    address: { title: '居住地址', type: 'string', maxLength: 200, 'x-placeholder': '如：曲塘镇营溪村12组8号' },
  },
};

describe('<tb-text-field>', () => {
  it('renders the stored value in a labelled input', async () => {
    const form = await mountForm({ schema, data: { name: '王秀英' } });
    const field = await fieldOf(form, '/name');
    assertEqual(field.tagName.toLowerCase(), 'tb-text-field');
    assertEqual(inputOf(field).value, '王秀英');
    assertEqual(part(field, 'label[for="input"]').textContent!.replace('*', '').trim(), '姓名');
    assertEqual(inputOf(field).maxLength, 30);
    assertEqual(inputOf(await fieldOf(form, '/address')).placeholder, '如：曲塘镇营溪村12组8号');
  });

  it('writes typed text into the form value and announces it with tb-change', async () => {
    const form = await mountForm({ schema, data: {} });
    const changes = recordChanges(form);
    const field = await fieldOf(form, '/name');
    await typeInto(field, inputOf(field), '李建国');
    assertEqual(form.value, { name: '李建国' });
    assert(changes.length >= 3, `a tb-change per keystroke, got ${changes.length}`);
    assertEqual(changes.at(-1)!.value, { name: '李建国' });
    assertEqual(changes.at(-1)!.valid, true);
  });

  it('keeps its error hidden until the field is left, then shows it in Chinese', async () => {
    const form = await mountForm({ schema, data: {} });
    const field = await fieldOf(form, '/name');
    await typeInto(field, inputOf(field), '王');
    assertValid(field, inputOf(field));
    await tabAway(field);
    assertInvalidWith(field, inputOf(field), '“姓名”至少需要 2 个字符。');
    // The help text is described too.
    assert(inputOf(field).getAttribute('aria-describedby')!.split(' ').includes('help'), 'the help text is part of the description');
    assertEqual(textOf(part(field, '#help')), '与身份证一致。');
  });

  it('says the field is required when it is emptied and left, and removes the key from the value', async () => {
    const form = await mountForm({ schema, data: { name: '王秀英' } });
    const field = await fieldOf(form, '/name');
    await clearInput(field, inputOf(field));
    await tabAway(field);
    assertEqual(form.value, {});
    assertInvalidWith(field, inputOf(field), '请填写“姓名”。');
    assertEqual(inputOf(field).getAttribute('aria-required'), 'true');
    assertEqual(form.checkValidity(), false);
  });

  it('clears the error as soon as the text is valid again', async () => {
    const form = await mountForm({ schema, data: { name: '王' } });
    const field = await fieldOf(form, '/name');
    inputOf(field).focus();
    await tabAway(field);
    assertEqual(inputOf(field).getAttribute('aria-invalid'), 'true');
    await typeInto(field, inputOf(field), '秀英');
    assertValid(field, inputOf(field));
  });
});
