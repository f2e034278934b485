import '../../../../web/src/pages/studio/tb-studio-process-designer.js';
import type { DesignerCheckRequest, DesignerDraft, ProcessListAnswer } from '../../../../engine/index.js';
import { assert, assertEqual, axeViolations, settled } from '../../support/assert.js';
import { sendKeys } from '@web/test-runner-commands';
import { signInAs, startFakeServer, stopFakeServer, until, type RecordedCall } from '../../support/fakeServer.js';

/** 低保 as shipped, drawn into a draft of the next version. */
async function dibaoDraft(): Promise<DesignerDraft> {
  const definition = await (await fetch('/workflows/dibao/workflow.json')).json();
  return { id: 'd1', key: 'dibao', version: definition.version + 1, basedOn: definition.version, name: definition.name, definition: { ...definition, version: definition.version + 1 }, formSchema: null, uiSchema: null, templates: { documents: {}, shared: {} }, sample: null, problems: [], updated: '2026-11-29 10:00:00.000Z' };
}

/** The check: a target naming no step is a problem at its field, as the server's checks say it. */
function check(call: RecordedCall) {
  const request = call.body as DesignerCheckRequest & { definition: { steps: Record<string, { actions?: Record<string, { target?: unknown }> }> } };
  const steps = request.definition.steps;
  const problems = [];
  for (const [name, step] of Object.entries(steps)) {
    for (const [a, action] of Object.entries(step.actions ?? {})) {
      if (typeof action.target === 'string' && !Object.prototype.hasOwnProperty.call(steps, action.target)) problems.push({ path: `/definition/steps/${name}/actions/${a}/target`, message: `目标步骤“${action.target}”未定义。` });
    }
  }
  return { problems };
}

async function mount(): Promise<{ el: HTMLElement & { checked: Promise<void> }; calls: RecordedCall[]; draft: DesignerDraft }> {
  signInAs({ id: 'u-admin', role: 'admin', name: '管理员' });
  const draft = await dibaoDraft();
  const list: ProcessListAnswer = { processes: [{ key: 'dibao', name: draft.name, versions: [{ id: 'd1', version: draft.version, status: 'draft', division: '', overlayVersion: 0, runningCases: 0, created: draft.updated, updated: draft.updated }] }] };
  const calls = startFakeServer([
    { path: '/api/tongban/admin/processes', answer: list },
    { path: `/api/tongban/admin/workflows/dibao/drafts/${draft.version}`, answer: draft },
    { method: 'POST', path: '/api/tongban/admin/workflows/dibao/check', answer: check },
  ]);
  document.documentElement.lang = 'zh-CN';
  document.body.innerHTML = '<main><tb-studio-process-designer></tb-studio-process-designer></main>';
  const el = document.querySelector('tb-studio-process-designer') as HTMLElement & { processKey: string; version: string; checked: Promise<void> };
  el.processKey = 'dibao';
  el.version = String(draft.version);
  const graph = () => el.shadowRoot?.querySelector('tb-process-graph')?.shadowRoot;
  await until(() => (graph()?.querySelectorAll('g.node').length ?? 0) > 0, 'the graph laid out', 20_000);
  await settled(el);
  return { el, calls, draft };
}

const graphOf = (el: HTMLElement) => el.shadowRoot!.querySelector('tb-process-graph')!.shadowRoot!;
const button = (el: HTMLElement, name: string) => [...graphOf(el).querySelectorAll<SVGGElement>('g[role="button"]')].find((g) => (g.getAttribute('aria-label') ?? '').startsWith(name));

