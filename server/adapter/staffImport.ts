/**
 * Officers and administrators imported from a bureau's spreadsheet (the studio's 人员 page): each
 * row names an email, a name, a role, the code of the unit and the duties. Every account is
 * created verified with a random initial password, answered once so the administrator can hand it
 * over; each creation is audited (`user.create`, configAudit) with the administrator as actor.
 */
import type { CreatedStaff, RowImportAnswer } from '../../engine/index.js';
import { isMobile } from '../../forms/core/index.js';
import { tagActor } from './configAudit.js';
import type { FieldProblem } from './httpError.js';
import { newRecord, randomString, type PbApp, type PbRecord } from './pocketbase.js';
import { cellText, importRows, readRowImport, type RowCheck } from './rowImport.js';

/** The roles an import may give. */
const importableRoles = new Set(['officer', 'admin']);
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const dutyPattern = /^[a-z][a-z0-9_]{0,39}$/;

/** One account to create. */
interface StaffToCreate {
  email: string;
  name: string;
  role: string;
  unitId: string;
  duties: string[];
  phone: string;
}

/** The first record a filter finds, or null (as `findSubject` reads: no exception for none). */
function findOne(app: PbApp, collection: string, filter: string, params: Record<string, unknown>): PbRecord | null {
  return app.findRecordsByFilter(collection, filter, '', 1, 0, params)[0] ?? null;
}

function dutiesOf(row: Record<string, unknown>): string[] {
  const raw = Object.hasOwn(row, 'duties') ? row.duties : undefined;
  const list = Array.isArray(raw) ? raw.map((d) => String(d)) : cellText(row, 'duties').split(/[,，;；\s]+/);
  return list.map((d) => d.trim()).filter((d) => d !== '');
}

/** Checks one sheet row against the directory and the rows before it. */
function checkStaffRow(app: PbApp, row: Record<string, unknown>, emailsSoFar: Set<string>): RowCheck<StaffToCreate> {
  const problems: FieldProblem[] = [];
  const email = cellText(row, 'email').toLowerCase();
  const name = cellText(row, 'name');
  const role = cellText(row, 'role');
  const unitCode = cellText(row, 'unitCode');
  const phone = cellText(row, 'phone');
  const duties = dutiesOf(row);
  if (!emailPattern.test(email)) problems.push({ path: '/email', message: '邮箱格式不正确。' });
  else if (emailsSoFar.has(email)) problems.push({ path: '/email', message: `邮箱 ${email} 在表中重复。` });
  else if (findOne(app, 'users', 'email = {:email}', { email })) problems.push({ path: '/email', message: `邮箱 ${email} 已有账号。` });
  if (email) emailsSoFar.add(email);
  if (name === '') problems.push({ path: '/name', message: '请填写姓名。' });
  else if (name.length > 100) problems.push({ path: '/name', message: '姓名不能超过 100 个字。' });
  if (!importableRoles.has(role)) problems.push({ path: '/role', message: '角色只能是“经办人员”或“管理员”。' });
  let unitId = '';
  if (unitCode === '') {
    if (role === 'officer') problems.push({ path: '/unitCode', message: '经办人员须填写所在单位的代码。' });
  } else {
    const unit = findOne(app, 'org_units', 'code = {:code}', { code: unitCode });
    if (unit) unitId = unit.id;
    else problems.push({ path: '/unitCode', message: `没有代码为 ${unitCode} 的单位。` });
  }
  const badDuty = duties.find((d) => !dutyPattern.test(d));
  if (badDuty !== undefined) problems.push({ path: '/duties', message: `职责“${badDuty}”无效：只能用小写字母、数字和下划线，以字母开头。` });
  if (phone !== '' && !isMobile(phone)) problems.push({ path: '/phone', message: '手机号应为 11 位数字，以 1 开头。' });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { email, name, role, unitId, duties, phone } };
}

/** `POST /api/tongban/admin/users/import`: checks every row, then creates the accounts (or refuses all). */
export function importStaff(app: PbApp, admin: PbRecord | null, body: unknown): RowImportAnswer<CreatedStaff> {
  const request = readRowImport(body);
  const emailsSoFar = new Set<string>();
  return importRows(
    app,
    request,
    (row) => checkStaffRow(app, row, emailsSoFar),
    (tx, staff, index) => {
      const user = newRecord(tx, 'users');
      const password = randomString(16);
      user.set('email', staff.email);
      user.set('emailVisibility', false);
      user.set('verified', true);
      user.set('password', password);
      user.set('name', staff.name);
      user.set('role', staff.role);
      user.set('org_unit', staff.unitId);
      user.set('duties', staff.duties);
      user.set('phone', staff.phone);
      tagActor(tx, user, admin);
      tx.save(user);
      return { row: index + 2, id: user.id, email: staff.email, name: staff.name, initialPassword: password };
    },
  );
}
