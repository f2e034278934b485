/**
 * What clients may read of an event. The raw data patch and the replay record are hidden fields
 * (never returned, filterable or sent over realtime); the readable copy masks the fields the
 * workflow's form marks with `x-mask`, by their kind, and an applicant's name.
 */
import { maskValue, redactForView, type FieldPermissions } from '../../forms/core/index.js';
import type { ActorByValue } from './eventActor.js';

/** The data patch with every `x-mask` field masked (`masks`: pointer with `*` for array items → kind). */
export function maskedPatch(patch: Record<string, unknown> | null, masks: Record<string, string>): Record<string, unknown> | null {
  if (patch === null) return null;
  const perms: FieldPermissions = { '': 'read' };
  for (const pointer of Object.keys(masks)) perms[pointer] = 'masked';
  return redactForView(perms, patch, masks);
}

/** The actor's name as clients read it: staff by name, an applicant masked (`张*三`), a delegate's act as `李四 代 张三` (委托). */
export function publicActorName(actor: ActorByValue): string {
  if (actor.delegate) return `${actor.delegate.name} 代 ${actor.name}`;
  return actor.kind === 'applicant' ? String(maskValue(actor.name, 'name')) : actor.name;
}

/** The readable copy of a stored event (the command answer's `event`): without its hidden fields. */
export function publicEvent(stored: Record<string, unknown>): Record<string, unknown> {
  const visible: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(stored)) if (k !== 'data_patch' && k !== 'replay') visible[k] = v;
  return visible;
}
