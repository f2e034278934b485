import { sendKeys } from '@web/test-runner-commands';
import type { FormSchema, UiSchema } from '../../../../forms/core/index.js';
import type { TbForm } from '../../../../forms/elements/index.js';
import { assert, assertEqual, axeViolations } from '../../support/assert.js';
import { loadDibaoForm } from '../../support/dibaoForm.js';
import { assertInvalidWith, choose, deepActiveElement, fieldOf, mountForm, part, tabAway, textOf, typeInto } from '../../support/forms.js';

const ui: UiSchema = {
  type: 'Section',
  label: '共同生活家庭成员',
  scope: '/household',
  elements: [
    { type: 'Control', scope: '/household/members', widget: 'household-table' },
    { type: 'Control', scope: '/household/memberCount', readOnly: true },
  ],
};

const wang = { name: '王秀英', idNumber: '32062119650412002X', relation: '本人' };
const li = { name: '李建国', idNumber: '320621196308150010', relation: '配偶' };
const chen = { name: '李小明', idNumber: '', relation: '子女' };

let schema: FormSchema;

async function mountMembers(members: Record<string, unknown>[]): Promise<{ form: TbForm; table: HTMLElement & { updateComplete: Promise<unknown> } }> {
  schema ??= (await loadDibaoForm()).schema;
  const form = await mountForm({ schema, ui, data: { household: { members } } });
  const table = await fieldOf(form, '/household/members');
  return { form, table };
}

const members = (form: TbForm) => (form.value.household as { members: Record<string, unknown>[] }).members;
const names = (form: TbForm) => members(form).map((m) => m.name);
const cell = <T extends HTMLElement = HTMLInputElement>(table: Element, row: number, key: string) => part<T>(table, `#r${row}-${key}`);

