/**
 * Wire types of the administrators' routes the studio calls (docs/api.md, "People and units"):
 * spreadsheet imports of staff and of the 近亲属 register, and the register's list. The server
 * (server/adapter/rowImport.ts, staffImport.ts, relativesImport.ts, dashboardFigures.ts,
 * calendarStatus.ts, scheduleList.ts, bulkRuns.ts, bulkRunList.ts, subjectImport.ts,
 * organisationImport.ts) and the web app both use them.
 */
import type { StatutoryHoliday } from '../calendar/statutoryHolidays.js';
import type { ScheduleDefinition } from '../definition/types.js';

/** One problem of an import: `/rows/<index>/<column>`, the message naming the sheet's row. */
export interface ImportProblem {
  path: string;
  message: string;
}

/** An import request: the sheet's rows as objects, and what to do when some rows are wrong. */
export interface RowImportRequest<Row> {
  rows: Row[];
  /** Apply the valid rows even when others are wrong (the administrator chose to). */
  applyValid?: boolean;
  /** Only check; write nothing. */
  dryRun?: boolean;
}

/** The answer of an import (200); a refused import is a 422 whose `errors` are the problems. */
export interface RowImportAnswer<Result> {
  total: number;
  valid: number;
  applied: number;
  results: Result[];
  problems: ImportProblem[];
  dryRun: boolean;
}

/** A row of the staff sheet (`POST /api/tongban/admin/users/import`). */
export interface StaffImportRow {
  email: string;
  name: string;
  /** `officer` or `admin`. */
  role: string;
  /** The unit's code (GB/T 2260 division code, or a department's 统一社会信用代码). */
  unitCode: string;
  /** Duty keys, as a list or one text separated by commas. */
  duties?: string | string[];
  phone?: string;
}

/** An account the staff import created; its initial password is answered this once. */
export interface CreatedStaff {
  row: number;
  id: string;
  email: string;
  name: string;
  initialPassword: string;
}

/** A row of the 近亲属 sheet (`POST /api/tongban/admin/staff-relatives/import`). */
export interface RelativeImportRow {
  staffEmail: string;
  relativeName: string;
  relativeIdNumber: string;
}

/** A relative the import recorded (never their ID number). */
export interface RecordedRelative {
  row: number;
  id: string;
  staffName: string;
  relativeName: string;
}

/** One entry of the 近亲属 register as `GET /api/tongban/admin/staff-relatives` lists it. */
export interface RegisteredRelative {
  id: string;
  staff: { id: string; name: string; email: string };
  relativeName: string;
  created: string;
}

/** Cases of one process started in the period, by state and outcome. */
export interface ProcessFigures {
  workflow: string;
  name: string;
  started: number;
  active: number;
  done: number;
  approved: number;
  rejected: number;
  withdrawn: number;
}

/** Cases of one township started in the period, and its timeliness. */
export interface TownshipFigures {
  township: string;
  name: string;
  started: number;
  active: number;
  done: number;
  /** Open now and past their statutory due date. */
  openOverdue: number;
  /** Ended in the period within their statutory time (pauses such as 补正 and 公示 not counted). */
  closedOnTime: number;
  /** Ended in the period after their statutory due date. */
  closedLate: number;
}

/** Open cases now at one step. */
export interface StepFigures {
  workflow: string;
  step: string;
  stepName: string;
  active: number;
}

/** The tasks of one step closed in the period, and their average working days. */
export interface StepTimeFigures {
  workflow: string;
  step: string;
  stepName: string;
  tasks: number;
  averageWorkingDays: number;
}

/** Amounts approved by decision items in one month (China time). */
export interface MonthAmountFigures {
  month: string;
  workflow: string;
  amount: number;
  decisions: number;
}

/** Subjects (households, people, organisations) whose case of a process was approved in the period. */
export interface CoverageFigures {
  workflow: string;
  name: string;
  subjects: number;
}

/** `GET /api/tongban/admin/dashboard`: a bureau's figures for a period and a division. */
export interface DashboardAnswer {
  /** The period's first and last day (China time), `YYYY-MM-DD`. */
  from: string;
  to: string;
  /** The division the figures cover, or null for all. */
  division: { id: string; name: string; level: string } | null;
  /** The server's now. */
  now: string;
  processes: ProcessFigures[];
  townships: TownshipFigures[];
  steps: StepFigures[];
  stepTimes: StepTimeFigures[];
  amounts: MonthAmountFigures[];
  coverage: CoverageFigures[];
}

/** One year in the calendar status. */
export interface ArrangementYear {
  year: number;
  /** Whether the official arrangement is known. */
  known: boolean;
  /** Where it comes from: the shipped tables, an administrator's import, or nowhere yet. */
  source: 'package' | 'entered' | null;
  /** For a year not known: the statutory holidays the calendar skips meanwhile. */
  statutoryHolidays?: StatutoryHoliday[];
}

/** The answer of `GET /api/tongban/admin/calendar/status`. */
export interface CalendarStatus {
  /** Today, China time. */
  today: string;
  /** The last day (China time) of the latest running deadline (statutory clock, open task, pending timer), if any. */
  latestDeadline: string | null;
  /** From this year to the last year a running deadline reaches, at least next year. */
  years: ArrangementYear[];
  /** Chinese warnings for administrators: years deadlines reach into without a known arrangement. */
  warnings: string[];
}

/** Where a run comes from: an officer's request (key: its commandId) or a schedule (key: the schedule's period key). */
export interface BulkRunOrigin {
  kind: 'officer' | 'schedule';
  key: string;
}

