/**
 * Wire types of the administrators' routes the studio calls (docs/api.md, "People and units"):
 * spreadsheet imports of staff and of the 近亲属 register, and the register's list. The server
 * (server/adapter/rowImport.ts, staffImport.ts, relativesImport.ts) and the web app both use them.
 */

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