describe('tb-studio-process-designer', function () {
  // Laying out starts a worker that loads elkjs (1.4 MB) on its first use: slow on a loaded machine.
  this.timeout(30_000);
  afterEach(() => {
    stopFakeServer();
    document.body.innerHTML = '';
  });

  it('lays out a node for every step of 低保 and the start, each a named button', async () => {
    const { el, draft } = await mount();
    const nodes = [...graphOf(el).querySelectorAll('g.node')];
    assertEqual(nodes.length, Object.keys(draft.definition.steps as object).length + 1, 'a node per step and the start');
    assert(button(el, '步骤“乡镇受理”，办理'), 'the 受理 step is a button named for it');
    assert(button(el, '动作“受理”：乡镇受理 → 入户调查'), 'the 受理 action is an arrow named for where it goes');
    assertEqual(nodes.every((n) => n.getAttribute('tabindex') === '0'), true, 'every node can be focused');
    assertEqual(await axeViolations(el), [], 'axe');
  });

  it('opens a step’s properties when it is chosen with the keyboard, and edits the 公示 days in the JSON too', async () => {
    const { el } = await mount();
    const notice = button(el, '步骤“村（居）公示”')!;
    notice.focus();
    notice.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    await until(() => el.shadowRoot!.querySelector('#panel-title')?.textContent?.includes('村（居）公示'), 'the panel of 公示');
    const days = el.shadowRoot!.querySelector<HTMLInputElement>('#f_2fdefinition_2fparameters_2fpublicNotice_2fdays')!;
    assertEqual(days.value, '7', 'the 公示 days held in the parameter');
    days.value = '10';
    days.dispatchEvent(new Event('input'));
    await settled(el);
    const json = JSON.parse(el.shadowRoot!.querySelector<HTMLTextAreaElement>('#json-source')!.value);
    assertEqual(json.parameters.publicNotice.days, 10, 'the JSON follows the field');
    assertEqual(await axeViolations(el), [], 'axe with the panel open');
  });

  it('marks a broken route on its arrow and field with the check’s message, and clears it when fixed', async () => {
    const { el, calls } = await mount();
    button(el, '动作“受理”')!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    await until(() => el.shadowRoot!.querySelector('#f_2fdefinition_2fsteps_2faccept_2factions_2faccept_2ftarget'), 'the target field');
    const target = el.shadowRoot!.querySelector<HTMLInputElement>('#f_2fdefinition_2fsteps_2faccept_2factions_2faccept_2ftarget')!;
    target.value = 'nowhere';
    target.dispatchEvent(new Event('input'));
    await el.checked;
    await settled(el);
    assertEqual(calls.filter((c) => c.path.endsWith('/check')).length, 1, 'one check after the typing paused');
    await until(() => button(el, '动作“受理”：乡镇受理 → 不存在的步骤“nowhere”，1 个问题：目标步骤“nowhere”未定义。'), 'the arrow marked');
    assertEqual(el.shadowRoot!.querySelector('#f_2fdefinition_2fsteps_2faccept_2factions_2faccept_2ftarget-problem')?.textContent, '目标步骤“nowhere”未定义。', 'the field marked');
    assertEqual(target.getAttribute('aria-invalid'), 'true', 'the field invalid');
    assert(el.shadowRoot!.querySelector('.problems')?.textContent?.includes('目标步骤“nowhere”未定义。'), 'the list of problems names it');
    const typed = el.shadowRoot!.querySelector<HTMLTextAreaElement>('#json-source')!;
    typed.value = typed.value.replace('"nowhere"', '"investigation"');
    typed.dispatchEvent(new Event('input'));
    await el.checked;
    await settled(el);
    assert(el.shadowRoot!.querySelector('.problems')?.textContent?.includes('检查通过'), 'the check passes once fixed in the JSON');
    typed.value = typed.value.replace('"initial": "apply",', '"initial": "apply"');
    typed.dispatchEvent(new Event('input'));
    await settled(el);
    assert(/JSON 格式有误：第 \d+ 行第 \d+ 列附近/.test(el.shadowRoot!.querySelector('#json-error')?.textContent ?? ''), 'a syntax error is told in Chinese with its place');
  });
  it('adds a step and then an action to it with the keyboard, drawn in the graph and written in the JSON', async () => {
    const { el } = await mount();
    const root = el.shadowRoot!;
    const json = () => JSON.parse(root.querySelector<HTMLTextAreaElement>('#json-source')!.value);
    root.querySelector<HTMLInputElement>('#new-step-key')!.focus();
    await sendKeys({ type: '2nd' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '复核' });
    await sendKeys({ press: 'Enter' });
    await settled(el);
    assertEqual(root.querySelector('#new-step-problem')?.textContent, '标识须以英文字母开头，只含英文字母、数字、“_”“.”“-”。', 'a key outside the language’s pattern is refused and told');
    assertEqual(json().steps['2nd'], undefined, 'nothing added for it');
    const key = root.querySelector<HTMLInputElement>('#new-step-key')!;
    key.focus();
    await sendKeys({ press: 'Control+a' });
    await sendKeys({ type: 'recheck' });
    root.querySelector<HTMLInputElement>('#new-step-name')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => button(el, '步骤“复核”，办理'), 'the new step drawn as a node', 20_000);
    assertEqual(json().steps.recheck, { type: 'task', name: '复核', assignee: { level: 'township' }, actions: {} }, 'the JSON holds the new task');
    assertEqual(button(el, '步骤“复核”')!.getAttribute('aria-pressed'), 'true', 'the new node is selected');
    assert(root.querySelector('#panel-title')?.textContent?.includes('复核'), 'its panel is open');
    assertEqual(root.activeElement?.id, 'panel-title', 'the focus is on its panel');

    root.querySelector<HTMLInputElement>('#new-action-key')!.focus();
    await sendKeys({ type: 'pass' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '通过' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    assertEqual(root.activeElement?.id, 'new-action-target', 'the target is the next field');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await settled(el);
    root.querySelector<HTMLInputElement>('#new-action-label')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => button(el, '动作“通过”：复核 → 入户调查'), 'the new action drawn as an arrow to the chosen step', 20_000);
    assertEqual(json().steps.recheck.actions, { pass: { kind: 'approve', label: '通过', target: 'investigation' } }, 'the JSON holds the new action');
    await el.checked;
    assertEqual(await axeViolations(el), [], 'axe with the add-action form');
  });

  it('deletes a step after confirming, and the check marks the action that still goes to it; an action is deleted from its arrow', async () => {
    const { el } = await mount();
    const root = el.shadowRoot!;
    const json = () => JSON.parse(root.querySelector<HTMLTextAreaElement>('#json-source')!.value);
    const step = button(el, '步骤“入户调查”')!;
    step.focus();
    step.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    await until(() => [...root.querySelectorAll('button')].find((b) => b.textContent === '删除此步骤'), 'the delete button');
    [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === '删除此步骤')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => root.activeElement?.id === 'confirm-delete', 'asked to confirm, the confirm button focused');
    assert(root.querySelector('#confirm-question')?.textContent?.includes('入户调查'), 'the question names the step');
    assertEqual(await axeViolations(el), [], 'axe while confirming');
    await sendKeys({ press: 'Enter' });
    await settled(el);
    assertEqual(json().steps.investigation, undefined, 'the step is gone from the JSON');
    await el.checked;
    await until(() => button(el, '动作“受理”：乡镇受理 → 不存在的步骤“investigation”，1 个问题：目标步骤“investigation”未定义。'), 'the arrow still going to it marked by the check', 20_000);

    button(el, '动作“受理”')!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    await until(() => [...root.querySelectorAll('button')].find((b) => b.textContent === '删除此操作'), 'the delete-action button');
    [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === '删除此操作')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => root.activeElement?.id === 'confirm-delete', 'asked to confirm');
    await sendKeys({ press: 'Enter' });
    await settled(el);
    assertEqual(json().steps.accept.actions.accept, undefined, 'the action is gone from the JSON');
    await until(() => !button(el, '动作“受理”：'), 'its arrow is gone', 20_000);
  });
  it('gives the add-step form 60 px targets in 长辈模式', async () => {
    document.documentElement.classList.add('elder');
    document.documentElement.style.setProperty('--tb-target', '60px');
    try {
      const { el } = await mount();
      const controls = [...el.shadowRoot!.querySelectorAll<HTMLElement>('form.add input, form.add select, form.add button')];
      assertEqual(controls.length, 4, 'key, name, type and the add button');
      assertEqual(controls.filter((c) => c.getBoundingClientRect().height < 60).map((c) => c.id || c.textContent), [], 'every control at least 60 px high');
    } finally {
      document.documentElement.classList.remove('elder');
      document.documentElement.style.removeProperty('--tb-target');
    }
  });
});
