/**
 * Attachments of a case in PocketBase: each file is one record of the `attachments` collection
 * (protected file field, types and size checked by the server too); the case data keeps
 * `<record id>/<file name>`. Viewing asks for a short-lived file token.
 */
import type { AttachmentLinker, AttachmentUploader } from '../../../forms/elements/index.js';
import { pb } from './client.js';

/** Stores files as attachments of the case `caseId`, uploaded by the signed-in user. */
export function caseAttachmentUploader(caseId: string): AttachmentUploader {
  return async (file) => {
    const me = pb.authStore.record;
    if (!me) throw new Error('请先登录。');
    const record = await pb.collection('attachments').create({ application: caseId, uploaded_by: me.id, file });
    return { file: `${record.id}/${record.file as string}` };
  };
}

/** A URL with a fresh file token for an attachment reference `<record id>/<file name>`. */
export const attachmentLink: AttachmentLinker = async (value) => {
  const [id, name] = (value.file ?? '').split('/');
  if (!id || !name) return value.url;
  const token = await pb.files.getToken();
  return pb.files.getURL({ id, collectionName: 'attachments' }, name, { token });
};
