/**
 * The title of a case as stored on the record (read through the record API and realtime by every
 * officer of the area): the process name and the applicant's name, masked.
 */
import { maskValue } from '../../forms/core/index.js';

/** `<process name>：王*英` — the applicant's name masked as a name, or `申请人` when unknown. */
export function caseTitle(processName: string, applicantName: string): string {
  return `${processName}：${applicantName ? String(maskValue(applicantName, 'name')) : '申请人'}`;
}
