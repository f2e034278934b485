import type { FormSchema } from '../../../../forms/core/index.js';
import { assertEqual } from '../../support/assert.js';
import { assertInvalidWith, assertValid, choose, fieldOf, inputOf, mountForm, tabAway, textOf } from '../../support/forms.js';

const schema: FormSchema = {
  type: 'object',
  required: ['employment'],
  properties: {
    employment: { title: '就业状况', enum: ['在业', '灵活就业', '失业', '在校', '无劳动能力', '退休', '学龄前'] },
    grade: { title: '残疾等级', oneOf: [{ const: 0, title: '无' }, { const: 1, title: '一级' }, { const: 2, title: '二级' }, { const: 3, title: '三级' }, { const: 4, title: '四级' }] },
  },
};

describe('<tb-select-field>', () => {
  it('renders a native select for a long list with the stored choice selected', async () => {
    const form = await mountForm({ schema, data: { employment: '失业' } });
    const field = await fieldOf(form, '/employment');
    assertEqual(field.tagName.toLowerCase(), 'tb-select-field');
    const select = inputOf<HTMLSelectElement>(field);
    assertEqual([...select.options].map((o) => textOf(o)), ['请选择', '在业', '灵活就业', '失业', '在校', '无劳动能力', '退休', '学龄前']);
    assertEqual(textOf(select.selectedOptions[0]), '失业');
  });

  it('writes the chosen value with its type (a number from oneOf const)', async () => {
    const form = await mountForm({ schema, data: { employment: '在业' } });
    const field = await fieldOf(form, '/grade');
    await choose(field, inputOf<HTMLSelectElement>(field), '二级');
    assertEqual(form.value, { employment: '在业', grade: 2 });
    await choose(field, inputOf<HTMLSelectElement>(field), '请选择');
    assertEqual(form.value, { employment: '在业' });
  });

  it('says the choice is required after leaving it on 请选择', async () => {
    const form = await mountForm({ schema });
    const field = await fieldOf(form, '/employment');
    inputOf(field).focus();
    await tabAway(field);
    assertInvalidWith(field, inputOf(field), '请填写“就业状况”。');
    await choose(field, inputOf<HTMLSelectElement>(field), '退休');
    assertValid(field, inputOf(field));
  });
});
