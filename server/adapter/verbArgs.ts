/**
 * The arguments of a task verb command (`verb.*`) as the engine needs them: the users it names
 * (`to`: user ids), each resolved to their actor by value with their name, and the position of a
 * signer (加签). Recorded in the event's replay, so replaying needs no user as they are now.
 */
import type { VerbArgs, VerbTarget } from '../../engine/index.js';
import { actorOf } from './actors.js';
import { invalidData } from './httpError.js';
import type { PbApp, PbRecord } from './pocketbase.js';

/** Resolves `to` and `position` of a verb command; an unknown or disabled user answers 422 at `/to/i`. */
export function verbArgsOf(app: PbApp, to: string[] | undefined, position: string | undefined): VerbArgs {
  const targets: VerbTarget[] = (to ?? []).map((id, i) => {
    let user: PbRecord;
    try {
      user = app.findRecordById('users', id);
    } catch {
      throw invalidData('所选人员不存在。', [{ path: `/to/${i}`, message: '所选人员不存在。' }]);
    }
    if (user.getBool('disabled')) throw invalidData('所选人员的账号已停用。', [{ path: `/to/${i}`, message: '所选人员的账号已停用。' }]);
    return { ...actorOf(app, user), name: user.getString('name') };
  });
  if (position !== undefined && position !== 'before' && position !== 'after') throw invalidData('加签位置须为 before 或 after。', [{ path: '/position', message: '加签位置须为 before 或 after。' }]);
  return { ...(targets.length > 0 ? { to: targets } : {}), ...(position ? { position } : {}) };
}
