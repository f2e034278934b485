/**
 * An officer's queues — 待办 (open tasks of their unit, urgent first), 已办 (what they acted on),
 * 抄送 (cases copied to them) and 我发起 (cases they filed) — one page at a time (never the whole
 * list), with the filters of the queue page, a count per queue and realtime changes of their unit's tasks.
 */
import type { RecordModel } from 'pocketbase';
import { subscribeWhileVisible, type Resync } from './whileVisible.js';
import { pb } from './client.js';

/** The four queues. */
export type QueueTab = 'tasks' | 'done' | 'cc' | 'started';

/** All queues, in the order the page shows them. */
export const queueTabs: readonly QueueTab[] = ['tasks', 'done', 'cc', 'started'];

/** Rows per page (the list asks with `skipTotal`: a page never counts the whole queue; the page renders only the rows in view). */
export const queuePageSize = 50;

/** What a queue is narrowed to (all optional; an empty filter is the whole queue). */
export interface QueueFilter {
  /** Process key (`workflow_key`). */
  process?: string;
  /** Step name (e.g. `accept`). */
  step?: string;
  /** Township (org unit id). */
  township?: string;
  /** Village (org unit id). */
  village?: string;
  /** Due within this many 法定工作日 (the server's working calendar says where they end: {@link dueByWorkingDays}). */
  dueWithinDays?: number;
  /** Only tasks past their due date. */
  overdue?: boolean;
  /** A case flag, e.g. `relativeFiling` (近亲属备案). */
  flag?: string;
  /** A case number, its tail digits (the serial, or year and serial), or part of the case number or of the (masked) name in the case title: {@link searchFilterOf}. */
  search?: string;
}

/** One row of a queue, whatever the queue: the case it is about and, in 待办, the task. */
export interface QueueRow {
  /** The row's own record id (task, event, reader or case). */
  id: string;
  caseId: string;
  caseNo: string;
  title: string;
  process: string;
  stepName: string;
  /** The task's due date (待办) or the case's. */
  dueAt: string;
  /** Past its due date by the server's clock (待办). */
  overdue: boolean;
  /** When the row's thing happened (task opened, acted, copied, filed). */
  at: string;
}

/** An instant in PocketBase's date form (`2026-11-30 08:00:00.000Z`). */
export function pbDate(d: Date): string {
  return d.toISOString().replace('T', ' ');
}

/**
 * The PocketBase filter of a queue for the signed-in user: the queue itself, then the filters (`rel`
 * is the path to the case). `dueBy` is where `filter.dueWithinDays` working days end, as the server
 * answered it (PocketBase's date form); without it that filter is left out. `onPage`: the filter of
 * the collection the page reads ({@link pageCollectionOf}), whose rows carry their case's number and
 * title themselves (the search then reads them there, without joining the case once more); 已办's
 * carry every case column the filters read.
 */
