import '../../../forms/elements/index.js';
import type { TbForm } from '../../../forms/elements/index.js';
import { assert, assertEqual, axeViolations, settled } from '../support/assert.js';
import { dibaoApplication, loadDibaoForm } from '../support/dibaoForm.js';

async function mountDibao(data: Record<string, unknown> = dibaoApplication()): Promise<TbForm> {
  const { schema, ui } = await loadDibaoForm();
  document.body.innerHTML = '';
  const form = document.createElement('tb-form');
  form.schema = schema;
  form.ui = ui;
  form.data = data;
  form.params = { standard: 800 };
  document.body.append(form);
  await settled(form);
  return form;
}

function fieldHost(form: TbForm, pointer: string): HTMLElement {
  const host = form.shadowRoot!.querySelector<HTMLElement>(`[data-pointer="${pointer}"]`);
  assert(host, `a field for ${pointer}`);
  return host;
}

describe('<tb-form> with the 低保 application', () => {
  it('draws the first wizard step with its labelled fields', async () => {
    const form = await mountDibao();
    const title = form.shadowRoot!.querySelector('.step-title')!;
    assertEqual(title.textContent, '申请人');
    const name = fieldHost(form, '/applicant/name');
    await settled(name);
    assertEqual(name.shadowRoot!.querySelector('label')!.textContent!.replace('*', ''), '姓名');
    assertEqual((name.shadowRoot!.querySelector('input') as HTMLInputElement).value, '王秀英');
    assertEqual(name.tagName.toLowerCase(), 'tb-text-field');
    assertEqual(fieldHost(form, '/applicant/idNumber').tagName.toLowerCase(), 'tb-id-card-field');
  });

  it('has no axe violations', async () => {
    const form = await mountDibao();
    const violations = await axeViolations(document.body);
    assertEqual(violations, []);
    void form;
  });
});
