/**
 * The version records the studio's designer routes read: a process key and a version number as a
 * route's path gives them (404 otherwise), a national version record of a key, and a draft (404
 * when there is none, 409 `not_a_draft` for a published or retired version, which never changes).
 */
import { conflict, notFound } from './httpError.js';
import type { PbApp, PbRecord } from './pocketbase.js';

/** A process key as the routes take it; 404 otherwise. */
export function processKey(key: string): string {
  if (!/^[a-z][a-z0-9_-]{0,63}$/.test(key)) throw notFound('没有这个流程。');
  return key;
}

/** A version number from the path; 404 otherwise. */
export function versionNumber(version: string): number {
  if (!/^\d{1,6}$/.test(version)) throw notFound('没有这个流程版本。');
  return Number(version);
}

/** The national record of a key and version (any status), or undefined. */
export function nationalRecord(tx: PbApp, key: string, version: number): PbRecord | undefined {
  return tx.findRecordsByFilter('workflow_definitions', 'key = {:key} && version = {:version} && division = ""', '', 1, 0, { key, version })[0];
}

/** The draft of a key and version; 404 when there is none (or the version is not a draft). */
export function draftRecord(tx: PbApp, key: string, version: number): PbRecord {
  const record = nationalRecord(tx, key, version);
  if (!record) throw notFound(`流程“${key}”没有第 ${version} 版。`);
  if (record.getString('status') !== 'draft') throw conflict(`流程“${key}”第 ${version} 版已发布，不能修改；请打开新版本的草稿。`, 'not_a_draft');
  return record;
}
