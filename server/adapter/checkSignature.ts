/**
 * The signature of a check report (and of a request, for the check system): HMAC-SHA256 with the
 * shared secret over `<timestamp>.<body>` — the Unix seconds of the `X-Tongban-Timestamp` header, a
 * dot, and the exact bytes of the body — in hex, sent as `X-Tongban-Signature: sha256=<hex>`.
 */
import { hmacSha256 } from './pocketbase.js';

/** The header value signing `body` at `timestamp` (Unix seconds). */
export function signCheckMessage(secret: string, timestamp: number, body: string): string {
  return `sha256=${hmacSha256(`${timestamp}.${body}`, secret)}`;
}

/** Compares two strings in time that depends only on their length (no early exit on the first difference). */
export function sameSignature(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
