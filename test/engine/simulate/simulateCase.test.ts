import { describe, expect, it } from 'vitest';
import { compileWorkflow, createWorkingCalendar, parseMove, parsePath, simulateCase, simulationReport, type SimulationMove } from '../../../engine/index.js';
import { processModules, shippedDefinition } from '../../support/caseDriver.js';

const dibao = compileWorkflow(shippedDefinition('dibao'), { process: processModules.get('dibao') });
const calendar = createWorkingCalendar();
const start = new Date('2026-03-02T09:00:00+08:00');

function moves(...words: string[]): SimulationMove[] {
  const parsed = parsePath(words);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return parsed.moves;
}

const happyPath = ['submit', 'accept', 'complete', 'complete', 'approve', 'timer', 'confirm'];

describe('the path of a simulation', () => {
  it('reads actions with a return target and a level, clock moves, the timer and data', () => {
    expect(parseMove('returnToTownship:investigation@county')).toMatchObject({ kind: 'action', action: 'returnToTownship', returnTo: 'investigation', as: 'county' });
    expect(parseMove('+3wd')).toMatchObject({ kind: 'advance', amount: 3, unit: 'workingDays' });
    expect(parseMove('+7d')).toMatchObject({ kind: 'advance', amount: 7, unit: 'days' });
    expect(parseMove('timer')).toMatchObject({ kind: 'timer' });
    expect(parseMove('/income/wages=1200')).toMatchObject({ kind: 'set', pointer: '/income/wages', value: 1200 });
    expect(parseMove('/applicant/name=张三')).toMatchObject({ kind: 'set', value: '张三' });
  });

  it('refuses a word that is no move, and a level that does not exist, with its position', () => {
    expect(parsePath(['submit', 'go!'])).toMatchObject({ index: 2 });
    expect(parseMove('approve@mayor')).toMatchObject({ problem: expect.stringContaining('@ 后须为') });
  });
});

