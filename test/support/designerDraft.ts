/**
 * A draft version for the designer's tests: the newest published national version of a process
 * copied as a `draft` record of the next version (as the studio opens one), written through the
 * record API as the superuser.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TestServer } from './pocketbase.js';

/** The process's `form.sample.json` in the repository. */
export function shippedSample(key: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.resolve(import.meta.dirname, `../../workflows/${key}/form.sample.json`), 'utf8')) as Record<string, unknown>;
}

/** JSON sent as text is stored in the author's order (an object would be stored with its keys sorted, and the order of steps and actions is meaningful). */
const asWritten = (value: unknown): string => JSON.stringify(value ?? null);

/** Opens a draft of `key` copied from its newest published version; answers the draft's version and the version it was copied from. */
export async function openDraftRecord(server: TestServer, key: string): Promise<{ version: number; basedOn: number; id: string }> {
  const su = await server.superuser();
  const published = await su.collection('workflow_definitions').getFirstListItem(su.filter('key = {:key} && status = "published" && division = ""', { key }), { sort: '-version' });
  const version = (published.version as number) + 1;
  const definition = { ...(published.definition as Record<string, unknown>), version };
  const created = await su.collection('workflow_definitions').create({ key, version, status: 'draft', division: '', name: published.name, definition: asWritten(definition), form_schema: asWritten(published.form_schema), ui_schema: asWritten(published.ui_schema), templates: published.templates });
  return { version, basedOn: published.version as number, id: created.id };
}
