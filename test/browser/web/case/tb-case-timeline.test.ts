import '../../../../web/src/pages/case/tb-case-timeline.js';
import '../../../../web/src/pages/case/tb-case-documents.js';
import type { TbCaseTimeline } from '../../../../web/src/pages/case/tb-case-timeline.js';
import type { TbCaseDocuments } from '../../../../web/src/pages/case/tb-case-documents.js';
import type { CaseNamesView, CaseSummaryView, ExpectedStepView } from '../../../../engine/index.js';
import { submittedAndNow, type CaseEventRecord } from '../../../../web/src/pages/case/caseTimeline.js';
import { assert, assertEqual, axeViolations, settled } from '../../support/assert.js';

const names: CaseNamesView = {
  steps: {
    apply: { name: '提出申请', actions: { submit: '提交申请', withdraw: '撤回申请' }, pausesClock: true },
    accept: { name: '乡镇受理', actions: { accept: '受理', requestCorrection: '一次性告知补正' }, workingDays: 3 },
    townshipReview: { name: '乡镇初审', actions: { approve: '初审通过，进入公示' }, workingDays: 10 },
    publicNotice: { name: '村（居）公示', actions: {}, timer: true, pausesClock: true },
    countyReview: { name: '审核确认', actions: { confirm: '确认给予低保' }, workingDays: 10 },
  },
  commands: { start: '创建申请', 'verb.urge': '催办' },
};

const event = (seq: number, action: string, from: string, to: string, who: Partial<CaseEventRecord> = {}): CaseEventRecord => ({ seq, action, from_step: from, to_step: to, at: `2026-03-0${seq}T02:00:00.000Z`, actor_id: 'u1', actor_name: '曲塘镇 社会事务办', actor_unit_name: '曲塘镇', ...who });

const events: CaseEventRecord[] = [
  event(1, 'start', '', 'apply', { actor_name: '王*英', actor_unit_name: '杨庄村' }),
  event(2, 'submit', 'apply', 'accept', { actor_name: '王*英', actor_unit_name: '杨庄村' }),
  event(3, 'requestCorrection', 'accept', 'apply', { comment: '请补充户口簿复印件' }),
  event(4, 'submit', 'apply', 'accept', { actor_name: '王*英', actor_unit_name: '杨庄村' }),
  event(5, 'approve', 'townshipReview', 'publicNotice'),
  event(6, 'timer.elapsed', 'publicNotice', 'countyReview', { actor_id: 'system', actor_name: '', actor_unit_name: '' }),
];

const summary = (over: Partial<CaseSummaryView> = {}): CaseSummaryView => ({
  id: 'c1', caseNo: 'DIBAO-2026-000001', workflow: { key: 'dibao', version: 1, name: '最低生活保障审核确认' }, step: 'publicNotice', stepName: '村（居）公示', status: 'active', outcome: null, version: 7, flags: [],
  clock: { startedAt: '2026-03-02T01:00:00.000Z', limitWorkingDays: 30, extended: false, pausedWorkingDays: 2, pausedAt: '2026-03-05T02:00:00.000Z', dueAt: '2026-04-20T16:00:00.000Z', provisional: true },
  tasks: [], timers: [{ key: 'publicNotice#1', step: 'publicNotice', dueAt: '2026-03-12T16:00:00.000Z' }],
  subject: null, starter: null, parent: null, follows: null, decisions: {}, milestones: {},
  ...over,
});

async function mountTimeline(s: CaseSummaryView, evs: CaseEventRecord[] = events, expected: ExpectedStepView[] = []): Promise<TbCaseTimeline> {
  document.documentElement.lang = 'zh-CN';
  document.body.innerHTML = '<main><h2>办理进度</h2><tb-case-timeline></tb-case-timeline></main>';
  const el = document.querySelector('tb-case-timeline') as TbCaseTimeline;
  el.names = names;
  el.events = evs;
  el.summary = s;
  el.expected = expected;
  await settled(el);
  return el;
}

