import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messagesByArea, templates } from '../../../web/src/i18n/locales/en.js';

const webSource = join(import.meta.dirname, '../../../web/src');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Every message id a `msg(…, { id })` call in the app names. */
function messageIdsInTheApp(): Set<string> {
  const ids = new Set<string>();
  for (const file of sourceFiles(webSource)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\bid:\s*'([A-Za-z0-9_.]+)'/g)) {
      ids.add(match[1]!);
    }
  }
  return ids;
}

describe('the English messages', () => {
  it('give every message id of the app an English text', () => {
    const missing = [...messageIdsInTheApp()].filter((id) => !Object.hasOwn(templates, id));
    expect(missing).toEqual([]);
  });

  it('keep each id in one area only, so no area silently overrides another', () => {
    const areasOf = new Map<string, string[]>();
    for (const [area, messages] of Object.entries(messagesByArea)) {
      for (const id of Object.keys(messages)) areasOf.set(id, [...(areasOf.get(id) ?? []), area]);
    }
    const repeated = [...areasOf].filter(([, areas]) => areas.length > 1);
    expect(repeated).toEqual([]);
  });
});