describe('simulating the 低保 process on the real engine', () => {
  it('walks the happy path to 已确认, with each task’s level, role and deadline', () => {
    const s = simulateCase(dibao, moves(...happyPath), { start, calendar, data: {} });
    expect(s.failure).toBeUndefined();
    expect(s.entries.map((e) => e.snapshot.step)).toEqual(['apply', 'accept', 'investigation', 'verification', 'townshipReview', 'publicNotice', 'countyReview', 'confirmed']);
    const accept = s.entries[1]!;
    expect(accept.snapshot.tasks).toMatchObject([{ level: 'township', role: 'dibao_officer' }]);
    expect(s.entries[2]!.actor).toEqual({ level: 'township', role: 'dibao_officer' });
    expect(s.entries.at(-1)!.snapshot.outcome).toBe('approved');
  });

  it('ends the 7-day 公示 at 24:00 of 03-09 and moves the clock there when the timer fires', () => {
    const s = simulateCase(dibao, moves(...happyPath), { start, calendar, data: {} });
    expect(s.entries[5]!.timers[0]?.dueAt).toBe(new Date('2026-03-10T00:00:00+08:00').toISOString());
    expect(s.entries[6]!.at).toBe(new Date('2026-03-10T00:00:00+08:00').toISOString());
    const lines = simulationReport(dibao, s, calendar);
    expect(lines).toContain('    计时器：村（居）公示 至 2026-03-09 周一 24:00（还有 5 个工作日）');
  });

  it('counts the statutory limit of 30 working days from 受理 across 清明 (ends 04-14)', () => {
    const s = simulateCase(dibao, moves('submit', 'accept'), { start, calendar, data: {} });
    const lines = simulationReport(dibao, s, calendar);
    expect(lines).toContain('    法定时限：30 个工作日，2026-03-02 起算，截止 2026-04-14 周二 24:00，还有 30 个工作日');
  });

  it('lists the documents rendered on the way: 受理通知书, 公示 and 确认通知书', () => {
    const s = simulateCase(dibao, moves(...happyPath), { start, calendar, data: {} });
    expect(s.entries.flatMap((e) => e.documents.map((d) => d.title))).toEqual(['受理通知书', '最低生活保障公示', '最低生活保障确认通知书']);
  });

  it('moves by working days and shows what is left of a step deadline', () => {
    const s = simulateCase(dibao, moves('submit', 'accept', '+5wd'), { start, calendar, data: {} });
    expect(s.entries.at(-1)!.at).toBe(new Date('2026-03-09T09:00:00+08:00').toISOString());
    expect(simulationReport(dibao, s, calendar)).toContain('    待办 入户调查：还有 2 个工作日');
  });

  it('follows the data a move writes: a 近亲属 filing sends the case to the county visit after 公示', () => {
    const s = simulateCase(dibao, moves('submit', '/acceptance/relativeFiling=true', 'accept', 'complete', 'complete', 'approve', 'timer'), { start, calendar, data: {} });
    expect(s.failure).toBeUndefined();
    expect(s.entries.at(-1)!.snapshot.step).toBe('countyVisit');
  });

  it('stops at an action the step does not allow, saying which ones it does', () => {
    const s = simulateCase(dibao, moves('submit', 'confirm', 'accept'), { start, calendar, data: {} });
    expect(s.failure).toMatchObject({ index: 2, word: 'confirm' });
    expect(s.failure!.message).toContain('当前步骤“乡镇受理”不能进行“confirm”操作');
    expect(s.failure!.message).toContain('accept、requestCorrection');
    expect(s.entries).toHaveLength(2);
  });

  it('refuses an action by the wrong level when one is named', () => {
    const s = simulateCase(dibao, moves('submit', 'accept@village'), { start, calendar, data: {} });
    expect(s.failure).toMatchObject({ index: 2 });
  });

  it('refuses the timer where no timer is pending', () => {
    const s = simulateCase(dibao, moves('timer'), { start, calendar, data: {} });
    expect(s.failure?.message).toContain('没有待触发的计时器');
  });
});

describe('simulating deadlines that act', () => {
  /** 申请 → 村级调查 (5 working days, a reminder 2 before, escalated when overdue) → 办结. */
  const escalating = compileWorkflow({
    key: 'deadline-escalate', version: 1, name: '逾期升级测试', initial: 'apply',
    steps: {
      apply: { type: 'task', name: '申请', assignee: { level: 'applicant' }, actions: { submit: { kind: 'submit', label: '提交', target: 'investigate' } } },
      investigate: {
        type: 'task', name: '入户调查', assignee: { level: 'village' }, deadline: { workingDays: 5 },
        remind: [{ before: { workingDays: 2 } }], onOverdue: { escalate: { deadline: { workingDays: 3 } } },
        actions: { approve: { kind: 'approve', label: '调查完毕', target: 'done' } },
      },
      done: { type: 'final', name: '办结', outcome: 'approved' },
    },
  } as Parameters<typeof compileWorkflow>[0]);

  it('fires the reminder, then the overdue moment that moves the task up to the township, soonest first', () => {
    const s = simulateCase(escalating, moves('submit', 'timer', 'timer', 'approve'), { start, calendar });
    expect(s.failure).toBeUndefined();
    const lines = simulationReport(escalating, s, calendar);
    expect(lines).toContain('    计时器：入户调查 催办 至 2026-03-05 周四 24:00（还有 3 个工作日）');
    expect(lines.filter((l) => l.includes('timer：'))).toEqual([
      '[2] timer：入户调查 催办到期 2026-03-06 周五 00:00',
      '[3] timer：入户调查 逾期处理到期 2026-03-10 周二 00:00',
    ]);
    expect(s.entries[3]!.snapshot.tasks).toMatchObject([{ level: 'township' }]);
    expect(s.entries[4]!.actor).toMatchObject({ level: 'township' });
  });
});
