import { sendKeys } from '@web/test-runner-commands';
import type { FormSchema } from '../../../../forms/core/index.js';
import { assertEqual } from '../../support/assert.js';
import { assertInvalidWith, fieldOf, mountForm, part, textOf } from '../../support/forms.js';

const schema: FormSchema = {
  type: 'object',
  properties: { checks: { title: '核对事项', type: 'array', minItems: 2, uniqueItems: true, items: { enum: ['户籍', '社会保险', '不动产', '车辆'] } } },
};

describe('<tb-checkbox-group-field>', () => {
  it('renders one labelled checkbox per choice in a fieldset, the stored ones checked', async () => {
    const form = await mountForm({ schema, data: { checks: ['户籍', '车辆'] } });
    const field = await fieldOf(form, '/checks');
    assertEqual(field.tagName.toLowerCase(), 'tb-checkbox-group-field');
    assertEqual(textOf(part(field, 'legend')), '核对事项');
    const boxes = [...field.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
    assertEqual(boxes.map((b) => textOf(b.closest('label'))), ['户籍', '社会保险', '不动产', '车辆']);
    assertEqual(boxes.map((b) => b.checked), [true, false, false, true]);
  });

  it('stores the checked choices in the schema order, whatever order they are ticked in', async () => {
    const form = await mountForm({ schema });
    const field = await fieldOf(form, '/checks');
    const boxes = [...field.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
    for (const i of [3, 0, 2]) {
      boxes[i]!.focus();
      await sendKeys({ press: 'Space' });
      await field.updateComplete;
    }
    assertEqual(form.value, { checks: ['户籍', '不动产', '车辆'] });
    boxes[0]!.focus();
    await sendKeys({ press: 'Space' });
    await field.updateComplete;
    assertEqual(form.value, { checks: ['不动产', '车辆'] });
  });

  it('says how many are needed once one is unticked below the minimum', async () => {
    const form = await mountForm({ schema, data: { checks: ['户籍', '车辆'] } });
    const field = await fieldOf(form, '/checks');
    const first = part<HTMLInputElement>(field, '#input');
    first.focus();
    await sendKeys({ press: 'Space' });
    await field.updateComplete;
    assertEqual(form.value, { checks: ['车辆'] });
    assertInvalidWith(field, first, '“核对事项”至少需要 2 项。');
  });
});
