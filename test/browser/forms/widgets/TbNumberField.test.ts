import type { FormSchema } from '../../../../forms/core/index.js';
import { assert, assertEqual } from '../../support/assert.js';
import { assertInvalidWith, assertValid, clearInput, fieldOf, inputOf, mountForm, tabAway, textOf, typeInto } from '../../support/forms.js';

const schema: FormSchema = {
  type: 'object',
  properties: {
    realEstate: { title: '房产（套）', type: 'integer', minimum: 0, maximum: 20 },
    area: { title: '住房面积', type: 'number', minimum: 0, 'x-unit': '平方米' },
    members: { title: '人数', type: 'integer', readOnly: true, 'x-computed': { expr: 'count(people)', label: '人数 = 已填写的人员数' } },
    people: { title: '人员', type: 'array', items: { type: 'string' } },
  },
};

describe('<tb-number-field>', () => {
  it('renders the number with a numeric keypad and its unit', async () => {
    const form = await mountForm({ schema, data: { realEstate: 1, area: 45.5 } });
    const count = await fieldOf(form, '/realEstate');
    assertEqual(count.tagName.toLowerCase(), 'tb-number-field');
    assertEqual([inputOf(count).value, inputOf(count).inputMode], ['1', 'numeric']);
    const area = await fieldOf(form, '/area');
    assertEqual([inputOf(area).value, inputOf(area).inputMode], ['45.5', 'decimal']);
    assertEqual(textOf(area.shadowRoot!.querySelector('.with-unit')), '平方米');
  });

  it('stores typed digits as a number, also with a full-width comma as the decimal point', async () => {
    const form = await mountForm({ schema });
    const area = await fieldOf(form, '/area');
    await typeInto(area, inputOf(area), '62，5');
    assertEqual(form.value.area, 62.5);
    await tabAway(area);
    assertValid(area, inputOf(area));
  });

  it('keeps text that is not a number as typed so the message names the mistake', async () => {
    const form = await mountForm({ schema });
    const count = await fieldOf(form, '/realEstate');
    await typeInto(count, inputOf(count), '两套');
    await tabAway(count);
    assertEqual(form.value.realEstate, '两套');
    assertEqual(inputOf(count).value, '两套');
    assertInvalidWith(count, inputOf(count), '“房产（套）”应为整数。');
  });

  it('shows the range message for a number above the maximum, and removes an emptied number', async () => {
    const form = await mountForm({ schema });
    const count = await fieldOf(form, '/realEstate');
    await typeInto(count, inputOf(count), '21');
    await tabAway(count);
    const message = textOf(count.shadowRoot!.querySelector('#error'));
    assert(/房产（套）/.test(message) && /20/.test(message), `a message naming the field and the maximum, got ${message}`);
    assertEqual(inputOf(count).getAttribute('aria-invalid'), 'true');
    await clearInput(count, inputOf(count));
    assert(!('realEstate' in form.value), 'an emptied number is removed from the value');
  });

  it('shows a computed figure as text with its 计算方法', async () => {
    const form = await mountForm({ schema, data: { people: ['王秀英', '李建国'] } });
    const members = await fieldOf(form, '/members');
    assert(!members.shadowRoot!.querySelector('input'), 'no input for a computed figure');
    assertEqual(textOf(members.shadowRoot!.querySelector('.text')), '2');
    assertEqual(textOf(members.shadowRoot!.querySelector('.hint')), '计算方法：人数 = 已填写的人员数');
    assertEqual(form.value.members, 2);
  });
});
