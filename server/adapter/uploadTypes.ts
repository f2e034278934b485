/**
 * An uploaded file's name must say what it is: its extension must match the type its first bytes
 * show (a PNG that is also an HTML page, named `.html`, is refused), so no stored file is later
 * taken for another kind of file.
 */

/** The file types attachments may have, by signature, with the extensions each may carry. */
const kinds: { type: string; extensions: string[]; matches: (b: number[]) => boolean }[] = [
  { type: 'image/jpeg', extensions: ['jpg', 'jpeg'], matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/png', extensions: ['png'], matches: (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x) },
  { type: 'image/webp', extensions: ['webp'], matches: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP' },
  { type: 'application/pdf', extensions: ['pdf'], matches: (b) => ascii(b, 0, 5) === '%PDF-' },
];

function ascii(bytes: number[], from: number, to: number): string {
  return String.fromCharCode(...bytes.slice(from, to));
}

/** How many leading bytes {@link sniffType} needs. */
export const sniffBytes = 16;

/** The type a file's leading bytes show, or undefined when it is none of the accepted ones. */
export function sniffType(head: number[]): string | undefined {
  return kinds.find((k) => k.matches(head))?.type;
}

/** The lower-cased extension of a file name (without the dot), or ''. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** Whether a file named `name` whose leading bytes are `head` has an extension matching its type. */
export function extensionMatchesContent(name: string, head: number[]): boolean {
  const type = sniffType(head);
  const kind = kinds.find((k) => k.type === type);
  return kind !== undefined && kind.extensions.includes(extensionOf(name));
}
