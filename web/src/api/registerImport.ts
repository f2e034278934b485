/**
 * The subject register's spreadsheet imports (docs/api.md, "The subject register from a bureau's
 * sheet"): recipients and social organisations.
 */
import type { ImportedOrganisation, ImportedSubject, OrganisationImportRow, RowImportAnswer, RowImportRequest, SubjectImportRow } from '../../../engine/index.js';
import { pb } from './client.js';

/** Imports recipients from a sheet's rows. */
export function importSubjects(request: RowImportRequest<SubjectImportRow>): Promise<RowImportAnswer<ImportedSubject>> {
  return pb.send('/api/tongban/admin/subjects/import', { method: 'POST', body: request });
}

/** Imports social organisations from a sheet's rows. */
export function importOrganisations(request: RowImportRequest<OrganisationImportRow>): Promise<RowImportAnswer<ImportedOrganisation>> {
  return pb.send('/api/tongban/admin/organisations/import', { method: 'POST', body: request });
}
