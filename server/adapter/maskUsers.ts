/**
 * Masking of user records at the record API and realtime exits: a user's phone number is masked
 * for everyone but the user and administrators, and the name of anyone but staff too. Kept apart
 * from the rest of the masking (maskRecords.ts) so the trust bundle carries it: PocketBase runs
 * `onRecordEnrich` hooks nested, one goja VM per row of a page, and a row beyond the VM pool gets a
 * fresh VM, which loads this small bundle instead of the whole adapter.
 */
import { maskValue } from '../../forms/core/permissions.js';
import type { PbEnrichEvent } from './maskRecords.js';
import type { PbRecord } from './pocketbase.js';

/** Masks a user record for the viewer (nothing for the user, administrators and superusers). */
export function maskUser(user: PbRecord, viewer: PbRecord | null): void {
  if (viewer && (viewer.id === user.id || viewer.getString('role') === 'admin')) return;
  const phone = user.getString('phone');
  if (phone) user.set('phone', maskValue(phone, 'mobile'));
  const role = user.getString('role');
  const name = user.getString('name');
  if (name && role !== 'officer' && role !== 'admin') user.set('name', maskValue(name, 'name'));
}

/** The `onRecordEnrich` hook of `users`: masks the record about to be sent, for the user it is sent to. */
export function maskUserRecord(e: PbEnrichEvent): void {
  const viewer = e.requestInfo?.auth ?? null;
  if (viewer && viewer.collection().name === '_superusers') return;
  maskUser(e.record, viewer);
}
