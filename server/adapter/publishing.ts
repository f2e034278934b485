/**
 * Publishing a process version through the record API (the loader and any superuser client use
 * it): a published version must carry every template its definition names, and its templates must
 * pass the template rules (documentTemplates.ts). A version that does not is refused with 409
 * `invalid_definition` and its problems, and nothing is written.
 */
import { HttpError } from './httpError.js';
import { readVersionTemplates, versionTemplateProblems } from './documentTemplates.js';
import { readJson, type PbRecord } from './pocketbase.js';

/** 409 for a published version whose documents do not check; null when it may be saved. */
export function publishingRefusal(record: PbRecord): HttpError | null {
  if (record.getString('status') !== 'published') return null;
  let definition: unknown;
  let templates: unknown;
  try {
    definition = readJson<unknown>(record, 'definition');
    templates = readJson<unknown>(record, 'templates');
  } catch {
    return new HttpError(409, 'invalid_definition', '流程定义或文书模板不是有效的 JSON，不能发布。');
  }
  const problems = versionTemplateProblems(definition, readVersionTemplates(templates));
  if (problems.length === 0) return null;
  const name = `“${record.getString('key')}”第 ${record.getInt('version')} 版`;
  return new HttpError(
    409,
    'invalid_definition',
    `流程${name}的文书模板有 ${problems.length} 个问题，不能发布。`,
    problems.map((p) => ({ path: p.path.startsWith('/templates') ? p.path : `/definition${p.path}`, message: p.message })),
  );
}
