/**
 * Routing on the children a `children` step waited for: `{ "children": step, "outcome": …, "count": … }`
 * holds when `all`, `any`, `none` or `{ atLeast: n }` of them ended with `outcome` (`open`: not ended
 * yet). Children the step excludes (withdrawn, `withdrawn: "excluded"`) are not counted; `all` never
 * holds of no children.
 */
import type { ChildrenCondition } from '../definition/types.js';
import type { ChildrenWaitState } from '../model/index.js';
import { ownEntry } from '../definition/ownEntry.js';

/** Whether `condition` holds of the waits of the case (`children`, by step name). */
export function childrenConditionHolds(condition: ChildrenCondition, children: Readonly<Record<string, ChildrenWaitState>> | undefined): boolean {
  const wait = ownEntry(children, condition.children);
  if (!wait) return false;
  const considered = wait.started - (wait.excluded?.length ?? 0);
  const ended = Object.values(wait.ended);
  const n = condition.outcome === 'open' ? considered - ended.length : ended.filter((o) => o === condition.outcome).length;
  const { count } = condition;
  if (count === 'all') return considered > 0 && n === considered;
  if (count === 'any') return n > 0;
  if (count === 'none') return n === 0;
  return n >= count.atLeast;
}