describe('<tb-table-field> (household members)', () => {
  it('renders one row per member with a header per column and the values in the cells', async () => {
    const { table } = await mountMembers([wang, li]);
    assertEqual(table.tagName.toLowerCase(), 'tb-table-field');
    const headers = [...table.shadowRoot!.querySelectorAll('thead th')].map((th) => textOf(th));
    assertEqual(headers, ['#', '姓名', '公民身份号码', '与申请人关系', '残疾等级', '残疾人证号', '健康状况', '就业状况', '备注', '操作']);
    assertEqual(table.shadowRoot!.querySelectorAll('tbody tr').length, 2);
    assertEqual(cell(table, 1, 'name').value, '李建国');
    assertEqual(textOf(cell<HTMLSelectElement>(table, 1, 'relation').selectedOptions[0]), '配偶');
    assertEqual(textOf(part(table, 'label[for="r1-name"]')).replace('*', ''), '第2行 姓名');
  });

  it('adds a row with the keyboard and moves focus into its first cell', async () => {
    const { form, table } = await mountMembers([wang]);
    part(table, '.add').focus();
    await sendKeys({ press: 'Enter' });
    await table.updateComplete;
    await table.updateComplete;
    assertEqual(table.shadowRoot!.querySelectorAll('tbody tr').length, 2);
    assertEqual(deepActiveElement()?.id, 'r1-name');
    await sendKeys({ type: '李建国' });
    await table.updateComplete;
    assertEqual(names(form), ['王秀英', '李建国']);
    assertEqual(textOf(part(table, '[role="status"]')), '已添加第2行。');
    assertEqual(form.value.household, { members: [wang, { name: '李建国' }], memberCount: 2 });
  });

  it('removes a row with its button, says so, and recounts the members', async () => {
    const { form, table } = await mountMembers([wang, li, chen]);
    part(table, 'button[aria-label="删除 第2行"]').click();
    await table.updateComplete;
    await table.updateComplete;
    assertEqual(names(form), ['王秀英', '李小明']);
    assertEqual((form.value.household as { memberCount: number }).memberCount, 2);
    assertEqual(textOf(part(table, '[role="status"]')), '已删除第2行。');
    assertEqual(deepActiveElement()?.id, 'r1-name');
  });

  it('moves a row down and up with its buttons, keeping focus on the moved row', async () => {
    const { form, table } = await mountMembers([wang, li, chen]);
    part(table, 'button[aria-label="下移 第1行"]').click();
    await table.updateComplete;
    await table.updateComplete;
    assertEqual(names(form), ['李建国', '王秀英', '李小明']);
    assertEqual(deepActiveElement()?.getAttribute('aria-label'), '下移 第2行');
    (deepActiveElement() as HTMLElement).click();
    await table.updateComplete;
    await table.updateComplete;
    assertEqual(names(form), ['李建国', '李小明', '王秀英']);
    // The last row has no 下移: focus goes to its 上移.
    assertEqual(deepActiveElement()?.getAttribute('aria-label'), '上移 第3行');
    await sendKeys({ press: 'Enter' });
    await table.updateComplete;
    await table.updateComplete;
    assertEqual(names(form), ['李建国', '王秀英', '李小明']);
    assertEqual(textOf(part(table, '[role="status"]')), '已移到第2行。');
  });

  it('moves the row with Alt+ArrowDown and Alt+ArrowUp from a cell, focus staying in that column', async () => {
    const { form, table } = await mountMembers([wang, li, chen]);
    cell(table, 0, 'idNumber').focus();
    await sendKeys({ press: 'Alt+ArrowDown' });
    await table.updateComplete;
    await table.updateComplete;
    assertEqual(names(form), ['李建国', '王秀英', '李小明']);
    assertEqual(deepActiveElement()?.id, 'r1-idNumber');
    await sendKeys({ press: 'Alt+ArrowDown' });
    await table.updateComplete;
    await table.updateComplete;
    assertEqual(names(form), ['李建国', '李小明', '王秀英']);
    assertEqual(deepActiveElement()?.id, 'r2-idNumber');
    await sendKeys({ press: 'Alt+ArrowDown' }); // already last: nothing moves
    await table.updateComplete;
    assertEqual(names(form), ['李建国', '李小明', '王秀英']);
    await sendKeys({ press: 'Alt+ArrowUp' });
    await table.updateComplete;
    await table.updateComplete;
    assertEqual(names(form), ['李建国', '王秀英', '李小明']);
    assertEqual(deepActiveElement()?.id, 'r1-idNumber');
    assertEqual((deepActiveElement() as HTMLInputElement).value, wang.idNumber);
  });

  it('shows each cell’s message in its own row after the cell is left', async () => {
    const { table } = await mountMembers([wang, { relation: '配偶' }]);
    const name = cell(table, 1, 'name');
    await typeInto(table, name, '李');
    await tabAway(table);
    assertInvalidWith(table, name, '姓名至少2个字。');
    const id = cell(table, 1, 'idNumber');
    await typeInto(table, id, '320621196308150011');
    await tabAway(table);
    assertInvalidWith(table, id, '“公民身份号码”不正确：校验位不符，请逐位核对。');
    // Row 1 stays clean.
    assertEqual(cell(table, 0, 'name').getAttribute('aria-invalid'), 'false');
    assertEqual(textOf(part(table, '#r0-name-error')), '');
  });

  it('asks for the 残疾人证号 only in the row whose 残疾等级 is not 无', async () => {
    const { form, table } = await mountMembers([{ ...wang, disabilityGrade: '无' }, { ...li, disabilityGrade: '无' }]);
    assert(!table.shadowRoot!.querySelector('#r1-disabilityCertificate'), 'no certificate input while the grade is 无');
    await choose(table, cell<HTMLSelectElement>(table, 1, 'disabilityGrade'), '二级');
    await table.updateComplete;
    const certificate = cell(table, 1, 'disabilityCertificate');
    await typeInto(table, certificate, '32062119630815001012');
    assertEqual(members(form)[1]!.disabilityCertificate, '32062119630815001012');
    assert(!table.shadowRoot!.querySelector('#r0-disabilityCertificate'), 'row 1 still has none');
  });

  it('reaches every cell of every row in order with Tab', async () => {
    const { table } = await mountMembers([{ ...wang, disabilityGrade: '一级' }, li]);
    cell(table, 0, 'name').focus();
    const visited: string[] = ['r0-name'];
    for (let i = 0; i < 40; i++) {
      await sendKeys({ press: 'Tab' });
      const active = deepActiveElement();
      if (!active || !table.shadowRoot!.contains(active)) break;
      visited.push(active.id || active.getAttribute('aria-label') || textOf(active));
    }
    const cells = [...table.shadowRoot!.querySelectorAll('tbody input, tbody select')].map((el) => el.id);
    assertEqual(visited.filter((v) => /^r\d-/.test(v)), cells);
    assertEqual(cells.slice(0, 8), ['r0-name', 'r0-idNumber', 'r0-relation', 'r0-disabilityGrade', 'r0-disabilityCertificate', 'r0-health', 'r0-employment', 'r0-note']);
    assertEqual(cells.length, 15);
    // Row buttons come after the row's cells; 上移 of the first row is disabled and skipped.
    assertEqual(visited.slice(8, 10), ['下移 第1行', '删除 第1行']);
    assertEqual(visited.at(-1), '+ 添加家庭成员');
  });

  it('has no axe violations with cell errors shown', async () => {
    const { form, table } = await mountMembers([wang, { name: '李', idNumber: '123', relation: '配偶' }]);
    form.reportValidity();
    await form.updateComplete;
    await table.updateComplete;
    assertEqual(cell(table, 1, 'name').getAttribute('aria-invalid'), 'true');
    assertEqual(await axeViolations(document.body), []);
  });
});
