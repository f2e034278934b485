/**
 * The printed account of a simulation (simulateCase.ts), in Chinese: per state the move and who
 * took it, the step, the open tasks with level, unit, role and deadline (date and working days),
 * the pending timer, the documents rendered, the notices and the statutory clock.
 */
import type { CompiledWorkflow } from '../compile/compileWorkflow.js';
import type { WorkingCalendar } from '../calendar/createWorkingCalendar.js';
import { chinaDateOf, weekdayOf } from '../calendar/chinaDate.js';
import { ownEntry } from '../definition/ownEntry.js';
import type { CaseClock } from '../model/index.js';
import type { WorkflowDefinition } from '../definition/types.js';
import { limitText } from '../definition/overallLimit.js';
import { clockLimit } from '../runtime/statutoryClock.js';
import { statutoryDaysLeft, workingDaysUntil, type Simulation, type SimulationEntry, type SimulatedTimer } from './simulateCase.js';

const levelNames: Record<string, string> = { applicant: '申请人', village: '村（居）', township: '乡镇（街道）', county: '县级', department: '部门', pool: '人员库', system: '系统' };
const weekdays = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const outcomes: Record<string, string> = { approved: '批准', rejected: '不予批准', withdrawn: '撤回', terminated: '终止' };

const levelName = (level: string) => ownEntry(levelNames, level) ?? level;

/** `2026-03-02 周一 09:00` in China time. */
export function chinaTime(iso: string): string {
  const shifted = new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString();
  const date = shifted.slice(0, 10);
  return `${date} ${weekdays[weekdayOf(date)]} ${shifted.slice(11, 16)}`;
}

/** A deadline that falls at midnight is the end of the day before (`… 24:00`, as the law counts). */
export function deadlineText(dueAt: string): string {
  const at = new Date(dueAt);
  if ((at.getTime() + 8 * 3_600_000) % 86_400_000 !== 0) return chinaTime(dueAt);
  const last = chinaDateOf(new Date(at.getTime() - 1));
  return `${last} ${weekdays[weekdayOf(last)]} 24:00`;
}

function daysText(days: number): string {
  return days >= 0 ? `还有 ${days} 个工作日` : `已超期 ${-days} 个工作日`;
}

function clockLine(clock: CaseClock, now: Date, calendar: WorkingCalendar): string {
  if (clockLimit(clock).count === 0) return '法定时限：未规定';
  const limit = `法定时限：${limitText(clockLimit(clock))}${clock.extended ? '（已延长）' : ''}`;
  if (!clock.startedAt) return `${limit}，尚未起算`;
  const left = statutoryDaysLeft(clock, now, calendar);
  const paused = clock.pausedAt ? `，自 ${chinaDateOf(new Date(clock.pausedAt))} 起暂停计算` : '';
  const due = clock.dueAt && !clock.pausedAt ? `，截止 ${deadlineText(clock.dueAt)}` : '';
  return `${limit}，${chinaDateOf(new Date(clock.startedAt))} 起算${due}${paused}${left !== undefined ? `，${daysText(left)}` : ''}`;
}

/** What a timer is for: a step's wait (公示), a task's reminder (催办) or its overdue moment. */
export function timerName(def: WorkflowDefinition, timer: SimulatedTimer): string {
  const stepName = ownEntry(def.steps, timer.step)?.name ?? timer.step;
  if (timer.key.startsWith('remind:')) return `${stepName} 催办`;
  if (timer.key.startsWith('overdue:')) return `${stepName} 逾期处理`;
  return stepName;
}

function moveLine(def: WorkflowDefinition, index: number, entry: SimulationEntry): string {
  const move = entry.move;
  const at = chinaTime(entry.at);
  if (!move) return `[${index}] 立案 ${at}`;
  if (move.kind === 'advance') return `[${index}] ${move.word}：时间推进到 ${at}`;
  if (move.kind === 'set') return `[${index}] ${move.word}：写入数据`;
  if (move.kind === 'child') return `[${index}] ${move.word}：子案件办结（${ownEntry(outcomes, move.outcome) ?? move.outcome}）${entry.label ? `，${entry.label}` : ''} ${at}`;
  if (move.kind === 'timer') return `[${index}] timer：${entry.fired ? timerName(def, entry.fired) : '计时器'}到期 ${at}`;
  const who = entry.actor ? `${levelName(entry.actor.level)}${entry.actor.role ? `（${entry.actor.role}）` : ''}` : '';
  return `[${index}] ${move.action}「${entry.label ?? move.action}」由 ${who} 办理 ${at}`;
}

/** The lines printed for a simulation of `wf`. */
export function simulationReport(wf: CompiledWorkflow, simulation: Simulation, calendar: WorkingCalendar): string[] {
  const def = wf.definition;
  const lines: string[] = [`模拟：${def.name}（${def.key} 第 ${def.version} 版）`];
  for (const [i, entry] of simulation.entries.entries()) {
    lines.push(moveLine(def, i, entry));
    const now = new Date(entry.at);
    const s = entry.snapshot;
    if (entry.move && (entry.move.kind === 'advance' || entry.move.kind === 'set')) {
      if (entry.move.kind === 'advance') {
        for (const t of s.tasks) if (t.dueAt) lines.push(`    待办 ${ownEntry(def.steps, t.step)?.name ?? t.step}：${daysText(workingDaysUntil(t.dueAt, now, calendar))}`);
        lines.push(`    ${clockLine(s.clock, now, calendar)}`);
      }
      continue;
    }
    const step = ownEntry(def.steps, s.step);
    lines.push(`    步骤：${step?.name ?? s.step}（${s.step}）${s.status === 'done' ? `，已办结：${ownEntry(outcomes, s.outcome ?? '') ?? s.outcome ?? ''}` : ''}`);
    for (const t of s.tasks) {
      const who = t.level === 'applicant' ? '申请人' : `${levelName(t.level)} ${t.assigneeUnit}${t.role ? ` · 职责 ${t.role}` : ''}${t.assigneeUser ? ` · ${t.assigneeUser}` : ''}`;
      const due = t.dueAt ? `期限 ${deadlineText(t.dueAt)}（${daysText(workingDaysUntil(t.dueAt, now, calendar))}）` : '无期限';
      lines.push(`    待办：${who} — ${due}`);
    }
    const wait = s.status === 'active' ? ownEntry(s.children, s.step) : undefined;
    if (wait && !wait.result) {
      const out = wait.excluded?.length ?? 0;
      lines.push(`    等待子案件：发起 ${wait.started} 件，已办结 ${Object.keys(wait.ended).length + out} 件，满 ${Math.min(wait.needed, wait.started - out)} 件即可继续`);
    }
    for (const t of entry.timers) lines.push(`    计时器：${timerName(def, t)} 至 ${deadlineText(t.dueAt)}（${daysText(workingDaysUntil(t.dueAt, now, calendar))}）`);
    for (const d of entry.documents) lines.push(`    文书：${d.title}（${d.template}${d.issuer ? `，以${levelName(d.issuer)}名义` : ''}）`);
    for (const n of entry.notices) lines.push(`    通知 ${levelName(n.to)}：${n.message}`);
    lines.push(`    ${clockLine(s.clock, now, calendar)}`);
  }
  if (simulation.failure) lines.push(`✗ 第 ${simulation.failure.index} 步“${simulation.failure.word}”不能执行：${simulation.failure.message}`);
  return lines;
}