export function queueFilterOf(tab: QueueTab, filter: QueueFilter, now = new Date(), dueBy?: string, onPage = false): string {
  const me = pb.authStore.record;
  // 已办's view (event_queue) carries every case column the filters read, from the case it joins.
  const rel = tab === 'started' || (onPage && tab === 'done') ? '' : 'application.';
  const parts: string[] = [];
  if (tab === 'tasks') {
    parts.push(me?.role === 'applicant'
      ? pb.filter('status = "open" && assignee_user = {:u}', { u: me?.id ?? '' })
      : pb.filter('status = "open" && assignee_unit = {:unit} && ((mode != "panel" && level != "pool") || assignee_user = {:u})', { unit: me?.org_unit ?? '', u: me?.id ?? '' }));
  } else if (tab === 'done') parts.push(pb.filter('actor_id = {:u}', { u: me?.id ?? '' }));
  else if (tab === 'cc') parts.push(pb.filter('user = {:u} && reason = "cc"', { u: me?.id ?? '' }));
  else parts.push(pb.filter('filed_by = {:u}', { u: me?.id ?? '' }));
  // 待办 reads the process from the task's own key (written with the task; migration 1764200201), not through its case.
  if (filter.process) parts.push(pb.filter(tab === 'tasks' ? 'workflow_key = {:p}' : `${rel}workflow_key = {:p}`, { p: filter.process }));
  if (filter.step) parts.push(pb.filter(tab === 'tasks' ? 'step = {:s}' : `${rel}step = {:s}`, { s: filter.step }));
  // 待办 reads the township and village from the task's own copies (its case's, written with the task), as the counts route does.
  const home = tab === 'tasks' ? '' : rel;
  if (filter.township) parts.push(pb.filter(`${home}township = {:t}`, { t: filter.township }));
  if (filter.village) parts.push(pb.filter(`${home}village = {:v}`, { v: filter.village }));
  const due = tab === 'tasks' ? 'due_at' : `${rel}due_at`;
  if (filter.overdue) parts.push(pb.filter(`${due} != "" && ${due} < {:now}`, { now: pbDate(now) }));
  if (filter.dueWithinDays !== undefined && dueBy) parts.push(pb.filter(`${due} != "" && ${due} < {:until}`, { until: dueBy }));
  // 待办 reads the flags from the task's own copy, and only the unit's flagged tasks (`case_flagged`: an index range in the queue's order).
  if (filter.flag) parts.push(tab === 'tasks' ? pb.filter('case_flagged = true && case_flags ~ {:f}', { f: `"${filter.flag}"` }) : pb.filter(`${rel}flags ~ {:f}`, { f: `"${filter.flag}"` }));
  const search = filter.search?.trim();
  if (search) parts.push(searchFilterOf(tab, search, onPage && carriesCase(tab)));
  return parts.map((p) => `(${p})`).join(' && ');
}

/** A case number or its tail: its serial (`123`, `000123`), or anything ending in year and serial (`2026-000123`, `DIBAO-2026-000123`, `O-2026-000123`). */
const caseNoTail = /^(?:\S*-)?(?:\d{4}-)?\d+$/;

/**
 * The search filter: what an officer types into 案件编号或姓名. In 待办 a case number or its tail is
 * found by the serial the task carries (`case_serial`: an index range of the unit's few tasks with
 * that serial) and, when more than the serial was typed, the case number's end; a serial alone
 * (`123`, `000123`) finds every case with that serial. Anything else (a name, part of a process key)
 * is matched anywhere in the case number or the title, which walks the whole queue through the cases
 * (`ownCaseColumns`: through the row's own copies, on the page's views).
 */
export function searchFilterOf(tab: QueueTab, search: string, ownCaseColumns = false): string {
  // The page's views (task_queue, event_queue) and the cases themselves carry the case number and title.
  const rel = tab === 'started' || ownCaseColumns ? '' : 'application.';
  const typed = search.toUpperCase();
  if (tab === 'tasks' && caseNoTail.test(typed)) {
    const serial = Number(typed.slice(typed.lastIndexOf('-') + 1));
    if (Number.isSafeInteger(serial)) {
      return typed.includes('-')
        ? pb.filter(`case_serial = {:n} && ${rel}case_no ~ {:q}`, { n: serial, q: `%${typed}` })
        : pb.filter('case_serial = {:n}', { n: serial });
    }
  }
  return pb.filter(`(${rel}case_no ~ {:q} || ${rel}title ~ {:q})`, { q: search });
}

/** The collection each queue lists. */
export const collectionOf: Record<QueueTab, string> = { tasks: 'tasks', done: 'events', cc: 'case_readers', started: 'applications' };
/** Urgent first in 待办 (due soonest, overdue ones being the soonest; undated last), newest first elsewhere. */
export const sortOf: Record<QueueTab, string> = { tasks: 'due_at,created', done: '-created', cc: '-created', started: '-created' };

/**
 * The collection a queue's page reads: 待办 reads `task_queue`, the server's view of the tasks with
 * their case's number and title, 已办 `event_queue`, the events with what the page shows of their
 * case (each with the rules of the collection it views), instead of the rows with each whole case
 * expanded — half the server's work for a page.
 */
