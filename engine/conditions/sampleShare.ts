/**
 * Deterministic sampling (抽查): whether a case falls in a share, by a hash of its id and a salt.
 * The same case and salt always give the same answer, so replay is exact; different salts draw
 * independent samples. No Node APIs (the engine also runs in the PocketBase VM and the browser).
 */

/** A 32-bit hash of `text` (FNV-1a over UTF-16 units, then the MurmurHash3 finaliser to spread the bits). */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Where a case falls in [0, 1) for the sample named `salt`. */
export function samplePosition(caseId: string, salt: string): number {
  return hash32(`${salt}\u0000${caseId}`) / 0x100000000;
}

/** Whether the case with `caseId` is in the sample `salt` of `share` (0 none, 1 all). */
export function inSample(caseId: string, salt: string, share: number): boolean {
  return samplePosition(caseId, salt) < share;
}
