import '../../../../web/src/pages/applicant/tb-my-cases.js';
import { assert, assertEqual, axeViolations, settled } from '../../support/assert.js';
import { listOf, signInAs, startFakeServer, stopFakeServer, until } from '../../support/fakeServer.js';

const draft = { id: 't1', application: 'c1', step: 'apply', step_name: '提出申请', status: 'open', due_at: '', expand: { application: { id: 'c1', title: '最低生活保障审核确认：王*英', case_no: 'DIBAO-2026-000003' } } };
const cases = [
  { id: 'c1', case_no: 'DIBAO-2026-000003', title: '最低生活保障审核确认：王*英', step_name: '提出申请', due_at: '' },
  // Due at the end of Thursday 5 March (stored as 00:00 China time on the 6th).
  { id: 'c2', case_no: 'DIBAO-2026-000001', title: '最低生活保障审核确认：王*英', step_name: '入户调查', due_at: '2026-03-05 16:00:00.000Z' },
];

async function mount(tasks: object[] = [draft]): Promise<HTMLElement> {
  signInAs({ id: 'a1', role: 'applicant', name: '王秀英' });
  startFakeServer([{ path: '/api/collections/tasks/records', answer: listOf(tasks) }, { path: '/api/collections/applications/records', answer: listOf(cases) }]);
  document.documentElement.lang = 'zh-CN';
  document.body.innerHTML = '<main><tb-my-cases></tb-my-cases></main>';
  const el = document.querySelector('tb-my-cases') as HTMLElement;
  await until(() => el.shadowRoot?.querySelector('tb-case-list')?.shadowRoot?.querySelector('li'), 'the cases');
  await settled(el);
  return el;
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('tb-my-cases', () => {
  afterEach(() => {
    stopFakeServer();
    document.documentElement.classList.remove('elder');
  });

  it('leads the applicant back to a draft waiting on them, and to the service list', async () => {
    const el = await mount();
    const links = [...el.shadowRoot!.querySelectorAll('a')].map((a) => [text(a), a.getAttribute('href')]);
    assert(links.some(([t, h]) => t === '继续填写：提出申请：最低生活保障审核确认：王*英' && h === '/apply/c1'), JSON.stringify(links));
    assert(links.some(([t, h]) => t === '申请办理事项' && h === '/services'), JSON.stringify(links));
  });

  it('lists every application with its step and its due date read as the last day (not the day after)', async () => {
    const el = await mount([]);
    const items = [...el.shadowRoot!.querySelector('tb-case-list')!.shadowRoot!.querySelectorAll('li')].map((li) => text(li));
    assertEqual(items, ['DIBAO-2026-000003 最低生活保障审核确认：王*英 当前环节：提出申请', 'DIBAO-2026-000001 最低生活保障审核确认：王*英 当前环节：入户调查 · 办理期限：2026/3/5']);
  });

  it('has no axe violations, in 长辈模式 too', async () => {
    const el = await mount();
    assertEqual(await axeViolations(document.body), []);
    document.documentElement.classList.add('elder');
    await settled(el);
    assertEqual(await axeViolations(document.body), []);
  });
});
