/**
 * 发文字号 (document numbers) per GB/T 9704: the issuing body's code (机关代字), the year in
 * 六角括号 and a sequence number, e.g. 海民发〔2026〕12号. The host keeps one counter per issuing
 * unit and year (collection `document_counters`) and allocates from it inside the command's
 * transaction, so numbers are sequential without gaps or repeats.
 */
import type { PbApp } from './pocketbase.js';
import { newRecordId, selectRows } from './sqlRows.js';

/** The issuing body's code: the unit's `document_code` if set, else the first character of its name and 民发 (a county's bureau) or 政发 (a township). */
export function issuerCode(unitName: string, documentCode: string, level: 'township' | 'county'): string {
  if (documentCode.trim() !== '') return documentCode.trim();
  const first = Array.from(unitName.trim())[0] ?? '';
  return `${first}${level === 'county' ? '民发' : '政发'}`;
}

/** The year in China time. */
export function chinaYear(now: Date): number {
  return new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();
}

/** A document number: `海民发〔2026〕12号`. */
export function formatDocumentNumber(code: string, year: number, sequence: number): string {
  return `${code}〔${year}〕${sequence}号`;
}

/**
 * Allocates the next sequence number of `unitId` in `year` (1 for the first), inside the caller's
 * transaction: one statement on the counter's unique (issuer, year) index, so the write lock holds
 * no read of the counter before its write.
 */
export function nextSequence(tx: PbApp, unitId: string, year: number): number {
  const [counter] = selectRows(
    tx,
    'INSERT INTO document_counters (id, issuer, year, last) VALUES ({:id}, {:issuer}, {:year}, 1) ON CONFLICT (issuer, year) DO UPDATE SET last = last + 1 RETURNING last',
    { id: newRecordId(), issuer: unitId, year },
    { last: 0 },
  );
  return counter!.last;
}

/** The issuing unit of a document, as the case record names it. */
export interface IssuingUnit {
  id: string;
  name: string;
  documentCode: string;
  level: 'township' | 'county';
}

/** Allocates the next document number of the unit for the year of `now`. */
export function allocateDocumentNumber(tx: PbApp, unit: IssuingUnit, now: Date): string {
  const year = chinaYear(now);
  return formatDocumentNumber(issuerCode(unit.name, unit.documentCode, unit.level), year, nextSequence(tx, unit.id, year));
}
