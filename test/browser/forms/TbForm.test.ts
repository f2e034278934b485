import { sendKeys } from '@web/test-runner-commands';
import type { FormSchema, UiSchema } from '../../../forms/core/index.js';
import { regionSource, setRegionSource, type RegionSource, type TbForm } from '../../../forms/elements/index.js';
import { assert, assertEqual, axeViolations, settled } from '../support/assert.js';
import { dibaoApplication, loadDibaoForm } from '../support/dibaoForm.js';
import {
  clearInput,
  deepActiveElement,
  deepQueryAll,
  fieldOf,
  inputOf,
  maybeFieldOf,
  mountForm,
  part,
  settleFields,
  tabAway,
  textOf,
  typeInto,
  until,
  type MountOptions,
} from '../support/forms.js';
import { memoryRegionSource } from '../support/regions.js';

let dibao: { schema: FormSchema; ui: UiSchema };

async function mountDibao(options: Partial<MountOptions> = {}): Promise<TbForm> {
  dibao ??= await loadDibaoForm();
  return mountForm({ schema: dibao.schema, ui: dibao.ui, data: dibaoApplication(), params: { standard: 800 }, ...options });
}

async function goToStep(form: TbForm, index: number): Promise<void> {
  form.step = index;
  await settleFields(form);
}

const stepTitle = (form: TbForm) => textOf(form.shadowRoot!.querySelector('.step-title'));
const wizardButtons = (form: TbForm) => [...form.shadowRoot!.querySelectorAll('.wizard-buttons button')].map((b) => textOf(b));
const computedSchema = (pointer: string) => {
  const [section, key] = pointer.slice(1).split('/');
  return (dibao.schema.properties![section!]!.properties![key!]!['x-computed'] as { label: string }).label;
};

