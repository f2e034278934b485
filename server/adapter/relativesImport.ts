/**
 * The 近亲属 register (staff_relatives) filled from a spreadsheet: each row names a staff member by
 * email, and their relative's name and 身份证 number. Only a hash of the number is kept (the same
 * hash cases are matched by, caseIdNumberHashes), never the number; answers never repeat it.
 */
import type { RecordedRelative, RegisteredRelative, RowImportAnswer } from '../../engine/index.js';
import { idCardProblem, idCardProblemMessages } from '../../forms/core/index.js';
import type { FieldProblem } from './httpError.js';
import { newRecord, sha256, type PbApp, type PbRecord } from './pocketbase.js';
import { cellText, importRows, readRowImport, type RowCheck } from './rowImport.js';

interface RelativeToRecord {
  staffId: string;
  relativeName: string;
  idHash: string;
}

/** The first record a filter finds, or null (as `findSubject` reads: no exception for none). */
function findOne(app: PbApp, collection: string, filter: string, params: Record<string, unknown>): PbRecord | null {
  return app.findRecordsByFilter(collection, filter, '', 1, 0, params)[0] ?? null;
}

function checkRelativeRow(app: PbApp, row: Record<string, unknown>, seen: Set<string>, staffNames: Map<string, string>): RowCheck<RelativeToRecord> {
  const problems: FieldProblem[] = [];
  const email = cellText(row, 'staffEmail').toLowerCase();
  const relativeName = cellText(row, 'relativeName');
  const idNumber = cellText(row, 'relativeIdNumber').toUpperCase();
  const staff = email === '' ? null : findOne(app, 'users', 'email = {:email}', { email });
  if (!staff) problems.push({ path: '/staffEmail', message: email === '' ? '请填写工作人员的邮箱。' : `没有邮箱为 ${email} 的账号。` });
  else if (staff.getString('role') === 'applicant') problems.push({ path: '/staffEmail', message: `${email} 不是工作人员的账号。` });
  if (relativeName === '' || relativeName.length > 100) problems.push({ path: '/relativeName', message: '请填写近亲属的姓名（不超过 100 个字）。' });
  const idProblem = idCardProblem(idNumber);
  if (idProblem) problems.push({ path: '/relativeIdNumber', message: `身份证号码有误：${idCardProblemMessages[idProblem]}。` });
  const idHash = idProblem ? '' : sha256(idNumber);
  if (staff && idHash) {
    const key = `${staff.id}:${idHash}`;
    if (seen.has(key) || findOne(app, 'staff_relatives', 'staff = {:staff} && relative_id_hash = {:hash}', { staff: staff.id, hash: idHash })) {
      problems.push({ path: '/relativeIdNumber', message: '这位近亲属已经登记过。' });
    }
    seen.add(key);
  }
  if (problems.length > 0 || !staff) return { ok: false, problems };
  staffNames.set(staff.id, staff.getString('name'));
  return { ok: true, value: { staffId: staff.id, relativeName, idHash } };
}

/** `POST /api/tongban/admin/staff-relatives/import`: checks every row, then records them (or refuses all). */
export function importRelatives(app: PbApp, body: unknown): RowImportAnswer<RecordedRelative> {
  const request = readRowImport(body);
  const seen = new Set<string>();
  const staffNames = new Map<string, string>();
  return importRows(
    app,
    request,
    (row) => checkRelativeRow(app, row, seen, staffNames),
    (tx, relative, index) => {
      const record = newRecord(tx, 'staff_relatives');
      record.set('staff', relative.staffId);
      record.set('relative_name', relative.relativeName);
      record.set('relative_id_hash', relative.idHash);
      tx.save(record);
      return { row: index + 2, id: record.id, staffName: staffNames.get(relative.staffId) ?? '', relativeName: relative.relativeName };
    },
  );
}

/** `GET /api/tongban/admin/staff-relatives`: the register, by staff member (names only, never numbers). */
export function listRelatives(app: PbApp): { relatives: RegisteredRelative[] } {
  const rows = app.findRecordsByFilter('staff_relatives', '', 'created', 5000, 0);
  const staffById = new Map<string, PbRecord | null>();
  return {
    relatives: rows.map((row) => {
      const staffId = row.getString('staff');
      if (!staffById.has(staffId)) {
        let staff: PbRecord | null = null;
        try {
          staff = app.findRecordById('users', staffId);
        } catch {
          staff = null;
        }
        staffById.set(staffId, staff);
      }
      const staff = staffById.get(staffId) ?? null;
      return {
        id: row.id,
        staff: { id: staffId, name: staff?.getString('name') ?? '', email: staff?.getString('email') ?? '' },
        relativeName: row.getString('relative_name'),
        created: row.getString('created'),
      };
    }),
  };
}
