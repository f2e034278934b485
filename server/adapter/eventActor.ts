/**
 * Who acted, as recorded on an event: by value (id, name, kind, duties, unit and its path, as they
 * were at that moment), so the history neither changes nor breaks when a user is renamed, moved,
 * given other duties, disabled or deleted, and replaying the event can act as the same actor.
 */
import type { Actor, OrgLevel } from '../../engine/index.js';
import type { PbApp } from './pocketbase.js';

/** An actor by value, as stored in an event's hidden `replay`. */
export interface ActorByValue {
  /** User id; `system` for the timer sweep. */
  id: string;
  kind: Actor['kind'];
  name: string;
  /** Duties (the engine's roles) at that moment. */
  roles: string[];
  orgUnit?: { id: string; level: OrgLevel; path: string[]; name: string };
  /** The organisation (subject id) an organisation's account acted for. */
  organisation?: string;
  /** Who acted for this actor during a delegation (委托), if someone did. */
  delegate?: { id: string; name: string };
}

/** The system actor of the timer sweep, by value. */
export const systemActorByValue: ActorByValue = { id: 'system', kind: 'system', name: '系统', roles: [] };

function unitName(tx: PbApp, id: string): string {
  try {
    return tx.findRecordById('org_units', id).getString('name');
  } catch {
    return '';
  }
}

/** The engine actor `actor`, named `name`, by value. */
export function actorByValue(tx: PbApp, actor: Actor, name: string): ActorByValue {
  if (actor.kind === 'system') return systemActorByValue;
  return {
    id: actor.id,
    kind: actor.kind,
    name,
    roles: [...actor.roles],
    ...(actor.orgUnit ? { orgUnit: { id: actor.orgUnit.id, level: actor.orgUnit.level, path: [...actor.orgUnit.path], name: unitName(tx, actor.orgUnit.id) } } : {}),
    ...(actor.organisation ? { organisation: actor.organisation } : {}),
  };
}

/** The engine actor an event was decided for. */
export function engineActorOf(recorded: ActorByValue): Actor {
  return {
    id: recorded.id,
    kind: recorded.kind,
    roles: [...recorded.roles],
    ...(recorded.orgUnit ? { orgUnit: { id: recorded.orgUnit.id, level: recorded.orgUnit.level, path: [...recorded.orgUnit.path] } } : {}),
    ...(recorded.organisation ? { organisation: recorded.organisation } : {}),
  };
}
