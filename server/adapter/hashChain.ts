/**
 * The hash chain of a case's events: each event's hash covers the previous hash and the event's
 * content in a canonical JSON form, so editing, inserting or deleting history breaks the chain.
 * Pure: the digest function is passed in (PocketBase's `$security.sha256` on the server, node:crypto in tests).
 */

/**
 * The fields of an event that the chain covers. `format` 2 (events written since the actor is
 * recorded by value) hashes every field; older events (`format` 0 or 1) hash the fields they were
 * written with, the actor by id only, so their hashes stay valid.
 */
export interface ChainedEvent {
  seq: number;
  format: number;
  action: string;
  kind: string;
  from_step: string;
  to_step: string;
  actor_id: string;
  actor_name: string;
  actor_unit_name: string;
  comment: string;
  /** The raw data the command sent (hidden from clients). */
  data_patch: unknown;
  /** The same patch with the form's sensitive fields masked (what clients read). */
  data_masked: unknown;
  /** What replaying the event needs: the actor by value, the calendar version, the command's extras (hidden). */
  replay: unknown;
  at: string;
  command_id: string;
  /** What a task verb did, for the timeline (empty for other events: then not hashed, so older hashes stay valid). */
  note?: string;
  prev_hash: string;
  hash: string;
}

/** The format of the events written now. */
export const currentEventFormat = 2;

/** The hash of the chain before the first event. */
export const genesisHash = '0'.repeat(64);

/** JSON with object keys sorted, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The hash of an event given the previous hash. */
export function eventHash(event: Omit<ChainedEvent, 'hash' | 'prev_hash'>, prevHash: string, sha256: (text: string) => string): string {
  const { seq, format, action, kind, from_step, to_step, actor_id, actor_name, actor_unit_name, comment, data_patch, data_masked, replay, at, command_id, note } = event;
  if (format < currentEventFormat) {
    return sha256(prevHash + canonicalJson({ seq, action, kind, from_step, to_step, actor: actor_id, comment, data_patch, at, command_id }));
  }
  return sha256(prevHash + canonicalJson({ seq, format, action, kind, from_step, to_step, actor_id, actor_name, actor_unit_name, comment, data_patch, data_masked, replay, at, command_id, note: note || undefined }));
}

/** The verdict of {@link verifyChain}. */
export interface ChainVerdict {
  ok: boolean;
  events: number;
  /** The first event whose sequence, link or hash is wrong. */
  firstBrokenSeq?: number;
  reason?: string;
}

/** Checks a case's events, in sequence order: numbering, links and hashes. */
export function verifyChain(events: ChainedEvent[], sha256: (text: string) => string): ChainVerdict {
  let prev = genesisHash;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (e.seq !== i + 1) return { ok: false, events: events.length, firstBrokenSeq: e.seq, reason: `事件序号不连续：应为 ${i + 1}，实为 ${e.seq}` };
    if (e.prev_hash !== prev) return { ok: false, events: events.length, firstBrokenSeq: e.seq, reason: `第 ${e.seq} 条事件的前序哈希不符` };
    if (eventHash(e, prev, sha256) !== e.hash) return { ok: false, events: events.length, firstBrokenSeq: e.seq, reason: `第 ${e.seq} 条事件的内容已被修改` };
    prev = e.hash;
  }
  return { ok: true, events: events.length };
}
