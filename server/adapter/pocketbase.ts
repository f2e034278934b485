/**
 * The few PocketBase JSVM globals the adapter uses, typed narrowly. They exist only inside
 * PocketBase's goja VM; the adapter's pure parts never touch them.
 */

/** A PocketBase record in the JSVM. */
export interface PbRecord {
  id: string;
  get(field: string): unknown;
  getString(field: string): string;
  getInt(field: string): number;
  getBool(field: string): boolean;
  /** A multi-value field (multi relation, multi select) as a list of strings. */
  getStringSlice(field: string): string[];
  set(field: string, value: unknown): void;
  collection(): { name: string };
}

/** A query result of `db().newQuery(...).execute()`. */
export interface PbExecResult {
  rowsAffected(): number;
}

/** The app (or the transaction app inside `runInTransaction`). */
export interface PbApp {
  findRecordById(collection: string, id: string): PbRecord;
  findFirstRecordByFilter(collection: string, filter: string, params?: Record<string, unknown>): PbRecord;
  findRecordsByFilter(collection: string, filter: string, sort: string, limit: number, offset: number, params?: Record<string, unknown>): PbRecord[];
  findCollectionByNameOrId(name: string): unknown;
  findCachedCollectionByNameOrId(name: string): unknown;
  save(record: PbRecord): void;
  delete(record: PbRecord): void;
  runInTransaction(fn: (tx: PbApp) => void): void;
  db(): { newQuery(sql: string): { bind(params: Record<string, unknown>): { execute(): PbExecResult } } };
}

/** The request event of a route handler. */
export interface PbRequestEvent {
  auth: PbRecord | null;
  request: { header: { get(name: string): string }; contentLength: number; body: unknown; url: { query(): { get(name: string): string } } };
  response: { header(): { set(name: string, value: string): void } };
  requestInfo(): { body: unknown; auth: PbRecord | null };
  json(status: number, body: unknown): void;
  string(status: number, body: string): void;
  hasSuperuserAuth(): boolean;
}

declare const $app: PbApp;
declare const Record: new (collection: unknown) => PbRecord;
declare const $security: { sha256(text: string): string; hs256(text: string, secret: string): string; randomString(length: number): string };
declare const $os: { getenv(name: string): string };

/** The running app. */
export function app(): PbApp {
  return $app;
}

/**
 * A new, unsaved record of a collection, of PocketBase's cached collection (as its record API
 * uses): `findCollectionByNameOrId` reads and decodes the collection's row every call, ≈ 0.2 ms,
 * and the command path creates its tasks, event and notices inside the write lock.
 */
export function newRecord(tx: PbApp, collection: string): PbRecord {
  return new Record(tx.findCachedCollectionByNameOrId(collection));
}

/** SHA-256 hex digest. */
export function sha256(text: string): string {
  return $security.sha256(text);
}

/** HMAC-SHA256 of `text` with `secret`, hex. */
export function hmacSha256(text: string, secret: string): string {
  return $security.hs256(text, secret);
}

/** A random id suffix. */
export function randomString(length: number): string {
  return $security.randomString(length);
}

/** An environment variable of the server process. */
export function getenv(name: string): string {
  return $os.getenv(name);
}

/** Reads a record's JSON field as plain data (stored JSON text, parsed in this VM). */
export function readJson<T>(record: PbRecord, field: string): T {
  const text = record.getString(field);
  if (text === '' || text === 'null') return null as T;
  return JSON.parse(text) as T;
}
