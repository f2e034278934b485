/**
 * Stored answers of commands, by command id: a repeated command returns the first answer instead
 * of deciding again. A command id is bound to what it was first used for — the actor, the case,
 * the route and a digest of the body — so the same id for anything else is refused rather than
 * answered with the result of another command.
 */
import { conflict } from './httpError.js';
import { sha256, type PbApp } from './pocketbase.js';
import { executeSql, newRecordId, selectRows } from './sqlRows.js';
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
  // A prepared read of the unique index: it also runs inside the command's transaction, holding the write lock.
  const row = selectRows(tx, 'SELECT actor, application, route, body_digest, status, response FROM commands WHERE command_id = {:c} LIMIT 1', { c: binding.commandId }, { actor: '', application: '', route: '', body_digest: '', status: 0, response: '' })[0];
  if (!row) return undefined;
  if (row.actor !== binding.actorId) throw conflict('该命令编号 (commandId) 已被使用，请使用新的编号。', 'command_id_taken');
  const otherCase = binding.caseId !== undefined && row.application !== binding.caseId;
  if (otherCase || (row.route && row.route !== binding.route) || (row.body_digest && row.body_digest !== binding.digest)) {
    throw conflict('该命令编号 (commandId) 已用于另一项操作，重试时请原样提交；新的操作请使用新的编号。', 'command_id_reused');
  }
  return { status: row.status, body: row.response === '' || row.response === 'null' ? null : JSON.parse(row.response) };
}

/** A command's answer as its row in `commands` stores it, built before the write lock ({@link answerRow}). */
export interface AnswerRow {
  params: Record<string, unknown>;
}

/** The row that stores `answer` under its command id, with what the id is bound to (nothing written). */
export function answerRow(binding: CommandBinding, caseId: string, answer: RouteAnswer): AnswerRow {
  const at = new Date().toISOString().replace('T', ' ');
  return { params: { id: newRecordId(), commandId: binding.commandId, application: caseId, actor: binding.actorId, route: binding.route, digest: binding.digest, status: answer.status, response: JSON.stringify(answer.body) ?? 'null', at } };
}

/** Writes an answer's row in the caller's transaction: a repeat of the command then returns it. */
export function writeAnswerRow(tx: PbApp, row: AnswerRow): void {
  // A prepared insert, not a model save (2–3× cheaper, inside the write lock): `commands` is
  // superuser-only, so no realtime client and no record hook is fed by its rows.
  executeSql(tx, 'INSERT INTO commands (id, command_id, application, actor, route, body_digest, status, response, created, updated) VALUES ({:id}, {:commandId}, {:application}, {:actor}, {:route}, {:digest}, {:status}, {:response}, {:at}, {:at})', row.params);
}

/** Remembers a command's answer, with what its id is bound to, so a repeat returns it. */
export function storeAnswer(tx: PbApp, binding: CommandBinding, caseId: string, answer: RouteAnswer): void {
  writeAnswerRow(tx, answerRow(binding, caseId, answer));
}
