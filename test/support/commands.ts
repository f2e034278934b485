/**
 * Sending Tongban commands as a real client would, through the PocketBase JS SDK.
 */
import { randomUUID } from 'node:crypto';
import type PocketBase from 'pocketbase';
import { ClientResponseError } from 'pocketbase';

/** The case summary the routes answer with. */
export interface CaseSummary {
  id: string;
  caseNo: string;
  step: string;
  status: string;
  outcome: string | null;
  version: number;
  flags: string[];
  clock: { dueAt?: string; limitWorkingDays?: number; limitDays?: number; limitMonths?: number; extended: boolean };
  tasks: { key: string; step: string }[];
}

/** A route's success answer. */
export interface CommandAnswer {
  case: CaseSummary;
  event: { seq: number; hash: string };
  actions: { action: string }[];
}

/** Opens a 低保 case. */
export function openCase(pb: PocketBase, data: unknown, extra: Record<string, unknown> = {}): Promise<CommandAnswer> {
  return pb.send('/api/tongban/cases', { method: 'POST', body: { workflow: 'dibao', commandId: randomUUID(), data, ...extra } });
}

/** Sends a command on a case. */
export function command(pb: PocketBase, c: { id: string; version: number }, action: string, extra: Record<string, unknown> = {}): Promise<CommandAnswer> {
  return pb.send(`/api/tongban/cases/${c.id}/commands`, { method: 'POST', body: { action, version: c.version, commandId: randomUUID(), ...extra } });
}

/** The status and body of a failed request (throws if it succeeded). */
export async function failure(p: Promise<unknown>): Promise<{ status: number; body: { code?: string; message?: string; errors?: { path: string; message: string }[] } }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ClientResponseError) return { status: e.status, body: e.response as never };
    throw e;
  }
  throw new Error('expected the request to fail, but it succeeded');
}
