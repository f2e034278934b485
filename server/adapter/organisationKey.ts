/**
 * An organisation subject is keyed by its 统一社会信用代码, checked per GB 32100 (18 characters,
 * registration authority and type, division code, organisation code, check character) wherever a
 * subject record is written — also by an administrator through the record API.
 */
import { isUscc } from '../../forms/core/index.js';
import { invalidData, type HttpError } from './httpError.js';
import type { PbRecord } from './pocketbase.js';

/** Why the subject record may not be saved (an organisation whose key is no valid 统一社会信用代码), or null. */
export function organisationKeyRefusal(subject: PbRecord): HttpError | null {
  if (subject.getString('kind') !== 'organisation') return null;
  if (isUscc(subject.getString('key'))) return null;
  return invalidData('统一社会信用代码无效。', [{ path: '/key', message: '请填写有效的统一社会信用代码（18位，按 GB 32100 校验）。' }]);
}
