/**
 * The wire contract of the officers' list routes: the printable 公示 list of a village, the
 * colleagues a task verb may name, the date "due within N working days" ends on the server's
 * working calendar, and the counts of the queue page. The server's route code and the web app's API layer both use these types
 * (docs/api.md has the routes with runnable examples).
 *
 * @packageDocumentation
 */

/** One case on a village's 公示 list: never an ID number or contact detail. */
export interface PublicNoticeListRow {
  caseId: string;
  caseNo: string;
  /** The process's name (as the definition names it). */
  process: string;
  /** The name as the 公示 shows it (the process module decides, e.g. masked as its 公示 document shows it). */
  name: string;
  householdSize: number | null;
  amount: number | string | null;
  /** The step the case waits in (its name, e.g. 村（居）公示). */
  stepName: string;
  /** When the 公示 began and ends (ISO 8601, UTC). */
  startsAt: string;
  endsAt: string;
  /** Whether the 公示 is still running by the server's clock. */
  running: boolean;
}

/** `GET /api/tongban/public-notices?village=<id>[&from=YYYY-MM-DD&until=YYYY-MM-DD]`. */
export interface PublicNoticeListAnswer {
  village: { id: string; name: string };
  township: { id: string; name: string } | null;
  /** The period asked for (China dates), or null for "running now". */
  period: { from: string; until: string } | null;
  /** The server's time of the answer (ISO 8601). */
  now: string;
  rows: PublicNoticeListRow[];
}

/** A colleague a task verb may name: their name, unit and duties — nothing else. */
export interface Colleague {
  id: string;
  name: string;
  unit: { id: string; name: string; level: string };
  /** Their duties (roles) as the definitions name them. */
  duties: string[];
}

/** `GET /api/tongban/cases/{id}/colleagues?verb=transfer|addSigner|cc`. */
export interface ColleagueListAnswer {
  verb: 'transfer' | 'addSigner' | 'cc';
  colleagues: Colleague[];
}

/** `GET /api/tongban/calendar/due-by?workingDays=N`: the end of the Nth working day after today. */
export interface DueByAnswer {
  now: string;
  workingDays: number;
  /** The instant the Nth working day after today ends (00:00 China time of the next day), ISO 8601. */
  dueBy: string;
}

/**
 * The query of `GET /api/tongban/queues/counts` (all optional; none is the whole queue): the queue
 * page's filters but its search. 待办 reads them from the task, the other queues from its case.
 */
export interface QueueCountsQuery {
  /** Process key. */
  process?: string;
  /** Step key. */
  step?: string;
  /** Township (org unit id). */
  township?: string;
  /** Village (org unit id). */
  village?: string;
  /** Only rows due before this instant (PocketBase's date form, `2026-11-30 08:00:00.000Z`): overdue, due within N working days. */
  dueBefore?: string;
  /** A case flag, e.g. `relativeFiling`. */
  flag?: string;
}

/**
 * `GET /api/tongban/queues/counts`: how many rows each of the caller's queues holds — exactly what
 * the queue page lists for each with the filter of {@link QueueCountsQuery} (the record API's
 * rules applied): 待办 (`tasks`), 已办 (`done`), 抄送 (`cc`), 我发起 (`started`).
 */
export interface QueueCountsAnswer {
  tasks: number;
  done: number;
  cc: number;
  started: number;
}
