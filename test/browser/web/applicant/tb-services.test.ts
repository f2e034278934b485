import '../../../../web/src/pages/applicant/tb-services.js';
import type { WorkflowDefinition } from '../../../../engine/index.js';
import { assert, assertEqual, axeViolations, settled } from '../../support/assert.js';
import { listOf, signInAs, startFakeServer, stopFakeServer, until, type RecordedCall } from '../../support/fakeServer.js';

// The shipped 低保 definition, as the server publishes it.
const dibao = (await (await fetch('/workflows/dibao/workflow.json')).json()) as WorkflowDefinition;
/** A process only officers start (a 复核): not on a resident's list. */
const officersOnly: WorkflowDefinition = { ...dibao, key: 'review', name: '低保复核', starters: [{ kind: 'officer' } as never] };

const records = [
  { id: 'w2', key: 'dibao', version: 2, name: dibao.name, definition: dibao },
  { id: 'w1', key: 'dibao', version: 1, name: '旧版本', definition: { ...dibao, name: '旧版本' } },
  { id: 'w3', key: 'review', version: 1, name: officersOnly.name, definition: officersOnly },
];

async function mount(routes: Parameters<typeof startFakeServer>[0] = []): Promise<{ el: HTMLElement; calls: RecordedCall[] }> {
  signInAs({ id: 'a1', role: 'applicant', name: '王秀英' });
  const calls = startFakeServer([{ path: '/api/collections/workflow_definitions/records', answer: listOf(records) }, ...routes]);
  document.documentElement.lang = 'zh-CN';
  document.body.innerHTML = '<main><tb-services></tb-services></main>';
  const el = document.querySelector('tb-services') as HTMLElement;
  await until(() => el.shadowRoot?.querySelector('article'), 'the services');
  await settled(el);
  return { el, calls };
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('tb-services', () => {
  afterEach(() => {
    stopFakeServer();
    document.documentElement.classList.remove('elder');
    history.replaceState(null, '', '/');
  });

  it('lists the newest version of each process a resident may start, with its 一次性告知: who, conditions, materials, time limit, where to ask', async () => {
    const { el, calls } = await mount();
    const articles = [...el.shadowRoot!.querySelectorAll('article')];
    assertEqual(articles.map((a) => text(a.querySelector('h2'))), ['最低生活保障审核确认']);
    const terms = [...articles[0]!.querySelectorAll('dt')].map((dt) => text(dt));
    for (const t of ['谁可以申请', '申请条件', '所需材料', '法定办理时限', '咨询方式']) assert(terms.includes(t), `${t} in ${terms.join('、')}`);
    assert(text(articles[0]).includes('30 个工作日'), text(articles[0]));
    // Only published national versions are asked for.
    assert(calls[0]!.query.get('filter')!.includes('status = "published"'), calls[0]!.query.get('filter')!);
  });

  it('starts an application of the service and opens it by its address', async () => {
    const { el, calls } = await mount([{ method: 'POST', path: '/api/tongban/cases', answer: { case: { id: 'case123', step: 'apply' } } }]);
    el.shadowRoot!.querySelector<HTMLButtonElement>('article button')!.click();
    await until(() => window.location.pathname === '/apply/case123', 'the application page');
    const start = calls.find((c) => c.method === 'POST')!;
    assertEqual((start.body as { workflow: string }).workflow, 'dibao');
    assert(typeof (start.body as { commandId?: unknown }).commandId === 'string', 'a command id makes a retry safe');
  });

  it('says in Chinese why a start was refused, and stays on the list', async () => {
    const { el } = await mount([{ method: 'POST', path: '/api/tongban/cases', status: 409, answer: { status: 409, code: 'open_case_exists', message: '您已有一份正在办理的申请。' } }]);
    el.shadowRoot!.querySelector<HTMLButtonElement>('article button')!.click();
    await until(() => el.shadowRoot!.querySelector('[role=alert]'), 'the refusal');
    assertEqual(text(el.shadowRoot!.querySelector('[role=alert]')), '您已有一份正在办理的申请。');
    assertEqual(window.location.pathname, '/');
  });

  it('has no axe violations, in 长辈模式 too', async () => {
    const { el } = await mount();
    assertEqual(await axeViolations(document.body), []);
    document.documentElement.classList.add('elder');
    await settled(el);
    assertEqual(await axeViolations(document.body), []);
  });
});
