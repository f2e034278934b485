/**
 * Where the attachment field puts files, and how it links to them. The web app sets an uploader
 * that stores each file in a PocketBase file field and answers with the record's reference, and a
 * linker that turns a reference into a short-lived URL (protected files need a token); without
 * them, files stay in the page (for previews and the playground) and nothing leaves the browser.
 */

/** What the case data holds for one attachment. */
export interface AttachmentValue {
  /** The file name as the user chose it. */
  name: string;
  /** Size in bytes. */
  size: number;
  /** MIME type. */
  type: string;
  /** The stored file's reference (e.g. `<record id>/<file name>` in PocketBase). */
  file?: string;
  /** Where the file can be viewed, if the uploader gives a lasting one (otherwise the linker finds it). */
  url?: string;
}

/** Stores one file; rejects with an Error whose message says why (in Chinese). */
export type AttachmentUploader = (file: File, context: { pointer: string }) => Promise<{ file: string; url?: string }>;

/** Keeps the file in the page: an object URL, nothing uploaded. */
export const inPageUploader: AttachmentUploader = (file) => Promise.resolve({ file: `local:${file.name}`, url: URL.createObjectURL(file) });

let current: AttachmentUploader = inPageUploader;

/** The uploader attachment fields use. */
export function attachmentUploader(): AttachmentUploader {
  return current;
}

/** Sets the uploader attachment fields use. */
export function setAttachmentUploader(uploader: AttachmentUploader): void {
  current = uploader;
}

/** A URL where an attachment can be viewed now, or undefined. */
export type AttachmentLinker = (value: AttachmentValue) => Promise<string | undefined>;

/** Uses the URL stored with the value. */
export const storedUrlLinker: AttachmentLinker = (value) => Promise.resolve(value.url);

let currentLinker: AttachmentLinker = storedUrlLinker;

/** The linker attachment fields use. */
export function attachmentLinker(): AttachmentLinker {
  return currentLinker;
}

/** Sets the linker attachment fields use. */
export function setAttachmentLinker(linker: AttachmentLinker): void {
  currentLinker = linker;
}
