import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { JsonObject, SimulatedStateView } from '../../../engine/index.js';
import { offeredMoves, reportByState, stepName } from '../../../web/src/pages/studio/simulationMoves.js';

const dibao = JSON.parse(readFileSync(new URL('../../../workflows/dibao/workflow.json', import.meta.url), 'utf8')) as JsonObject;
const labels = { timer: '计时器到期', child: '子案件办结（批准）', workingDay: '过 1 个工作日' };
const stateAt = (step: string, extra: { timers?: number; done?: boolean } = {}) =>
  ({ entry: { at: '2026-03-02T01:00:00.000Z', snapshot: { step, status: extra.done ? 'done' : 'active', tasks: [] }, timers: Array.from({ length: extra.timers ?? 0 }, (_, i) => ({ key: `t${i}`, step, dueAt: '2026-03-09T16:00:00.000Z' })), documents: [], notices: [] }, assignees: [], documents: [] }) as unknown as SimulatedStateView;

describe('the moves the simulation page offers', () => {
  it('offers the initial step’s actions before anything is walked, and a working day passing', () => {
    expect(offeredMoves(dibao, undefined, labels).map((m) => [m.word, m.label])).toEqual([['save', '暂存'], ['submit', '提交申请'], ['withdraw', '撤回申请'], ['+1wd', '过 1 个工作日']]);
  });

  it('offers the timer where one is pending (公示), beside the step’s own actions', () => {
    expect(offeredMoves(dibao, stateAt('publicNotice', { timers: 1 }), labels).map((m) => m.word)).toEqual(['object', 'timer', '+1wd']);
  });

  it('offers no action once the case has ended', () => {
    expect(offeredMoves(dibao, stateAt('confirmed', { done: true }), labels).map((m) => m.word)).toEqual(['+1wd']);
  });

  it('offers a parallel step’s branch actions as <branch>.<action>, as the engine takes them', () => {
    const parallel = { initial: 'review', steps: { review: { type: 'parallel', name: '会办', branches: { finance: { name: '财政', actions: { agree: { label: '同意' } } }, health: { name: '卫健', actions: { agree: { label: '同意' } } } } } } } as unknown as JsonObject;
    expect(offeredMoves(parallel, undefined, labels).map((m) => [m.word, m.label])).toEqual([['finance.agree', '财政：同意'], ['health.agree', '卫健：同意'], ['+1wd', '过 1 个工作日']]);
  });

  it('names a step by the definition, or by its key when the definition has no such step', () => {
    expect(stepName(dibao, 'publicNotice')).toBe('村（居）公示');
    expect(stepName(dibao, 'nowhere')).toBe('nowhere');
  });

  it('splits the command line’s report into the lines of each state, leaving out the refusal', () => {
    const report = ['模拟：最低生活保障审核确认（dibao 第 8 版）', '[0] 立案 2026-03-02 周一 09:00', '    步骤：提出申请（apply）', '[1] submit「提交申请」由 申请人 办理 2026-03-02 周一 09:00', '    步骤：乡镇受理（accept）', '✗ 第 2 步“confirm”不能执行：…'];
    expect(reportByState(report)).toEqual([['[0] 立案 2026-03-02 周一 09:00', '    步骤：提出申请（apply）'], ['[1] submit「提交申请」由 申请人 办理 2026-03-02 周一 09:00', '    步骤：乡镇受理（accept）']]);
  });
});