export const pageCollectionOf: Record<QueueTab, string> = { ...collectionOf, tasks: 'task_queue', done: 'event_queue' };

/** Whether a queue's page rows carry their case's fields themselves (else the page expands `application`). */
const carriesCase = (tab: QueueTab) => tab === 'started' || tab === 'tasks' || tab === 'done';

function rowOf(tab: QueueTab, r: RecordModel): QueueRow {
  // A 待办 or 已办 row carries what it shows of its case itself (task_queue, event_queue); a 抄送 row names its case in `expand`.
  const app = (carriesCase(tab) ? r : (r.expand?.application as RecordModel | undefined)) ?? ({} as RecordModel);
  const dueAt = String((tab === 'tasks' ? r.due_at : app.due_at) ?? '');
  return {
    id: r.id,
    caseId: tab === 'started' ? r.id : String(r.application ?? ''),
    caseNo: String(app.case_no ?? ''),
    title: String(app.title ?? ''),
    process: String(app.workflow_key ?? ''),
    stepName: String((tab === 'tasks' ? r.step_name : app.step_name) ?? ''),
    dueAt,
    overdue: typeof r.overdue === 'boolean' ? r.overdue : dueAt !== '' && Date.parse(dueAt.replace(' ', 'T')) < Date.now() && (tab !== 'started' || app.status === 'active'),
    at: String(r.created ?? ''),
  };
}

/** One page (from 1) of a queue, `queuePageSize` rows, and whether there is a next page (`dueBy`: see {@link queueFilterOf}). */
export async function queuePage(tab: QueueTab, filter: QueueFilter, page: number, dueBy?: string): Promise<{ rows: QueueRow[]; more: boolean }> {
  if (!pb.authStore.record) return { rows: [], more: false };
  // One row more than a page tells whether a next page exists, without counting.
  const list = await pb.collection(pageCollectionOf[tab]).getList(page, queuePageSize + 1, { filter: queueFilterOf(tab, filter, new Date(), dueBy, true), sort: sortOf[tab], skipTotal: true, ...(carriesCase(tab) ? {} : { expand: 'application' }) });
  return { rows: list.items.slice(0, queuePageSize).map((r) => rowOf(tab, r)), more: list.items.length > queuePageSize };
}

/**
 * How many rows a queue has with the filter (a count query; the rows are not read), counted on the
 * collection its page reads: a search there meets the rows' own copies of the case number and title
 * in the queue's index, where one through the case would look up every row's case.
 */
export async function queueCount(tab: QueueTab, filter: QueueFilter, dueBy?: string): Promise<number> {
  if (!pb.authStore.record) return 0;
  const list = await pb.collection(pageCollectionOf[tab]).getList(1, 1, { filter: queueFilterOf(tab, filter, new Date(), dueBy, true), fields: 'id' });
  return list.totalItems;
}

/** Open tasks of the user's unit (officers; panel and drawn pool tasks only their own) or of the user (applicants), urgent first: the first page. */
export async function listOpenTasks(): Promise<RecordModel[]> {
  if (!pb.authStore.record) return [];
  const list = await pb.collection('tasks').getList(1, queuePageSize, { filter: queueFilterOf('tasks', {}), sort: sortOf.tasks, skipTotal: true, expand: 'application' });
  return list.items;
}

/** What the queue's live signal says: a task of a case the user may read was written. */
export interface QueueSignal {
  action: 'create' | 'update' | 'delete';
  task: string;
  application: string;
}

/**
 * Calls `onChange` whenever a task the user may see is created, changed or deleted: the server's
 * queue signal (`tongban/queue`, server/adapter/queueSignals.ts), which the rule of the tasks
 * decides for each subscriber and which carries ids only — held while the page is seen, with a
 * `resync` after a gap (whileVisible.ts). Returns the unsubscribe.
 */
export async function watchTasks(onChange: (signal: QueueSignal | Resync) => void): Promise<() => Promise<void>> {
  return subscribeWhileVisible<QueueSignal>((heard) => pb.realtime.subscribe('tongban/queue', heard), onChange);
}
