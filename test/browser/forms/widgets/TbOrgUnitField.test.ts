import type { FormSchema } from '../../../../forms/core/index.js';
import { orgUnitSource, setOrgUnitSource, type OrgUnitSource } from '../../../../forms/elements/index.js';
import { assertEqual } from '../../support/assert.js';
import { fieldOf, mountForm, part, textOf, until } from '../../support/forms.js';

const schema: FormSchema = {
  type: 'object',
  properties: { supervisorUnit: { title: '业务主管单位', type: 'string', 'x-org-unit': { kind: 'supervisory_unit' } } },
};

describe('<tb-org-unit-field>', () => {
  let saved: OrgUnitSource;
  const asked: string[] = [];
  beforeEach(() => {
    saved = orgUnitSource();
    asked.length = 0;
    setOrgUnitSource({
      unitsOfKind: (kind) => {
        asked.push(kind);
        return Promise.resolve(kind === 'supervisory_unit' ? [{ id: 'u-edu', name: '海安市教育体育局' }, { id: 'u-sci', name: '海安市科学技术局' }] : []);
      },
    });
  });
  afterEach(() => setOrgUnitSource(saved));

  it('offers the units of the field’s kind from the source and stores the chosen unit’s id', async () => {
    const form = await mountForm({ schema });
    const field = await fieldOf(form, '/supervisorUnit');
    assertEqual(field.tagName.toLowerCase(), 'tb-org-unit-field');
    const select = part<HTMLSelectElement>(field, 'select');
    await until(() => select.options.length === 3, 'the units are offered');
    assertEqual(asked, ['supervisory_unit']);
    assertEqual([...select.options].map((o) => textOf(o)).slice(1), ['海安市教育体育局', '海安市科学技术局']);
    select.selectedIndex = 2;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await field.updateComplete;
    assertEqual(form.value, { supervisorUnit: 'u-sci' });
  });

  it('shows the chosen unit by name where the field is read only', async () => {
    const form = await mountForm({ schema, data: { supervisorUnit: 'u-edu' }, permissions: { '/supervisorUnit': 'read' } });
    const field = await fieldOf(form, '/supervisorUnit');
    await until(() => textOf(part(field, '.text')) === '海安市教育体育局', 'the unit is named');
  });
});
