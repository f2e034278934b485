/**
 * Per-VM caches of the configuration a command reads on every request — the 工作日 overrides, the
 * acting officer's org unit, the newest published version of a process — kept valid across
 * PocketBase's VMs by a generation token per collection in the app's shared store. Every create,
 * update or delete of `calendar_overrides`, `org_units` or `workflow_definitions` sets a fresh
 * token once it is committed (server/pb_hooks/tongban_config_cache.pb.js); a VM reuses what it
 * read only while the token is the one it read before reading. A token is random, never a
 * counter, so two changes committed at once cannot leave it where a reader saw it.
 *
 * Inside a transaction nothing is cached or served from the cache: the transaction may have
 * changed the rows itself (importArrangement recounts deadlines in the transaction that changes
 * the overrides), and what it reads must be what it wrote.
 */
import type { PbApp } from './pocketbase.js';

/** The store key of a collection's generation token (tongban_config_cache.pb.js writes it). */
export const generationKeyPrefix = 'tongban.generation.';

/** The collections whose rows are cached per VM, so whose writes renew the token. */
export const cachedCollections = ['calendar_overrides', 'org_units', 'workflow_definitions'] as const;
export type CachedCollection = (typeof cachedCollections)[number];

declare const $app: { store(): { get(key: string): unknown } } | undefined;

const entries = new Map<string, { generation: unknown; value: unknown }>();

function sharedStore(): { get(key: string): unknown } | undefined {
  return typeof $app === 'undefined' ? undefined : $app.store();
}

/** Whether `tx` is a transaction (unknown counts as one: then nothing is cached). */
function inTransaction(tx: PbApp): boolean {
  const t = tx as PbApp & { isTransactional?: () => boolean };
  return typeof t.isTransactional === 'function' ? t.isTransactional() : true;
}

/**
 * `load()` — or what this VM loaded for the same collection and key while nothing of the
 * collection has been written since. Loads afresh inside a transaction or without a shared store.
 * The value is shared by later callers: treat it as read-only.
 */
export function cachedRead<T>(tx: PbApp, collection: CachedCollection, key: string, load: () => T): T {
  const store = sharedStore();
  if (!store || inTransaction(tx)) return load();
  // Read before loading: a write committed meanwhile renews the token, and the entry is stale at once.
  const generation = store.get(`${generationKeyPrefix}${collection}`) ?? null;
  const id = `${collection}\u0000${key}`;
  const hit = entries.get(id);
  if (hit && hit.generation === generation) return hit.value as T;
  const value = load();
  entries.set(id, { generation, value });
  return value;
}
