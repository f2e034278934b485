import '../../../../web/src/pages/officer/tb-work-queue.js';
import type { ActionOffer, CaseViewAnswer } from '../../../../engine/index.js';
import { assert, assertEqual, axeViolations, settled } from '../../support/assert.js';
import { listOf, signInAs, startFakeServer, stopFakeServer, until, type RecordedCall } from '../../support/fakeServer.js';

/** An open task of the township's 受理, with its case. */
const task = (id: string, caseId: string, name: string, dueAt: string) => ({ id, application: caseId, step: 'accept', step_name: '乡镇受理', status: 'open', due_at: dueAt, overdue: false, created: '2026-03-02 01:00:00.000Z', expand: { application: { id: caseId, case_no: `DIBAO-2026-00000${caseId.slice(-1)}`, title: `最低生活保障审核确认：${name}`, workflow_key: 'dibao', step_name: '乡镇受理', status: 'active' } } });
const tasks = [task('t1', 'c1', '赵*兰', '2026-03-05 16:00:00.000Z'), task('t2', 'c2', '钱*珍', '2026-03-06 16:00:00.000Z')];
const accept: ActionOffer = { action: 'accept', kind: 'approve', label: '受理', requiresComment: false, writes: ['acceptance'] };

/** The case view the batch reads before approving: c1 still at 受理; c2 already moved on (someone accepted it first). */
const caseView = (id: string): Partial<CaseViewAnswer> => (id === 'c1'
  ? { case: { id, version: 3, step: 'accept', stepName: '乡镇受理' } as CaseViewAnswer['case'], actions: [accept] }
  : { case: { id, version: 4, step: 'investigation', stepName: '入户调查' } as CaseViewAnswer['case'], actions: [] });

/** How long the stand-in takes to answer a 待办 page without the overdue filter (0: at once). */
let unfilteredPageDelay = 0;

/** The 待办 page's rows as task_queue gives them: only the overdue one (t1) when the filter asks for overdue tasks. */
async function taskQueueAnswer(call: RecordedCall): Promise<object> {
  const overdue = call.query.get('filter')!.includes('due_at <');
  if (!overdue && unfilteredPageDelay > 0) await new Promise((r) => setTimeout(r, unfilteredPageDelay));
  const rows = overdue ? tasks.slice(0, 1) : tasks;
  return listOf(rows.map((t) => ({ ...t, case_no: t.expand?.application?.case_no, title: t.expand?.application?.title, workflow_key: t.expand?.application?.workflow_key })));
}

