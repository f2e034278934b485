import '../../../../web/src/pages/applicant/tb-apply.js';
import type { ActionOffer, CaseViewAnswer } from '../../../../engine/index.js';
import { assert, assertEqual, axeViolations, settled } from '../../support/assert.js';
import { loadDibaoForm } from '../../support/dibaoForm.js';
import { listOf, signInAs, startFakeServer, stopFakeServer, until, type RecordedCall } from '../../support/fakeServer.js';

const form = await loadDibaoForm();
const sections = ['applicant', 'household', 'income', 'assets'];
const offers: Record<string, ActionOffer> = {
  save: { action: 'save', kind: 'save', label: '暂存', requiresComment: false, writes: sections },
  submit: { action: 'submit', kind: 'submit', label: '提交申请', requiresComment: false, writes: sections },
  withdraw: { action: 'withdraw', kind: 'withdraw', label: '撤回申请', requiresComment: false },
};

/** The case as the server answers it to its applicant, at `step`. */
function view(over: Partial<CaseViewAnswer['case']>, actions: ActionOffer[]): CaseViewAnswer {
  return {
    case: {
      id: 'c1', caseNo: 'DIBAO-2026-000001', workflow: { key: 'dibao', version: 1, name: '最低生活保障审核确认' }, step: 'apply', stepName: '提出申请', status: 'active', outcome: null, version: 4, flags: [],
      clock: { limitWorkingDays: 30, extended: false, pausedWorkingDays: 0 }, tasks: [], timers: [], subject: null, starter: null, parent: null, follows: null, decisions: {}, milestones: {}, children: [], parentCase: null,
      ...over,
    },
    data: { applicant: { name: '王秀英', phone: '13912345678' } },
    actions,
    verbs: [],
    permissions: Object.fromEntries(sections.map((s) => [`/${s}`, actions.length ? 'write' : 'read'])),
    reveal: [],
    names: { steps: {}, commands: {} },
    expected: [],
  };
}

async function mount(answer: CaseViewAnswer, events: object[] = [], more: Parameters<typeof startFakeServer>[0] = []): Promise<{ el: HTMLElement; calls: RecordedCall[] }> {
  signInAs({ id: 'a1', role: 'applicant', name: '王秀英' });
  const calls = startFakeServer([
    { path: '/api/tongban/cases/c1', answer },
    { path: '/api/collections/events/records', answer: listOf(events) },
    { path: '/api/collections/workflow_definitions/records', answer: listOf([{ id: 'w1', key: 'dibao', version: 1, form_schema: form.schema, ui_schema: form.ui }]) },
    { path: '/api/collections/ratings/records', answer: listOf([]) },
    ...more,
  ]);
  document.documentElement.lang = 'zh-CN';
  document.body.innerHTML = '<main><tb-apply></tb-apply></main>';
  const el = document.querySelector('tb-apply') as HTMLElement & { caseId: string };
  el.caseId = 'c1';
  await until(() => el.shadowRoot?.querySelector('tb-form'), 'the form', 10_000);
  await settled(el);
  return { el, calls };
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const button = (el: HTMLElement, label: string) => [...el.shadowRoot!.querySelectorAll('button')].find((b) => text(b) === label);

describe('tb-apply', () => {
  afterEach(() => {
    stopFakeServer();
    document.documentElement.classList.remove('elder');
  });

  it('saves a draft loosely: 暂存 sends the save action without checking the unfinished form, and says the draft is kept on the server', async () => {
    const { el, calls } = await mount(view({}, [offers.save!, offers.submit!, offers.withdraw!]), [], [{ method: 'POST', path: '/api/tongban/cases/c1/commands', answer: { case: { id: 'c1', version: 5 } } }]);
    button(el, '暂存')!.click();
    await until(() => text(el.shadowRoot!.querySelector('[aria-live]')).includes('草稿已保存'), 'the saved message');
    const command = calls.find((c) => c.method === 'POST')!.body as { action: string; version: number; data?: unknown };
    assertEqual([command.action, command.version, command.data], ['save', 4, undefined]);
    assertEqual(el.shadowRoot!.querySelector('[role=alert]'), null);
  });

  it('shows what a 补正 asks for above the form, with the officer’s words', async () => {
    const returned = { id: 'e3', seq: 3, kind: 'return', action: 'requestCorrection', comment: '联系电话无法接通，请更正。', at: '2026-03-03 02:00:00.000Z' };
    const { el } = await mount(view({}, [offers.submit!, offers.withdraw!]), [{ id: 'e2', seq: 2, kind: 'submit', action: 'submit', at: '2026-03-02 01:00:00.000Z' }, returned]);
    const asked = el.shadowRoot!.querySelector('section.asked')!;
    assertEqual(text(asked.querySelector('h2')), '需要补正');
    assert(text(asked).includes('工作人员意见：联系电话无法接通，请更正。'), text(asked));
    assertEqual(await axeViolations(document.body), []);
  });

  it('is the receipt once the application is in: number, service, the next step with the last day it is due, and a link to the progress', async () => {
    const { el } = await mount(view({ step: 'accept', stepName: '乡镇受理', tasks: [{ key: 'accept#1', step: 'accept', level: 'township', assigneeUnit: 'ta', mode: 'any', dueAt: '2026-03-05T16:00:00.000Z' }] }, []), [{ id: 'e2', seq: 2, kind: 'submit', action: 'submit', at: '2026-03-02 01:00:00.000Z' }]);
    const receipt = el.shadowRoot!.querySelector('section.receipt')!;
    assertEqual(text(receipt.querySelector('h2')), '已收到您的申请');
    const t = text(receipt);
    for (const part of ['申请编号DIBAO-2026-000001', '申请事项最低生活保障审核确认', '当前环节乡镇受理', '工作人员将在以下日期前办理：2026/3/5']) assert(t.includes(part), `${part} in ${t}`);
    assertEqual(receipt.querySelector('a')!.getAttribute('href'), '/cases/c1');
    assertEqual(button(el, '提交申请'), undefined);
    assertEqual(await axeViolations(document.body), []);
  });

  it('asks for a rating once the case has ended, a reason required for a bad one, in 长辈模式 (its 60 px targets: dibaoJourney)', async () => {
    document.documentElement.classList.add('elder');
    const { el, calls } = await mount(view({ step: 'confirmed', stepName: '已确认', status: 'done', outcome: 'approved' }, []));
    await until(() => el.shadowRoot!.querySelector('#rating-title'), 'the rating form');
    const radios = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=radio]')];
    radios.find((r) => r.value === '2')!.click();
    await settled(el);
    button(el, '提交评价')!.click();
    await settled(el);
    assertEqual(text(el.shadowRoot!.querySelector('[role=alert]')), '不满意时请写明理由。');
    assertEqual(calls.filter((c) => c.method === 'POST').length, 0);
    assertEqual(await axeViolations(document.body), []);
  });
});
