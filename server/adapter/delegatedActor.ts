/**
 * Acting during a delegation (委托): while a delegation runs (from `startsAt`, before `endsAt`, not
 * revoked) the delegate may send commands on the delegator's behalf (`onBehalfOf`). The command is
 * decided for the delegator — their unit, duties, claims and the tasks given to them — and the
 * event shows `delegate 代 delegator`, with both recorded by value.
 */
import { forbidden } from './httpError.js';
import type { PbApp, PbRecord } from './pocketbase.js';

/** An instant as PocketBase stores dates, for filters. */
const dbDate = (at: Date) => at.toISOString().replace('T', ' ');

function userById(tx: PbApp, id: string): PbRecord | undefined {
  try {
    return tx.findRecordById('users', id);
  } catch {
    return undefined;
  }
}

/**
 * The user `auth` acts as: themselves, or with `onBehalfOf` the delegator of a delegation to them
 * that runs at `at` (else 403 `no_delegation`).
 */
export function actingUser(app: PbApp, auth: PbRecord, onBehalfOf: string | undefined, at: Date): PbRecord {
  if (!onBehalfOf || onBehalfOf === auth.id) return auth;
  if (auth.getString('role') !== 'officer') throw forbidden('只有工作人员可以代为办理。', 'no_delegation');
  const running = app.findRecordsByFilter('delegations', 'delegator = {:from} && delegate = {:to} && starts_at <= {:at} && ends_at > {:at} && revoked_at = ""', '', 1, 0, { from: onBehalfOf, to: auth.id, at: dbDate(at) });
  const delegator = running.length > 0 ? userById(app, onBehalfOf) : undefined;
  if (!delegator || delegator.getBool('disabled')) throw forbidden('您没有该工作人员当前有效的委托，不能代为办理。', 'no_delegation');
  return delegator;
}

