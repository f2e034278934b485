/**
 * The documents a decision issues (`renderDocument` effects): rendered with the templates of the
 * case's own version, numbered by the issuing unit's counter (documentNumbers.ts) and stored in
 * `documents`. A command renders them before the write lock, each with a stand-in number of the
 * real one's shape — the issuer's code, the year, and a sequence no document can hold — and only
 * numbers them under the lock, putting the allocated number where the stand-in stands. Templates
 * can only print the number (escaped, or raw with triple braces) or test it (the allowed helpers
 * format dates, amounts and names), so what they show is the same as had they been rendered with
 * the number itself.
 */
import Handlebars from 'handlebars';
import type { CaseSnapshot, Effect, JsonValue } from '../../engine/index.js';
import { allocateDocumentNumber, chinaYear, formatDocumentNumber, issuerCode, type IssuingUnit } from './documentNumbers.js';
import { documentView } from './documents.js';
import type { PbApp, PbRecord } from './pocketbase.js';
import type { LoadedWorkflow } from './workflowCache.js';

/** A `renderDocument` effect. */
export type RenderDocumentEffect = Extract<Effect, { type: 'renderDocument' }>;

/** A document rendered before the lock, to be numbered under it ({@link issueRendered}). */
export interface RenderedDocument {
  /** The rendered HTML; with {@link issuer}, it shows {@link standIn} where the number goes. */
  html: string;
  /** The unit that numbers the document, or undefined when the case has none at that level (no number). */
  issuer: IssuingUnit | undefined;
  /** The stand-in number the HTML carries. */
  standIn: string;
}

/**
 * The stand-in sequence: eleven digits, more than a unit issues in a year by orders of magnitude,
 * so the stand-in never equals a number the counter hands out.
 */
const standInSequence = 99_999_999_999;

function unitRecord(app: PbApp, id: string): PbRecord | undefined {
  if (!id) return undefined;
  try {
    return app.findRecordById('org_units', id);
  } catch {
    return undefined;
  }
}

/** The case's county and township units, read once for all the documents a decision issues. */
interface CaseUnits {
  county: PbRecord | undefined;
  township: PbRecord | undefined;
}

function caseUnits(app: PbApp, caseRecord: PbRecord): CaseUnits {
  return { county: unitRecord(app, caseRecord.getString('county')), township: unitRecord(app, caseRecord.getString('township')) };
}

/** The unit that numbers `effect`'s document (the county's unless the definition names the township), or undefined when the case has none. */
function issuerOf(units: CaseUnits, effect: RenderDocumentEffect): IssuingUnit | undefined {
  const level = effect.issuer === 'township' ? 'township' : 'county';
  const unit = units[level];
  return unit ? { id: unit.id, name: unit.getString('name'), documentCode: unit.getString('document_code'), level } : undefined;
}

/** Renders one document of the case with `documentNo` as its number. */
function renderCaseDocument(caseRecord: PbRecord, units: CaseUnits, wf: LoadedWorkflow, snapshot: CaseSnapshot, effect: RenderDocumentEffect, data: Record<string, JsonValue>, now: Date, comment: string | undefined, documentNo: string): string {
  const view = documentView(wf.compiled, {
    template: effect.template,
    kind: effect.kind,
    caseNo: caseRecord.getString('case_no'),
    data,
    ...(comment !== undefined ? { comment } : {}),
    now,
    created: new Date(caseRecord.getString('created').replace(' ', 'T')),
    clock: snapshot.clock,
    countyName: units.county?.getString('name') || '县（市、区）',
    townshipName: units.township?.getString('name') || '乡镇（街道）',
    ...(effect.issuer ? { issuer: effect.issuer } : {}),
    documentNo,
  });
  // An item's notice reads the item's decision as `decisionItem`.
  return wf.documents.render(effect.template, effect.decision ? { ...view, decisionItem: effect.decision } : view);
}

/**
 * Renders the documents of `effects`, in their order, before the lock: `data` is the data the
 * decision leaves (the documents see the figures it computed), and each number is a stand-in.
 */
export function renderAhead(app: PbApp, caseRecord: PbRecord, wf: LoadedWorkflow, snapshot: CaseSnapshot, effects: readonly Effect[], data: Record<string, JsonValue>, now: Date, comment: string | undefined): RenderedDocument[] {
  const documents = effects.filter((e): e is RenderDocumentEffect => e.type === 'renderDocument');
  if (documents.length === 0) return [];
  const units = caseUnits(app, caseRecord);
  return documents.map((e) => {
    const issuer = issuerOf(units, e);
    const standIn = issuer ? formatDocumentNumber(issuerCode(issuer.name, issuer.documentCode, issuer.level), chinaYear(now), standInSequence) : '';
    return { html: renderCaseDocument(caseRecord, units, wf, snapshot, e, data, now, comment, standIn), issuer, standIn };
  });
}

/** Numbers a document rendered ahead, inside the command's transaction: its number and its final HTML. */
export function issueRendered(tx: PbApp, rendered: RenderedDocument, now: Date): { number: string; html: string } {
  if (!rendered.issuer) return { number: '', html: rendered.html };
  const number = allocateDocumentNumber(tx, rendered.issuer, now);
  // Printed escaped (an issuer's code may hold a character HTML escapes) or raw.
  const escaped = Handlebars.escapeExpression(rendered.standIn);
  const html = rendered.html.split(escaped).join(Handlebars.escapeExpression(number)).split(rendered.standIn).join(number);
  return { number, html };
}

/** Renders and numbers a document inside the transaction (callers that did not render ahead). */
export function issueNow(tx: PbApp, caseRecord: PbRecord, wf: LoadedWorkflow, snapshot: CaseSnapshot, effect: RenderDocumentEffect, data: Record<string, JsonValue>, now: Date, comment: string | undefined): { number: string; html: string } {
  const units = caseUnits(tx, caseRecord);
  const issuer = issuerOf(units, effect);
  const number = issuer ? allocateDocumentNumber(tx, issuer, now) : '';
  return { number, html: renderCaseDocument(caseRecord, units, wf, snapshot, effect, data, now, comment, number) };
}
