/**
 * Uploaded files are stored under a random name that keeps only the type's extension: the name a
 * person gave a scan (`王秀英身份证.jpg`, `320621195503120023.pdf`) would otherwise be readable by every
 * officer of the area in the record's `file` field, in file URLs and in realtime messages.
 */
import { randomString } from './pocketbase.js';

/** A file being uploaded, as PocketBase's create request holds it before saving. */
export interface PbUploadedFile {
  name: string;
  originalName: string;
}

/** The record of a create request with its files not yet saved. */
export interface PbUploadEvent {
  record: { getUnsavedFiles(field: string): PbUploadedFile[] };
}

/** Gives every new file of `field` a random name with its original extension (lower case, letters and digits only). */
export function renameUploads(e: PbUploadEvent, field: string): void {
  for (const file of e.record.getUnsavedFiles(field)) {
    const ext = /\.([A-Za-z0-9]{1,8})$/.exec(file.name)?.[1]?.toLowerCase();
    file.name = `${randomString(20).toLowerCase()}${ext ? `.${ext}` : ''}`;
  }
}
