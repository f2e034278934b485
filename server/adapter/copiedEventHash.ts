/**
 * The hash of a first event that differs from a template event only in its command id — what
 * every case a bulk start copies from one template case has. The text the chain hashes is built
 * once by {@link eventHash} itself (with a probe for the command id, hashing nothing), so a copy's
 * hash is exactly what `eventHash` gives, for a string concatenation and one digest. Pure.
 */
import { eventHash, type ChainedEvent } from './hashChain.js';

const probe = '\u0000command-id\u0000';

/** A function from a command id to the hash of `template` with that command id, after `prevHash`. */
export function copiedEventHasher(template: Omit<ChainedEvent, 'hash' | 'prev_hash'>, prevHash: string, sha256: (text: string) => string): (commandId: string) => string {
  const text = eventHash({ ...template, command_id: probe }, prevHash, (t) => t);
  const parts = text.split(JSON.stringify(probe));
  if (parts.length !== 2) {
    // The probe showed up elsewhere (never in practice): hash each copy in full.
    return (commandId) => eventHash({ ...template, command_id: commandId }, prevHash, sha256);
  }
  const [before, after] = parts as [string, string];
  return (commandId) => sha256(before + JSON.stringify(commandId) + after);
}
