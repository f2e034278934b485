import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const hooksDir = path.resolve(import.meta.dirname, '../../../server/pb_hooks');

/** The top-level arguments of the call whose `(` is at `open`, as source text. */
function callArguments(text: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let quote = '';
  let from = open + 1;
  for (let i = open; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
    } else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === '(' || ch === '{' || ch === '[') depth++;
    else if (ch === ')' || ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) {
        args.push(text.slice(from, i).trim());
        return args;
      }
    } else if (ch === ',' && depth === 1) {
      args.push(text.slice(from, i).trim());
      from = i + 1;
    }
  }
  throw new Error('unclosed call');
}

/** Every `onRecordEnrich(…)` binding of the hook files, with the collections it names (empty: all). */
function enrichBindings(): { file: string; collections: string[] }[] {
  const found: { file: string; collections: string[] }[] = [];
  for (const file of readdirSync(hooksDir).filter((f) => f.endsWith('.pb.js'))) {
    const text = readFileSync(path.join(hooksDir, file), 'utf8');
    for (const match of text.matchAll(/\bonRecordEnrich\(/g)) {
      const [, ...tags] = callArguments(text, match.index + match[0].length - 1);
      found.push({ file, collections: tags.map((t) => t.replace(/^['"]|['"]$/g, '')) });
    }
  }
  return found;
}

/**
 * PocketBase runs `onRecordEnrich` nested: each record's hook runs inside the previous record's
 * `next()`, so a JS enrich hook holds one goja VM per row of a list until the last row is done, and a
 * page longer than the VM pool makes PocketBase create VMs afresh, each loading the hook bundle
 * (≈ 25 ms of CPU apiece; the 待办 page of 51 tasks cost ~130 ms of server CPU that way). Only the
 * masking that must run at every exit (expanded relations and realtime too) may be an enrich hook;
 * per-answer work belongs in the list and view request hooks.
 */
describe('record enrich hooks', () => {
  it('are bound only for the collections masked at every exit (users, documents), never for all collections or for tasks', () => {
    const bindings = enrichBindings();
    expect(bindings.length).toBeGreaterThan(0);
    for (const b of bindings) {
      expect(b.collections, `${b.file} binds onRecordEnrich for every collection`).not.toEqual([]);
      for (const c of b.collections) expect(['users', 'documents'], `${b.file} binds onRecordEnrich for ${c}`).toContain(c);
    }
  });
});