describe('<tb-form> with the 低保 application', () => {
  let savedRegions: RegionSource;
  before(() => {
    savedRegions = regionSource();
  });
  beforeEach(() => setRegionSource(memoryRegionSource()));
  after(() => setRegionSource(savedRegions));

  it('draws the first wizard step with its labelled fields', async () => {
    const form = await mountDibao();
    assertEqual(stepTitle(form), '申请人');
    const name = await fieldOf(form, '/applicant/name');
    assertEqual(part(name, 'label').textContent!.replace('*', ''), '姓名');
    assertEqual(inputOf(name).value, '王秀英');
    assertEqual(name.tagName.toLowerCase(), 'tb-text-field');
    assertEqual((await fieldOf(form, '/applicant/idNumber')).tagName.toLowerCase(), 'tb-id-card-field');
    assertEqual(wizardButtons(form), ['上一步', '下一步']);
    assertEqual(form.shadowRoot!.querySelector('nav')!.getAttribute('aria-label'), '第1步，共10步');
  });

  it('moves between steps with 下一步 and 上一步 and focuses the step title', async () => {
    const form = await mountDibao();
    const [back, next] = [...form.shadowRoot!.querySelectorAll<HTMLButtonElement>('.wizard-buttons button')];
    assert(back!.disabled, '上一步 is disabled on the first step');
    next!.click();
    await settleFields(form);
    assertEqual(stepTitle(form), '家庭成员');
    assertEqual(deepActiveElement()?.className, 'step-title');
    form.shadowRoot!.querySelectorAll<HTMLButtonElement>('.wizard-buttons button')[0]!.click();
    await settleFields(form);
    assertEqual(stepTitle(form), '申请人');
  });

  it('has no axe violations on any wizard step', async () => {
    const form = await mountDibao();
    await until(() => maybeFieldOf(form, '/applicant/hukouRegion')?.shadowRoot?.querySelector('#level-4') != null, 'the region cascade');
    const steps = form.shadowRoot!.querySelectorAll('nav li').length;
    assertEqual(steps, 10);
    for (let i = 0; i < steps; i++) {
      await goToStep(form, i);
      const violations = await axeViolations(document.body);
      assertEqual(violations, [], `step ${i + 1} (${stepTitle(form)}):`);
    }
  });

  describe('permissions', () => {
    const permissions = {
      '/applicant': 'write',
      '/applicant/phone': 'read',
      '/applicant/idNumber': 'masked',
      '/applicant/bankAccount': 'hidden',
      '/household': 'write',
      '/income': 'write',
    } as const;
    const data = () => {
      const d = dibaoApplication();
      (d.applicant as Record<string, unknown>).idNumber = '320621********002X';
      (d.applicant as Record<string, unknown>).bankAccount = '6222020200000000005';
      return d;
    };

    it('draws a read field as text, not an input', async () => {
      const form = await mountDibao({ permissions, data: data() });
      const phone = await fieldOf(form, '/applicant/phone');
      assertEqual(phone.shadowRoot!.querySelectorAll('input, select, textarea').length, 0);
      assertEqual(textOf(part(phone, '.text')), '13912345678');
      assertEqual(textOf(part(phone, '.label')), '联系电话');
    });

    it('shows a masked field as the masked value it was given', async () => {
      const form = await mountDibao({ permissions, data: data() });
      const id = await fieldOf(form, '/applicant/idNumber');
      assertEqual(id.shadowRoot!.querySelectorAll('input').length, 0);
      assertEqual(textOf(part(id, '.text')), '320621********002X');
    });

    it('leaves a hidden field out of the DOM and out of the value', async () => {
      const form = await mountDibao({ permissions, data: data() });
      assertEqual(maybeFieldOf(form, '/applicant/bankAccount'), null);
      assert(!('bankAccount' in (form.value.applicant as object)), 'no bankAccount in the value');
      assert(!JSON.stringify(form.value).includes('6222020200000000005'), 'the hidden number appears nowhere in the value');
      // Sections the step may not see are not in the value either.
      assertEqual(Object.keys(form.value).sort(), ['applicant', 'household', 'income']);
    });

    it('ignores a write through the store to a read field', async () => {
      const form = await mountDibao({ permissions, data: data() });
      form.store!.set('/applicant/phone', '13800000000');
      form.store!.set('/applicant/name', '王秀兰');
      await settleFields(form);
      assertEqual((form.value.applicant as Record<string, unknown>).phone, '13912345678');
      assertEqual((form.value.applicant as Record<string, unknown>).name, '王秀兰');
    });

    it('does not count errors of fields the step cannot change as blocking', async () => {
      const form = await mountDibao({ permissions, data: data() });
      assert(form.store!.errors.some((e) => e.path === '/applicant/idNumber'), 'the masked number fails the format check');
      assertEqual(form.errors, []);
      assertEqual(form.checkValidity(), true);
    });
  });

  it('updates the computed member count when a member is added and shows its 计算方法', async () => {
    const form = await mountDibao();
    await goToStep(form, 1);
    const count = await fieldOf(form, '/household/memberCount');
    assertEqual(textOf(part(count, '.text')), '2');
    assertEqual(textOf(part(count, '.hint')), `计算方法：${computedSchema('/household/memberCount')}`);
    const table = await fieldOf(form, '/household/members');
    part(table, '.add').click();
    await settleFields(form);
    assertEqual(textOf(part(count, '.text')), '3');
    assertEqual((form.value.household as { memberCount: number }).memberCount, 3);
  });

  it('recomputes 家庭月收入合计, 人均 and 测算保障金额 live as incomes are typed', async () => {
    const form = await mountDibao();
    await goToStep(form, 2);
    const total = await fieldOf(form, '/income/monthlyTotal');
    const perCapita = await fieldOf(form, '/income/perCapita');
    const estimated = await fieldOf(form, '/income/estimatedAmount');
    assertEqual([textOf(part(total, '.text')), textOf(part(perCapita, '.text')), textOf(part(estimated, '.text'))], ['500.00 元', '250.00 元', '1,100.00 元']);
    assertEqual(textOf(part(total, '.hint')), `计算方法：${computedSchema('/income/monthlyTotal')}`);
    assertEqual(textOf(part(estimated, '.hint')), `计算方法：${computedSchema('/income/estimatedAmount')}`);
    const other = await fieldOf(form, '/income/other');
    await clearInput(other, inputOf(other));
    await typeInto(other, inputOf(other), '101');
    await settleFields(form);
    assertEqual([textOf(part(total, '.text')), textOf(part(perCapita, '.text')), textOf(part(estimated, '.text'))], ['601.00 元', '300.50 元', '999.00 元']);
    const income = form.value.income as Record<string, number>;
    assertEqual([income.monthlyTotal, income.perCapita, income.estimatedAmount], [601, 300.5, 999]);
  });

  it('shows 单人保理由 while 按单人保申请 is switched on and hides it when off', async () => {
    const form = await mountDibao();
    assertEqual(maybeFieldOf(form, '/applicant/singlePersonReason'), null);
    const single = await fieldOf(form, '/applicant/singlePersonBasis');
    inputOf(single).focus();
    await sendKeys({ press: 'Space' });
    await settleFields(form);
    const reason = await fieldOf(form, '/applicant/singlePersonReason');
    assertEqual(textOf(part(reason, 'legend')).replace('*', ''), '单人保理由（必填）');
    assertEqual(form.checkValidity(), false);
    assert(form.errors.some((e) => e.path === '/applicant/singlePersonReason'), 'the reason is required while shown');
    inputOf(single).focus();
    await sendKeys({ press: 'Space' });
    await settleFields(form);
    assertEqual(maybeFieldOf(form, '/applicant/singlePersonReason'), null);
    assertEqual(form.checkValidity(), true);
  });

  describe('print view', () => {
    it('shows every step with values as text and no inputs anywhere', async () => {
      const form = await mountDibao({ print: true, data: { ...dibaoApplication(), acceptance: { complete: true, relativeFiling: false } } });
      await until(() => textOf(maybeFieldOf(form, '/applicant/hukouRegion')?.shadowRoot?.querySelector('.text')).includes('曲塘镇'), 'the region names');
      assertEqual(form.shadowRoot!.querySelector('nav'), null);
      assertEqual(form.shadowRoot!.querySelector('.wizard-buttons'), null);
      const headings = [...form.shadowRoot!.querySelectorAll('[role="heading"][aria-level="2"]')].map((h) => textOf(h));
      assertEqual(headings, ['申请人', '家庭成员', '收入与财产', '受理', '入户调查', '信息核对', '乡镇初审', '公示与异议', '审核确认', '决定']);
      assertEqual(deepQueryAll(form.shadowRoot!, 'input, select, textarea').length, 0);
      assertEqual(textOf(part(await fieldOf(form, '/acceptance/complete'), '.text')), '是');
      assertEqual(textOf(part(await fieldOf(form, '/acceptance/relativeFiling'), '.text')), '否');
      assertEqual(textOf(part(await fieldOf(form, '/income/wages'), '.text')), '300.00 元');
      assertEqual(textOf(part(await fieldOf(form, '/applicant/hukouRegion'), '.text')), '江苏省 南通市 海安市 曲塘镇（320685102）');
      const members = await fieldOf(form, '/household/members');
      assertEqual([...members.shadowRoot!.querySelectorAll('tbody tr:first-child > *')].map((c) => textOf(c)), ['1', '王秀英', '32062119650412002X', '本人', '无', '', '慢性病', '无劳动能力']);
    });

    it('has no axe violations', async () => {
      await mountDibao({ print: true });
      assertEqual(await axeViolations(document.body), []);
    });

    it('draws a step whose only section has the step’s name once: one region and one heading of that name, no axe violations', async () => {
      const schema: FormSchema = { type: 'object', properties: { circumstances: { title: '特困情形', type: 'object', properties: { kind: { title: '情形', type: 'string' } } }, other: { title: '其他', type: 'object', properties: { note: { title: '说明', type: 'string' } } } } };
      const ui: UiSchema = { type: 'Wizard', elements: [
        { type: 'Step', label: '特困情形', elements: [{ type: 'Section', scope: '/circumstances' }] },
        { type: 'Step', label: '补充', elements: [{ type: 'Section', scope: '/other' }] },
      ] };
      const form = await mountForm({ schema, ui, print: true, data: { circumstances: { kind: '无劳动能力' }, other: { note: '无' } } });
      const headings = [...form.shadowRoot!.querySelectorAll('[role="heading"]')].map((h) => textOf(h));
      assertEqual(headings, ['特困情形', '补充', '其他']);
      assertEqual(await axeViolations(document.body), []);
    });

    it('draws a step holding a section of its own name among others as a group, so no two regions share a name', async () => {
      const schema: FormSchema = { type: 'object', properties: { org: { title: '组织', type: 'object', properties: { name: { title: '名称', type: 'string' } } }, order: { title: '责令整改', type: 'object', properties: { problems: { title: '存在的问题', type: 'string' } } } } };
      const ui: UiSchema = { type: 'Wizard', elements: [{ type: 'Step', label: '责令整改', elements: [{ type: 'Section', scope: '/org' }, { type: 'Section', scope: '/order' }] }] };
      const form = await mountForm({ schema, ui, print: true, data: { org: { name: '海安市集邮协会' }, order: { problems: '未年检' } } });
      assertEqual([...form.shadowRoot!.querySelectorAll('section')].map((s) => textOf(s.querySelector('[role="heading"]'))), ['组织', '责令整改']);
      assertEqual(await axeViolations(document.body), []);
    });
  });

  describe('长辈模式', () => {
    it('uses at least 18px text and 60px targets for every input and button of the first step', async () => {
      const form = await mountDibao({ elder: true });
      await until(() => maybeFieldOf(form, '/applicant/hukouRegion')?.shadowRoot?.querySelector('#level-4') != null, 'the region cascade');
      const name = await fieldOf(form, '/applicant/name');
      assert(parseFloat(getComputedStyle(part(name, 'label')).fontSize) >= 18, `label font-size ${getComputedStyle(part(name, 'label')).fontSize}`);
      const targets = deepQueryAll(form.shadowRoot!, 'input, select, textarea, button');
      assert(targets.length > 15, `inputs and buttons found: ${targets.length}`);
      const small = targets
        .map((el) => {
          // A checkbox or radio is clicked through the label around it: that label is its target.
          const target = el.matches('input[type=checkbox], input[type=radio]') ? (el.closest('label') ?? el) : el;
          return { el, height: target.getBoundingClientRect().height };
        })
        .filter((t) => t.height < 60)
        .map((t) => `${t.el.tagName.toLowerCase()}#${t.el.id} ${t.height}px`);
      assertEqual(small, []);
    });

    it('has no axe violations', async () => {
      await mountDibao({ elder: true });
      assertEqual(await axeViolations(document.body), []);
    });
  });

  it('switches its own words to English', async () => {
    const form = await mountDibao({ language: 'en' });
    assertEqual(wizardButtons(form), ['Back', 'Next']);
    assertEqual(form.shadowRoot!.querySelector('nav')!.getAttribute('aria-label'), 'Step 1 of 10');
    const region = await fieldOf(form, '/applicant/hukouRegion');
    await until(() => region.shadowRoot!.querySelector('label[for="input"]') !== null, 'the region selects');
    assertEqual(textOf(part(region, 'label[for="input"]')), 'Province');
    const id = await fieldOf(form, '/applicant/idNumber');
    assertEqual(textOf(part(id, '.hint')), 'Date of birth：1965-04-12 Sex：female');
    form.language = 'zh-CN';
    await settleFields(form);
    assertEqual(wizardButtons(form), ['上一步', '下一步']);
  });

  describe('inside a <form>', () => {
    async function mountInForm(data: Record<string, unknown> = dibaoApplication()): Promise<{ formEl: HTMLFormElement; form: TbForm }> {
      document.body.innerHTML = '<form><button type="submit">提交</button></form>';
      const formEl = document.querySelector('form')!;
      const form = await mountDibao({ parent: formEl, data });
      form.name = 'data';
      await settled(form);
      return { formEl, form };
    }

    it('submits the JSON value under its name', async () => {
      const { formEl, form } = await mountInForm();
      const name = await fieldOf(form, '/applicant/name');
      await typeInto(name, inputOf(name), '兰');
      const submitted = JSON.parse(String(new FormData(formEl).get('data'))) as { applicant: { name: string }; income: { monthlyTotal: number } };
      assertEqual(submitted.applicant.name, '王秀英兰');
      assertEqual(submitted.income.monthlyTotal, 500);
      assertEqual(submitted, JSON.parse(JSON.stringify(form.value)));
    });

    it('restores its data when the form is reset', async () => {
      const { formEl, form } = await mountInForm();
      const name = await fieldOf(form, '/applicant/name');
      await typeInto(name, inputOf(name), '兰');
      formEl.reset();
      await settleFields(form);
      assertEqual((form.value.applicant as { name: string }).name, '王秀英');
      assertEqual(inputOf(name).value, '王秀英');
      assertEqual(JSON.parse(String(new FormData(formEl).get('data'))).applicant.name, '王秀英');
    });

    it('makes the form invalid with the first message while a field is wrong', async () => {
      const { formEl, form } = await mountInForm();
      assertEqual(formEl.checkValidity(), true);
      const phone = await fieldOf(form, '/applicant/phone');
      await typeInto(phone, inputOf(phone), '0');
      assertEqual(formEl.checkValidity(), false);
      assertEqual(form.validity.valid, false);
      await tabAway(phone);
    });

    it('reports errors in a summary whose buttons go to the field on its wizard step', async () => {
      const data = dibaoApplication();
      ((data.household as { members: Record<string, unknown>[] }).members[1]!).name = '李';
      const { form } = await mountInForm(data);
      assertEqual(form.reportValidity(), false);
      await settleFields(form);
      const summary = part(form, '.summary');
      assertEqual(summary.getAttribute('role'), 'alert');
      assertEqual(deepActiveElement(), summary);
      assertEqual(textOf(summary.querySelector('strong')), '还有1处需要修改：');
      const button = summary.querySelector('button')!;
      assertEqual(textOf(button), '姓名至少2个字。');
      button.click();
      await settleFields(form);
      assertEqual(stepTitle(form), '家庭成员');
      const table = await fieldOf(form, '/household/members');
      await settled(table);
      assertEqual(deepActiveElement()?.id, 'r1-name');
      assertEqual(part(table, '#r1-name').getAttribute('aria-invalid'), 'true');
      // Fixing the field takes the summary away.
      await sendKeys({ type: '建国' });
      await settleFields(form);
      assertEqual(form.shadowRoot!.querySelector('.summary'), null);
    });
  });
});
