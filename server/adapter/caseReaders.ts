/**
 * Readers of one case beyond its jurisdiction: users a task verb gave read access (抄送, a signer
 * of another unit, 加签). They see the case through the custom routes and, by the collections'
 * rules, through the record API; they act on it only through a task given to them.
 */
import { newRecord, type PbApp } from './pocketbase.js';

/** Gives `user` read access to the case `caseId` (once; a second grant changes nothing). */
export function grantRead(tx: PbApp, caseId: string, user: string, reason: 'cc' | 'signer'): void {
  if (isCaseReader(tx, caseId, user)) return;
  const r = newRecord(tx, 'case_readers');
  r.set('application', caseId);
  r.set('user', user);
  r.set('reason', reason);
  tx.save(r);
}

/** Whether `user` was given read access to the case `caseId`. */
export function isCaseReader(tx: PbApp, caseId: string, user: string): boolean {
  return tx.findRecordsByFilter('case_readers', 'application = {:a} && user = {:u}', '', 1, 0, { a: caseId, u: user }).length > 0;
}
