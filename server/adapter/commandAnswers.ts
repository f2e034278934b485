/**
 * Stored answers of commands, by command id: a repeated command returns the first answer instead
 * of deciding again.
 */
import { conflict } from './httpError.js';
import { newRecord, readJson, type PbApp } from './pocketbase.js';
import type { RouteAnswer } from './routeAnswer.js';

/** The stored answer of an earlier command with this id, if any. */
export function storedAnswer(tx: PbApp, commandId: string, actorId: string): RouteAnswer | undefined {
  const rows = tx.findRecordsByFilter('commands', 'command_id = {:c}', '', 1, 0, { c: commandId });
  const row = rows[0];
  if (!row) return undefined;
  if (row.getString('actor') !== actorId) throw conflict('该命令编号 (commandId) 已被使用，请使用新的编号。', 'command_id_taken');
  return { status: row.getInt('status'), body: readJson(row, 'response') };
}

/** Remembers a command's answer so a repeat returns it. */
export function storeAnswer(tx: PbApp, commandId: string, caseId: string, actorId: string, answer: RouteAnswer): void {
  const r = newRecord(tx, 'commands');
  r.set('command_id', commandId);
  r.set('application', caseId);
  r.set('actor', actorId);
  r.set('status', answer.status);
  r.set('response', answer.body);
  tx.save(r);
}