/** A bulk start and its progress, as `GET /api/tongban/bulk-starts/{id}` answers it. */
export interface BulkRunView {
  id: string;
  /** The process version the run starts, and its name. */
  workflow: { key: string; version: number; name: string };
  origin: BulkRunOrigin;
  status: 'queued' | 'running' | 'done' | 'failed';
  total: number;
  /** Rows done (started or failed), all committed. */
  processed: number;
  started: number;
  failed: number;
  /** processed / total, 0 to 1. */
  progress: number;
  startedBy: { id: string; name: string };
  /** The first failed rows, in row order. */
  failures: { row: number; subject: string; reason: string }[];
  createdAt: string;
  finishedAt: string | null;
  error: string | null;
}

/** A period's run as the list shows it: the period, the subjects that matched, and the progress of its bulk run. */
export interface ScheduleRunView {
  period: string;
  status: string;
  matched: number;
  /** Subjects that matched but cannot get a case (no county), with why. */
  skipped: unknown[];
  startedAt: string | null;
  /** Its bulk run (GET /api/tongban/bulk-starts/{id} answers the same), or null. */
  bulkRun: BulkRunView | null;
}

/** One schedule in the list. */
export interface ScheduleView {
  workflow: string;
  version: number;
  schedule: string;
  name: string;
  every: ScheduleDefinition['every'];
  /** The `MM-DD` within the period it starts on (its parameter resolved); null when it names no valid day. */
  startOn: string | null;
  subjects: ScheduleDefinition['subjects'];
  starter: ScheduleDefinition['starter'];
  /** The last period started. */
  lastRun: ScheduleRunView | null;
  /** The period the next sweep starts, when its start day has come and it has not run. */
  due: string | null;
  /** The next period to start after that, and when (ISO time). */
  next: { period: string; at: string } | null;
  /** Periods that ended without a run (recorded, and not yet recorded), oldest first. */
  missed: string[];
}

/** The answer of `GET /api/tongban/admin/schedules`. */
export interface ScheduleListAnswer {
  now: string;
  schedules: ScheduleView[];
}

/** A run in the list of bulk starts (`GET /api/tongban/bulk-starts`): its view without the failed rows. */
export type BulkRunSummary = Omit<BulkRunView, 'failures'>;

/** A process an administrator may start in bulk (one with an `officer` starter). */
export interface BulkStartableProcess {
  key: string;
  name: string;
  version: number;
  /** The kind of subject its cases are about, if it declares one. */
  subjectKind: 'person' | 'organisation' | null;
}

/** `GET /api/tongban/bulk-starts?page=&perPage=&status=&workflow=`: the runs, newest first, and the processes one may start in bulk. */
export interface BulkRunListAnswer {
  items: BulkRunSummary[];
  page: number;
  perPage: number;
  totalItems: number;
  totalPages: number;
  startable: BulkStartableProcess[];
}

/** One processed row of a run: its subject, and the case it started or why it could not. */
export interface BulkRunRow {
  /** 0-based position in the run's processing order. */
  row: number;
  /** The subject (a person's name masked as the register stores it). */
  subject: { id: string; name: string };
  /** The case started for the row, or null. */
  case: { id: string; caseNo: string } | null;
  /** Why the row could not start (Chinese), or null. */
  error: string | null;
}

/** `GET /api/tongban/bulk-starts/{id}/rows?page=&perPage=`: the processed rows in order. */
export interface BulkRunRowsAnswer {
  items: BulkRunRow[];
  page: number;
  perPage: number;
  /** Rows processed so far. */
  totalItems: number;
  totalPages: number;
}

/** The answer to a bulk start sent with `dryRun: true`: how many subjects the run would have, and nothing written. */
export interface BulkStartDryRun {
  dryRun: true;
  workflow: { key: string; version: number };
  count: number;
}

/** A row of the recipients sheet (`POST /api/tongban/admin/subjects/import`). */
export interface SubjectImportRow {
  name: string;
  /** 身份证号; only its keyed hash is stored. */
  idNumber: string;
  /** `YYYY-MM-DD`; when given, it must agree with the ID number. */
  birthDate?: string;
  /** 男 or 女; when given, it must agree with the ID number. */
  sex?: string;
  /** The household's number or head, as the older system keeps it. */
  household?: string;
  /** The village (or community): its division code or its name. */
  village: string;
  /** A programme a process module declares for the register (its `registerProgramme.label`; empty: none). */
  programme?: string;
  /** `YYYY-MM-DD`: in the programme since. */
  since?: string;
}

/** A recipient the import wrote (never the ID number). */
export interface ImportedSubject {
  row: number;
  id: string;
  /** The name as the register stores it (masked). */
  name: string;
  /** True when the subject was new, false when an existing entry was updated. */
  created: boolean;
}

/** A row of the social organisations sheet (`POST /api/tongban/admin/organisations/import`). */
export interface OrganisationImportRow {
  name: string;
  creditCode: string;
  /** 社会团体, 民办非企业单位 or 基金会. */
  orgKind: string;
  /** `YYYY-MM-DD`. */
  registeredOn?: string;
  /** The 业务主管单位: an org unit's code or name (empty for 直接登记). */
  supervisorUnit?: string;
  legalRepresentative?: string;
  address?: string;
  /** 筹备, 正常, 责令整改, 注销 or 撤销. */
  status: string;
  /** The registering county: its code or name (empty: the county the credit code names). */
  county?: string;
}

/** An organisation the import wrote. */
export interface ImportedOrganisation {
  row: number;
  id: string;
  name: string;
  creditCode: string;
  created: boolean;
}
