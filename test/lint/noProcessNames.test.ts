import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * DESIGN §1: a process is a folder under workflows/, found by its key; engine/ and server/adapter/
 * know only concepts. This scans their sources for the key and the name of every shipped process
 * and the usual short names of the civil-affairs programmes.
 */
const root = path.resolve(import.meta.dirname, '../..');
const sources = (dir: string): string[] =>
  readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|json)$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
const shipped = readdirSync(path.join(root, 'workflows'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(root, 'workflows', d.name, 'workflow.json')))
  .map((d) => JSON.parse(readFileSync(path.join(root, 'workflows', d.name, 'workflow.json'), 'utf8')) as { key: string; name: string });
const programmes = ['低保', '最低生活保障', '特困', '临时救助', '两项补贴', '公益创投', '公开募捐'];

describe('process names', () => {
  it('are known: the shipped processes have keys and names', () => {
    expect(shipped.map((p) => p.key)).toContain('dibao');
  });

  it('appear nowhere in engine/ or server/adapter/', () => {
    const words = [...shipped.flatMap((p) => [p.key, p.name]), ...programmes];
    const found = [...sources('engine'), ...sources('server/adapter')].flatMap((file) => {
      const text = readFileSync(path.join(root, file), 'utf8');
      return words.filter((w) => (/^[a-z0-9-]+$/.test(w) ? new RegExp(`\\b${w}\\b`, 'i').test(text) : text.includes(w))).map((w) => `${file}: ${w}`);
    });
    expect(found).toEqual([]);
  });
});
