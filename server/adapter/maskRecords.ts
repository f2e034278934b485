/**
 * Masking at the record API and realtime exits (PocketBase's `onRecordEnrich`, which also runs for
 * expanded relations): what an officer may read of a collection never carries a sensitive value
 * in full. Users' phone numbers are masked for everyone but the user and administrators, and the
 * names of applicants too; documents rendered for a case have the case's sensitive values (the
 * form's `x-mask` fields) masked for everyone but its applicant. Superusers see records as stored.
 */
import Handlebars from 'handlebars';
import { sensitiveTexts } from '../../forms/core/index.js';
import { readJson, type PbApp, type PbRecord } from './pocketbase.js';
import { workflowByRecord } from './workflowCache.js';
import { actsAsApplicant } from './access.js';
import { maskUser } from './maskUsers.js';

/** The event of PocketBase's `onRecordEnrich` hook, as the adapter uses it. */
export interface PbEnrichEvent {
  app: PbApp;
  record: PbRecord;
  requestInfo: { auth: PbRecord | null } | null;
}

/** Masks the record about to be sent, for the user it is sent to. */
export function maskRecord(e: PbEnrichEvent): void {
  const viewer = e.requestInfo?.auth ?? null;
  if (viewer && viewer.collection().name === '_superusers') return;
  const collection = e.record.collection().name;
  if (collection === 'users') maskUser(e.record, viewer);
  else if (collection === 'documents') maskDocument(e.app, e.record, viewer);
}

function maskDocument(app: PbApp, doc: PbRecord, viewer: PbRecord | null): void {
  let caseRecord: PbRecord;
  try {
    caseRecord = app.findRecordById('applications', doc.getString('application'));
  } catch {
    doc.set('html', '');
    return;
  }
  if (viewer && actsAsApplicant({ id: viewer.id, ...(viewer.getString('organisation') ? { organisation: viewer.getString('organisation') } : {}) }, caseRecord)) return;
  const data = readJson<Record<string, unknown> | null>(caseRecord, 'data') ?? {};
  const masks = workflowByRecord(app, caseRecord.getString('workflow')).masks;
  let html = doc.getString('html');
  for (const { value, masked } of sensitiveTexts(data, masks)) {
    html = html.split(Handlebars.Utils.escapeExpression(value)).join(Handlebars.Utils.escapeExpression(masked));
  }
  doc.set('html', html);
}
