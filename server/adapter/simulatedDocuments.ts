/**
 * The documents of a simulated walk (engine/simulate), rendered as the server renders a case's
 * documents: the host's base view plus the process module's view (documents.ts), through the
 * version's compiled templates (documentTemplates.ts). `tongban simulate` and the studio's
 * simulation route share it, so a document that cannot be rendered reads the same in both.
 */
import type { CompiledWorkflow, SimulatedDocument } from '../../engine/index.js';
import type { VersionDocuments } from './documentTemplates.js';
import { documentView } from './documents.js';

/** The names a simulated case's documents are issued under (the CLI's placeholders, or the demo county's units). */
export interface SimulatedPlaces {
  countyName: string;
  townshipName: string;
}

/** The case number and 发文字号 a simulated document carries. */
export const simulatedCaseNo = '模拟案件';
export const simulatedDocumentNo = '模拟〔0000〕1号';

/** Renders one document a simulated state issued, at `at` (ISO), for a case started at `start`; throws when its template cannot render. */
export function renderSimulatedDocument(documents: VersionDocuments, wf: CompiledWorkflow, d: SimulatedDocument, at: string, start: Date, places: SimulatedPlaces): string {
  const view = documentView(wf, { template: d.template, kind: d.kind, caseNo: simulatedCaseNo, data: d.data, now: new Date(at), created: start, clock: d.clock, countyName: places.countyName, townshipName: places.townshipName, ...(d.issuer ? { issuer: d.issuer } : {}), documentNo: simulatedDocumentNo });
  return documents.render(d.template, view);
}

/** The report line of a document that could not be rendered (the walk's exit code is then 1). */
export function unrenderableDocumentLine(d: SimulatedDocument, error: unknown): string {
  return `✗ 文书“${d.title}”无法生成：${error instanceof Error ? error.message : String(error)}`;
}