async function mount(): Promise<{ el: HTMLElement; calls: RecordedCall[] }> {
  signInAs({ id: 'u-township', role: 'officer', name: '曲塘镇 社会事务办', org_unit: 'ta' });
  const calls = startFakeServer([
    // The counts come from the counts route, with the page's filters (one task overdue); a search is counted on task_queue, the page's collection.
    { path: '/api/tongban/queues/counts', answer: (c: RecordedCall) => ({ tasks: c.query.has('dueBefore') ? 1 : tasks.length, done: 5, cc: 0, started: 0 }) },
    { path: '/api/collections/tasks/records', answer: (c: RecordedCall) => (c.query.get('perPage') === '1' ? { page: 1, perPage: 1, totalItems: 1, totalPages: 1, items: tasks.slice(0, 1) } : listOf(tasks)) },
    // The 待办 page reads task_queue: the tasks with their case's number and title beside them.
    { path: '/api/collections/task_queue/records', answer: taskQueueAnswer },
    { path: '/api/collections/events/records', answer: { page: 1, perPage: 1, totalItems: 5, totalPages: 5, items: [] } },
    { path: '/api/collections/case_readers/records', answer: listOf([]) },
    { path: '/api/collections/applications/records', answer: listOf([]) },
    { path: '/api/collections/org_units/records', answer: listOf([{ id: 'ta', name: '曲塘镇', level: 'township', township: '' }, { id: 'va1', name: '杨庄村', level: 'village', township: 'ta' }, { id: 'va2', name: '双楼村', level: 'village', township: 'ta' }]) },
    { path: '/api/collections/org_units/records/ta', answer: { id: 'ta', name: '曲塘镇', level: 'township' } },
    { path: /^\/api\/tongban\/cases\/c\d$/, answer: (c: RecordedCall) => caseView(c.path.split('/').at(-1)!) },
    { method: 'POST', path: '/api/tongban/cases/c1/commands', answer: { case: { id: 'c1', version: 4, step: 'investigation', stepName: '入户调查' } } },
  ]);
  document.documentElement.lang = 'zh-CN';
  document.body.innerHTML = '<main><tb-work-queue></tb-work-queue></main>';
  const el = document.querySelector('tb-work-queue') as HTMLElement;
  await until(() => el.shadowRoot?.querySelectorAll('li.row').length === 2, 'the rows');
  await settled(el);
  return { el, calls };
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('tb-work-queue', () => {
  afterEach(() => {
    unfilteredPageDelay = 0;
    stopFakeServer();
    document.documentElement.classList.remove('elder');
    localStorage.clear();
  });

  it('shows the 待办 rows urgent first with the last day each is due, and a count beside each queue', async () => {
    const { el, calls } = await mount();
    const rows = [...el.shadowRoot!.querySelectorAll('li.row')].map((li) => text(li));
    assertEqual(rows, ['乡镇受理：最低生活保障审核确认：赵*兰 · DIBAO-2026-000001 办理期限：2026/3/5', '乡镇受理：最低生活保障审核确认：钱*珍 · DIBAO-2026-000002 办理期限：2026/3/6']);
    await until(() => text(el.shadowRoot!.querySelector('.count[data-tab=tasks]')) === '2', 'the 待办 count');
    assertEqual(text(el.shadowRoot!.querySelector('.count[data-tab=done]')), '5');
    // The 待办 page is the unit's open tasks, soonest due first.
    const page = calls.find((c) => c.path === '/api/collections/task_queue/records')!;
    assertEqual(page.query.get('sort'), 'due_at,created');
    assert(page.query.get('filter')!.includes('assignee_unit = "ta"'), page.query.get('filter')!);
  });

  it('reads the counts from the counts route, also with a filter, and counts a search on the page\'s own collection', async () => {
    const { el, calls } = await mount();
    await until(() => text(el.shadowRoot!.querySelector('.count[data-tab=tasks]')) === '2', 'the 待办 count');
    assert(calls.some((c) => c.path === '/api/tongban/queues/counts'), 'the counts route was asked');
    el.shadowRoot!.querySelector<HTMLInputElement>('#q-overdue')!.click();
    el.shadowRoot!.querySelector<HTMLFormElement>('form.filters')!.requestSubmit();
    await until(() => text(el.shadowRoot!.querySelector('.count[data-tab=tasks]')) === '1', 'the overdue 待办 count');
    const narrowed = calls.find((c) => c.path === '/api/tongban/queues/counts' && c.query.has('dueBefore'))!;
    assert(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(narrowed.query.get('dueBefore')!), narrowed.query.get('dueBefore')!);
    assert(!calls.some((c) => c.query.get('perPage') === '1'), 'no record API count without a search');
    el.shadowRoot!.querySelector<HTMLInputElement>('#q-overdue')!.click();
    el.shadowRoot!.querySelector<HTMLInputElement>('#q-search')!.value = '赵';
    el.shadowRoot!.querySelector<HTMLFormElement>('form.filters')!.requestSubmit();
    await until(() => calls.some((c) => c.path === '/api/collections/task_queue/records' && c.query.get('perPage') === '1'), 'the searched 待办 counted on task_queue');
    const counted = calls.find((c) => c.path === '/api/collections/task_queue/records' && c.query.get('perPage') === '1')!;
    // The search meets the task's own copies of its case's number and title, not the case's.
    assert(counted.query.get('filter')!.includes('赵') && counted.query.get('filter')!.includes('title ~'), counted.query.get('filter')!);
    assert(!counted.query.get('filter')!.includes('application.title'), counted.query.get('filter')!);
    assert(!calls.some((c) => c.path === '/api/collections/tasks/records' && c.query.get('perPage') === '1'), 'no count through the tasks collection');
  });

  it('shows the rows of the filter asked last, though a read started before it answers after it', async () => {
    const { el } = await mount();
    // A reload without the filter (a realtime signal, the subscription taking hold) answers late…
    unfilteredPageDelay = 400;
    const lateRead = (el as HTMLElement & { load(): Promise<void> }).load();
    // …after the officer has asked for the overdue cases only.
    el.shadowRoot!.querySelector<HTMLInputElement>('#q-overdue')!.click();
    el.shadowRoot!.querySelector<HTMLFormElement>('form.filters')!.requestSubmit();
    await until(() => el.shadowRoot!.querySelectorAll('li.row').length === 1, 'the overdue rows');
    await lateRead;
    await settled(el);
    const rows = [...el.shadowRoot!.querySelectorAll('li.row')].map((li) => text(li));
    assertEqual(rows, ['乡镇受理：最低生活保障审核确认：赵*兰 · DIBAO-2026-000001 办理期限：2026/3/5']);
    assertEqual(text(el.shadowRoot!.querySelector('.count[data-tab=tasks]')), '1');
  });

  it('approves the selected cases with one opinion and reports each row: one approved, one that had moved on', async () => {
    const { el, calls } = await mount();
    for (const box of el.shadowRoot!.querySelectorAll<HTMLInputElement>('li.row input[type=checkbox]')) box.click();
    await settled(el);
    const approve = [...el.shadowRoot!.querySelectorAll('button')].find((b) => text(b).startsWith('通过所选'))!;
    assertEqual(text(approve), '通过所选 (2)');
    el.shadowRoot!.querySelector<HTMLTextAreaElement>('#batch-opinion')!.value = '材料齐全，予以受理';
    approve.click();
    await until(() => el.shadowRoot!.querySelectorAll('[role=status] li').length === 2, 'the results');
    const results = [...el.shadowRoot!.querySelectorAll('[role=status] li')].map((li) => text(li));
    assert(results[0]!.startsWith('已通过：DIBAO-2026-000001 最低生活保障审核确认：赵*兰 — 入户调查'), results[0]!);
    assert(results[1]!.startsWith('未通过：DIBAO-2026-000002 最低生活保障审核确认：钱*珍 — 此案件现在处于“入户调查”环节'), results[1]!);
    // Only the case still at 受理 was sent, at the version read just before, with the one opinion.
    const sent = calls.filter((c) => c.method === 'POST').map((c) => { const b = c.body as { action: string; comment: string; version: number }; return [c.path, b.action, b.comment, b.version]; });
    assertEqual(sent, [['/api/tongban/cases/c1/commands', 'accept', '材料齐全，予以受理', 3]]);
  });

  it('has no axe violations, in 长辈模式 too', async () => {
    const { el } = await mount();
    assertEqual(await axeViolations(document.body), []);
    document.documentElement.classList.add('elder');
    await settled(el);
    assertEqual(await axeViolations(document.body), []);
  });
});