const lines = (el: Element) => [...el.shadowRoot!.querySelectorAll('ol.track > li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());

describe('tb-case-timeline', () => {
  afterEach(() => document.documentElement.classList.remove('elder'));

  it('shows each step by its label with who acted, their unit, the China time and the opinion — never an action key', async () => {
    const el = await mountTimeline(summary());
    const text = lines(el);
    assert(text[2]!.startsWith('一次性告知补正'), `补正 by its label: ${text[2]}`);
    assert(text[2]!.includes('2026/3/3 10:00'), `China time: ${text[2]}`);
    assert(text[2]!.includes('曲塘镇 社会事务办（曲塘镇）'), `who and unit: ${text[2]}`);
    assert(text[2]!.includes('意见：请补充户口簿复印件'), `the opinion: ${text[2]}`);
    assert(text[5]!.startsWith('村（居）公示期满'), `an elapsed wait in words: ${text[5]}`);
    assert(text[5]!.includes('系统'), `the system acts as 系统: ${text[5]}`);
    const all = text.join(' ');
    for (const key of ['requestCorrection', 'timer.elapsed', 'approve', 'submit']) assert(!all.includes(key), `no key ${key} in ${all}`);
  });

  it('marks the pauses of the clock (补正, 公示) with their start and end, but not the first filling in', async () => {
    const el = await mountTimeline(summary());
    const text = lines(el);
    assert(!text[0]!.includes('暂停计时') && !text[1]!.includes('暂停计时'), `no pause before the first submission: ${text[0]} / ${text[1]}`);
    assert(text[2]!.includes('提出申请：暂停计时'), `补正 starts a pause: ${text[2]}`);
    assert(text[3]!.includes('提出申请：结束，恢复计时'), `resubmitting ends it: ${text[3]}`);
    assert(text[4]!.includes('村（居）公示：暂停计时'), `公示 starts a pause: ${text[4]}`);
    assert(text[5]!.includes('村（居）公示：结束，恢复计时'), `公示 ending ends it: ${text[5]}`);
  });

  it('says when 公示 ends, the statutory limit with its due date marked provisional, and the due date of an open task in working days', async () => {
    const el = await mountTimeline(summary({ tasks: [] }), events.slice(0, 5));
    const text = lines(el);
    assertEqual(text.at(-1), '村（居）公示 进行中暂停计时 2026/3/12 期满');
    const clock = el.shadowRoot!.querySelector('.clock')!.textContent!.replace(/\s+/g, ' ');
    assert(clock.includes('30 个工作日') && clock.includes('2026/4/20') && clock.includes('暂定'), clock);
    const atReview = await mountTimeline(summary({ step: 'countyReview', timers: [], tasks: [{ key: 'countyReview#1', step: 'countyReview', level: 'county', assigneeUnit: 'c1', mode: 'any', dueAt: '2026-03-26T16:00:00.000Z' }] }));
    assertEqual(lines(atReview).at(-1), '审核确认 待办理 预计 2026/3/26 前办结（10 个工作日）');
  });

  it('lists the steps still ahead after the current one with the dates the server expects, the pause of 公示 marked as one', async () => {
    const atAccept = summary({ step: 'accept', stepName: '乡镇受理', timers: [], tasks: [{ key: 'accept#2', step: 'accept', level: 'township', assigneeUnit: 'ta', mode: 'any', dueAt: '2026-03-05T16:00:00.000Z' }] });
    const expected: ExpectedStepView[] = [
      { step: 'townshipReview', name: '乡镇初审', kind: 'task', dueAt: '2026-03-12T16:00:00.000Z' },
      { step: 'publicNotice', name: '村（居）公示', kind: 'timer', dueAt: '2026-03-19T16:00:00.000Z', pausesClock: true },
      { step: 'countyReview', name: '审核确认', kind: 'task', dueAt: '2026-04-02T16:00:00.000Z', provisional: true },
    ];
    const el = await mountTimeline(atAccept, events.slice(0, 4), expected);
    assertEqual(lines(el).slice(-4), [
      '乡镇受理 待办理 预计 2026/3/5 前办结（3 个工作日）',
      '乡镇初审 尚未开始 预计 2026/3/12 前办结（10 个工作日）',
      '村（居）公示 尚未开始暂停计时 预计 2026/3/19 期满',
      '审核确认 尚未开始 预计 2026/4/2 前办结（10 个工作日）（暂定）',
    ]);
    assertEqual(el.shadowRoot!.querySelectorAll('li.expected .pause').length, 1);
    assertEqual(await axeViolations(document.body), []);
  });

  it('marks the current step as a pause while the clock is paused in it (a 补正 back with the applicant), not before the first submission', async () => {
    const apply: CaseSummaryView['tasks'][number] = { key: 'apply#2', step: 'apply', level: 'applicant', assigneeUnit: 'a1', mode: 'single' };
    const inCorrection = await mountTimeline(summary({ step: 'apply', stepName: '提出申请', timers: [], tasks: [apply] }), events.slice(0, 3));
    assertEqual(lines(inCorrection).at(-1), '提出申请 待办理暂停计时');
    const draft = await mountTimeline(summary({ step: 'apply', stepName: '提出申请', timers: [], tasks: [apply], clock: { limitWorkingDays: 30, extended: false, pausedWorkingDays: 0 } }), events.slice(0, 1));
    assertEqual(lines(draft).at(-1), '提出申请 待办理');
  });

  it('reads a deadline at 24:00 as that day, and one during the day as its day', async () => {
    const el = await mountTimeline(summary({ timers: [{ key: 'publicNotice#1', step: 'publicNotice', dueAt: '2026-03-12T09:30:00.000Z' }] }), events.slice(0, 5));
    assertEqual(lines(el).at(-1), '村（居）公示 进行中暂停计时 2026/3/12 期满');
  });

  it('has no axe violations, in 长辈模式 too', async () => {
    const el = await mountTimeline(summary());
    assertEqual(await axeViolations(document.body), []);
    document.documentElement.classList.add('elder');
    await settled(el);
    assertEqual(await axeViolations(document.body), []);
  });
});

describe('tb-case-documents', () => {
  it('opens a document’s print-ready page in a window of its own, and prints it there', async () => {
    document.body.innerHTML = '<main><tb-case-documents></tb-case-documents></main>';
    const el = document.querySelector('tb-case-documents') as TbCaseDocuments;
    el.documents = [{ id: 'd1', title: '受理通知书', number: '曲民受〔2026〕1号', html: '<!doctype html><html lang="zh-CN"><head><title>受理通知书</title><style>@page { size: A4 }</style></head><body><h1>受理通知书</h1></body></html>' }];
    await settled(el);
    const opened: string[] = [];
    const realOpen = window.open;
    window.open = ((url: string) => { opened.push(url); return null; }) as typeof window.open;
    try {
      el.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="打开：受理通知书"]')!.click();
    } finally {
      window.open = realOpen;
    }
    assertEqual(opened.length, 1);
    assert(opened[0]!.startsWith('blob:'), opened[0]!);
    const page = await (await fetch(opened[0]!)).text();
    assert(page.includes('<h1>受理通知书</h1>') && page.includes('@page'), page);
    assertEqual(await axeViolations(document.body), []);
  });
});

describe('what changed since the first submission', () => {
  const patches = [
    { action: 'start', kind: 'start', data_masked: { applicant: { name: '王*英', phone: '13912345678' } } },
    { action: 'submit', kind: 'submit', data_masked: null },
    { action: 'requestCorrection', kind: 'return', data_masked: { acceptance: { complete: false, missingMaterials: ['户口簿'] } } },
    { action: 'submit', kind: 'submit', data_masked: { applicant: { phone: '13800000000' } } },
    { action: 'complete', kind: 'approve', data_masked: { investigation: { findings: '情况属实' } } },
  ];

  it('rebuilds the data as first submitted and as it is now from the masked patches, leaving out the sections the reader does not see', () => {
    const both = submittedAndNow(patches, new Set(['investigation']))!;
    assertEqual(JSON.stringify(both.submitted), JSON.stringify({ applicant: { name: '王*英', phone: '13912345678' } }));
    assertEqual(JSON.stringify(both.now), JSON.stringify({ applicant: { name: '王*英', phone: '13800000000' }, acceptance: { complete: false, missingMaterials: ['户口簿'] } }));
  });

  it('has nothing to compare before the first submission', () => {
    assertEqual(submittedAndNow(patches.slice(0, 1), new Set()), undefined);
  });
});
