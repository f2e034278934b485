/**
 * Attachments as the tests upload them: small files of real types, and the record API's multipart
 * upload of one to a case (`attachments`, as the case page's upload sends it).
 */
import type PocketBase from 'pocketbase';
import type { RecordModel } from 'pocketbase';

/** A minimal one-object PDF. */
export const pdf = (): Blob => new Blob(['%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'], { type: 'application/pdf' });

/** A 1×1 PNG. */
export const png = (): Blob => new Blob([Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')], { type: 'image/png' });

/**
 * Uploads `file` named `name` to the case `caseId` as `pb`'s user, recorded as uploaded by
 * `uploadedBy` (the signed-in user unless a test claims someone else); the stored record.
 */
export function uploadAttachment(pb: PocketBase, caseId: string, file: Blob, name: string, uploadedBy: string = pb.authStore.record!.id): Promise<RecordModel> {
  const body = new FormData();
  body.append('application', caseId);
  body.append('uploaded_by', uploadedBy);
  body.append('file', file, name);
  return pb.collection('attachments').create(body);
}
