/**
 * Stored answers of commands, by command id: a repeated command returns the first answer instead
 * of deciding again. A command id is bound to what it was first used for — the actor, the case,
 * the route and a digest of the body — so the same id for anything else is refused rather than
 * answered with the result of another command.
 */
import { conflict } from './httpError.js';
import { newRecord, readJson, sha256, type PbApp } from './pocketbase.js';
import type { RouteAnswer } from './routeAnswer.js';

/** What a command id is bound to. */
export interface CommandBinding {
  commandId: string;
  actorId: string;
  /** The route the id was sent to: `open` (open a case) or `command` (a command on a case). */
  route: 'open' | 'command';
  /** The case the command is on; unknown (undefined) when opening one. */
  caseId?: string;
  /** {@link bodyDigest} of the request body. */
  digest: string;
}

/** JSON with object keys sorted, so equal bodies give equal text whatever their key order. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** The digest of a request body without its command id: a repeat has the same digest. */
export function bodyDigest(body: Record<string, unknown>): string {
  const rest: Record<string, unknown> = {};
  for (const key of Object.keys(body)) if (key !== 'commandId') rest[key] = body[key];
  return sha256(canonicalJson(rest));
}

/**
 * The stored answer of an earlier command with this id, if any. The id of another user answers
 * 409 `command_id_taken`; the same user's id for another case, route or body answers 409
 * `command_id_reused`.
 */
export function storedAnswer(tx: PbApp, binding: CommandBinding): RouteAnswer | undefined {
  const rows = tx.findRecordsByFilter('commands', 'command_id = {:c}', '', 1, 0, { c: binding.commandId });
  const row = rows[0];
  if (!row) return undefined;
  if (row.getString('actor') !== binding.actorId) throw conflict('该命令编号 (commandId) 已被使用，请使用新的编号。', 'command_id_taken');
  const route = row.getString('route');
  const digest = row.getString('body_digest');
  const otherCase = binding.caseId !== undefined && row.getString('application') !== binding.caseId;
  if (otherCase || (route && route !== binding.route) || (digest && digest !== binding.digest)) {
    throw conflict('该命令编号 (commandId) 已用于另一项操作，重试时请原样提交；新的操作请使用新的编号。', 'command_id_reused');
  }
  return { status: row.getInt('status'), body: readJson(row, 'response') };
}

/** Remembers a command's answer, with what its id is bound to, so a repeat returns it. */
export function storeAnswer(tx: PbApp, binding: CommandBinding, caseId: string, answer: RouteAnswer): void {
  const r = newRecord(tx, 'commands');
  r.set('command_id', binding.commandId);
  r.set('application', caseId);
  r.set('actor', binding.actorId);
  r.set('route', binding.route);
  r.set('body_digest', binding.digest);
  r.set('status', answer.status);
  r.set('response', answer.body);
  tx.save(r);
}
