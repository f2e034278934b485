import { describe, expect, it } from 'vitest';
import type { PbRecord } from '../../../server/adapter/pocketbase.js';
import { versionChangeRefusal, versionDeletionRefusal, type LoadedRecord } from '../../../server/adapter/versionImmutability.js';

/** A record as PocketBase hooks see it: fields as stored (JSON as text), and the values it was loaded with. */
function record(fields: Record<string, string | number>, original?: Record<string, string | number>): LoadedRecord {
  const read = (f: Record<string, string | number>): PbRecord => ({
    id: 'r1',
    get: (k) => f[k],
    getString: (k) => (f[k] === undefined ? '' : String(f[k])),
    getInt: (k) => Number(f[k] ?? 0),
    getBool: () => false,
    getStringSlice: () => [],
    set: () => undefined,
    collection: () => ({ name: 'workflow_definitions' }),
  });
  return { ...read(fields), original: () => read(original ?? fields) };
}

const published = { key: 'relief', version: 3, status: 'published', name: '救助', definition: '{"key":"relief","version":3,"steps":{}}', form_schema: '{"type":"object"}', ui_schema: 'null', templates: '{"documents":{"notice":"{{name}}"},"shared":{}}', sample: '{"a":1}', validator_module: 'export default 1', sha256: 'abc' };

describe('a published workflow version never changes', () => {
  it('refuses a changed definition, form, UI schema or templates, each at its field', () => {
    for (const [field, value] of [['definition', '{"key":"relief","version":3,"steps":{"x":{}}}'], ['form_schema', '{"type":"string"}'], ['ui_schema', '{"a":1}'], ['templates', '{"documents":{"notice":"{{other}}"},"shared":{}}'], ['name', '改名']] as const) {
      const refusal = versionChangeRefusal(record({ ...published, [field]: value }, published));
      expect(refusal?.status, field).toBe(409);
      expect(refusal?.code).toBe('immutable_version');
      expect(refusal?.errors).toEqual([{ path: `/${field}`, message: expect.any(String) }]);
    }
  });

  it('takes the same JSON with its keys in another order as no change', () => {
    expect(versionChangeRefusal(record({ ...published, definition: '{"version":3,"steps":{},"key":"relief"}' }, published))).toBeNull();
  });

  it('lets the status move between published and retired, never back to draft', () => {
    expect(versionChangeRefusal(record({ ...published, status: 'retired' }, published))).toBeNull();
    expect(versionChangeRefusal(record(published, { ...published, status: 'retired' }))).toBeNull();
    expect(versionChangeRefusal(record({ ...published, status: 'draft' }, published))?.errors?.[0]?.path).toBe('/status');
  });

  it('adds once what a version stored before it was kept: templates, the sample, the validator module', () => {
    const legacy = { ...published, templates: 'null', sample: 'null', validator_module: '', sha256: 'old' };
    expect(versionChangeRefusal(record({ ...legacy, templates: published.templates, sha256: 'new' }, legacy))).toBeNull();
    expect(versionChangeRefusal(record({ ...legacy, sample: published.sample }, legacy))).toBeNull();
    expect(versionChangeRefusal(record({ ...legacy, validator_module: 'export default 2' }, legacy))).toBeNull();
    expect(versionChangeRefusal(record({ ...published, sample: '{"a":2}' }, published))?.errors?.[0]?.path).toBe('/sample');
    expect(versionChangeRefusal(record({ ...published, validator_module: 'export default 2' }, published))?.errors?.[0]?.path).toBe('/validator_module');
    expect(versionChangeRefusal(record({ ...published, sha256: 'other' }, published))?.errors?.[0]?.path).toBe('/sha256');
  });

  it('leaves a draft free to change', () => {
    const draft = { ...published, status: 'draft' };
    expect(versionChangeRefusal(record({ ...draft, definition: '{}', status: 'published' }, draft))).toBeNull();
  });

  it('is never deleted once published or retired; a draft may be discarded', () => {
    expect(versionDeletionRefusal(record(published))?.code).toBe('immutable_version');
    expect(versionDeletionRefusal(record({ ...published, status: 'retired' }))?.code).toBe('immutable_version');
    expect(versionDeletionRefusal(record({ ...published, status: 'draft' }))).toBeNull();
  });
});
