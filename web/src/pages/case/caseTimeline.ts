/**
 * The case's history as a parcel tracker reads it: each recorded event as words (the definition's
 * label of its action, never its key), who acted (name as the server gives it — an applicant's
 * masked — and their unit), when, the opinion, and the pauses of the statutory clock (补正, 公示)
 * with their start and end; then what is still ahead (open tasks' and waits' due dates).
 */
import type { CaseNamesView, CaseSummaryView } from '../../../../engine/index.js';

/** An event as the record API answers it (the fields the timeline reads). */
export interface CaseEventRecord {
  seq: number;
  action: string;
  kind?: string;
  from_step?: string;
  to_step?: string;
  actor_id?: string;
  actor_name?: string;
  actor_unit_name?: string;
  comment?: string;
  at: string;
}

/** One line of the timeline. */
export interface TimelineEntry {
  seq: number;
  at: string;
  /** The action as words: its label, `<step>期满` for an elapsed wait, a verb's or system command's name. */
  label: string;
  /** Who acted: a name (masked for applicants by the server), or 系统 for the system's own acts. */
  who: string;
  /** Their unit at that moment, or ''. */
  unit: string;
  comment: string;
  /** The step the case went to, by name, when it moved. */
  to: string;
  /** The statutory clock paused here (补正, 公示) or went on again. */
  pause?: { state: 'start' | 'end'; step: string };
}

/** An item still ahead: an open task's or a wait's due date. */
export interface UpcomingEntry {
  step: string;
  kind: 'task' | 'timer';
  dueAt?: string;
  provisional?: boolean;
  workingDays?: number;
  /** The statutory clock pauses in this step (补正, 公示). */
  pausesClock?: boolean;
}

/** The words of an event's action (see {@link TimelineEntry.label}). */
export function actionLabel(names: CaseNamesView, event: Pick<CaseEventRecord, 'action' | 'from_step'>): string {
  const step = event.from_step ? names.steps[event.from_step] : undefined;
  if (event.action === 'timer.elapsed' && step) return `${step.name}期满`;
  if (step && Object.prototype.hasOwnProperty.call(step.actions, event.action)) return step.actions[event.action]!;
  if (Object.prototype.hasOwnProperty.call(names.commands, event.action)) return names.commands[event.action]!;
  // An action of another step (a withdrawal offered beside the step's own): the first label found.
  for (const s of Object.values(names.steps)) if (Object.prototype.hasOwnProperty.call(s.actions, event.action)) return s.actions[event.action]!;
  return event.action;
}

/** The events as timeline entries, oldest first, with the clock's pauses marked. */
export function timelineEntries(names: CaseNamesView, events: CaseEventRecord[]): TimelineEntry[] {
  const stepName = (key?: string) => (key && Object.prototype.hasOwnProperty.call(names.steps, key) ? names.steps[key]!.name : key ?? '');
  const pauses = (key?: string) => Boolean(key && Object.prototype.hasOwnProperty.call(names.steps, key) && names.steps[key]!.pausesClock);
  let started = false;
  let paused: string | null = null;
  return events.map((e) => {
    const moved = Boolean(e.to_step && e.to_step !== e.from_step);
    let pause: TimelineEntry['pause'];
    if (moved && paused && e.from_step === paused) { pause = { state: 'end', step: stepName(paused) }; paused = null; }
    // Before the case is first submitted the clock has not started: filling in the application is no pause.
    if (moved && started && pauses(e.to_step)) { paused = e.to_step!; pause = { state: 'start', step: stepName(e.to_step) }; }
    if (moved && e.from_step && !pauses(e.from_step)) started = true;
    if (moved && e.from_step && pauses(e.from_step) && e.action !== 'start') started = true;
    const system = e.actor_id === 'system' || (!e.actor_name && !e.actor_id);
    return {
      seq: e.seq,
      at: e.at,
      label: actionLabel(names, e),
      who: system ? '系统' : e.actor_name ?? '',
      unit: e.actor_unit_name ?? '',
      comment: e.comment ?? '',
      to: moved ? stepName(e.to_step) : '',
      ...(pause ? { pause } : {}),
    };
  });
}

/** What is still ahead: the open tasks and the pending waits (公示 …) with their due dates. */
export function upcomingEntries(names: CaseNamesView, summary: Pick<CaseSummaryView, 'tasks' | 'timers' | 'status'>): UpcomingEntry[] {
  if (summary.status !== 'active') return [];
  const named = (key: string) => (Object.prototype.hasOwnProperty.call(names.steps, key) ? names.steps[key]! : undefined);
  const out: UpcomingEntry[] = [];
  const seen = new Set<string>();
  for (const t of summary.tasks) {
    if (seen.has(t.step)) continue;
    seen.add(t.step);
    const days = named(t.step)?.workingDays;
    out.push({ step: named(t.step)?.name ?? t.step, kind: 'task', ...(t.dueAt ? { dueAt: t.dueAt } : {}), ...(t.provisional ? { provisional: true } : {}), ...(days !== undefined ? { workingDays: days } : {}), ...(named(t.step)?.pausesClock ? { pausesClock: true } : {}) });
  }
  for (const t of summary.timers) {
    // Deadline timers of a task (reminders, overdue) are the task's own; only a timer step is a wait of its own.
    if (!named(t.step)?.timer) continue;
    out.push({ step: named(t.step)?.name ?? t.step, kind: 'timer', dueAt: t.dueAt, ...(t.provisional ? { provisional: true } : {}), ...(named(t.step)?.pausesClock ? { pausesClock: true } : {}) });
  }
  return out;
}

/** An event with the data it changed, masked as the server masks it for readers (`data_masked`, a JSON Merge Patch). */
export interface PatchedEvent {
  action: string;
  data_masked?: Record<string, unknown> | null;
}

/** Applies a JSON Merge Patch (RFC 7396) to a copy of `target`. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k], v);
  }
  return out;
}

/**
 * The data as first submitted and as it is now, both rebuilt from the events' masked patches (so
 * masked fields compare alike), without the sections `hidden` names; undefined before a first
 * submission (`submit` action kind recorded on the event as `kind`).
 */
export function submittedAndNow(events: (PatchedEvent & { kind?: string })[], hidden: ReadonlySet<string>): { submitted: Record<string, unknown>; now: Record<string, unknown> } | undefined {
  let data: unknown = {};
  let submitted: unknown;
  for (const e of events) {
    if (e.data_masked) data = applyMergePatch(data, e.data_masked);
    if (submitted === undefined && e.kind === 'submit') submitted = data;
  }
  if (submitted === undefined) return undefined;
  const visible = (d: unknown) => Object.fromEntries(Object.entries(d as Record<string, unknown>).filter(([k]) => !hidden.has(k)));
  return { submitted: visible(submitted), now: visible(data) };
}
