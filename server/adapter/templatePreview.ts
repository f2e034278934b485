/**
 * `POST /api/tongban/admin/workflows/{key}/drafts/{version}/preview` (docs/api.md): renders one of a
 * draft's document templates — the saved one, or the `source` the studio's editor holds — on the
 * draft's sample (or the one sent) as print-ready A4 HTML, through the same isolated Handlebars
 * environment and helper whitelist as a case's documents (documentTemplates.ts,
 * documentHelpers.ts), with the view a case's document gets (documents.ts): the form's computed
 * fields filled in, the statutory clock started at now, issued by the demo county's units
 * (simulatedAssignees.ts). A template that does not pass the template rules answers 422 with its
 * problems and no HTML. Compiled templates are kept by the hash of their source and partials, so
 * typing in the editor compiles each distinct source once. Nothing is written.
 */
import { baseLimit, createWorkingCalendar, newClock, resolveLevel, startClock, type AssigneeLevel, type CompiledWorkflow, type JsonValue, type WorkflowDefinition } from '../../engine/index.js';
import type { PreviewTemplateAnswer, PreviewTemplateRequest } from '../../engine/api/designerRoutes.js';
import { calendarOverrides } from './calendarOverrides.js';
import { now } from './clock.js';
import { compileVersionDocuments, renderedTemplates, templateSourceProblems, type VersionDocuments } from './documentTemplates.js';
import { documentView } from './documents.js';
import { compileDraft, draftSample, draftTemplates, findDraftRecord } from './draftUnderDesign.js';
import { invalidData } from './httpError.js';
import { parseBody } from './parseBody.js';
import { sha256, type PbApp } from './pocketbase.js';
import type { RouteAnswer } from './routeAnswer.js';
import { chainPlaces, simulatedChain } from './simulatedAssignees.js';
import { simulatedCaseNo, simulatedDocumentNo } from './simulatedDocuments.js';

/** Longest template source the preview takes. */
export const maxTemplateSource = 100_000;

const templateName = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** Compiled single templates by the hash of key, name, source and shared partials; the oldest forgotten past {@link maxCached}. */
const compiled = new Map<string, VersionDocuments>();
const maxCached = 64;


function compiledTemplate(key: string, name: string, source: string, shared: Record<string, string>): VersionDocuments {
  const hash = sha256(JSON.stringify([key, name, source, shared]));
  let documents = compiled.get(hash);
  if (!documents) {
    documents = compileVersionDocuments(key, { documents: { [name]: source }, shared });
    if (compiled.size >= maxCached) compiled.delete(compiled.keys().next().value!);
    compiled.set(hash, documents);
  }
  return documents;
}

/** The kind and issuer the definition renders `<key>/<name>` with (the first `renderDocument` naming it); a decision by the county otherwise. */
function renderedAs(definition: WorkflowDefinition, template: string, wf: CompiledWorkflow): { kind: string; issuer?: AssigneeLevel } {
  for (const found of renderedTemplates(definition)) {
    if (found.template !== template || !found.path.endsWith('/args/template')) continue;
    let node: unknown = definition;
    for (const part of found.path.split('/').slice(1, -1)) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    const args = node as { kind?: unknown; issuer?: unknown } | undefined;
    const issuer = args?.issuer !== undefined ? resolveLevel(args.issuer as AssigneeLevel, wf.parameters) : undefined;
    return { kind: typeof args?.kind === 'string' ? args.kind : 'decision', ...(issuer ? { issuer } : {}) };
  }
  return { kind: 'decision' };
}

/** Renders the template the request names on the draft `key` version `version`. */
export function previewTemplate(tx: PbApp, key: string, version: string, body: unknown): RouteAnswer {
  const request = parseBody<PreviewTemplateRequest>(body, { template: { type: 'string', required: true, maxLength: 64 }, source: { type: 'string', maxLength: maxTemplateSource }, sample: { type: 'object' } });
  if (!templateName.test(request.template)) throw invalidData('模板名无效。', [{ path: '/template', message: '模板名须以字母开头，只含字母、数字、“-”和“_”（如 accepted）。' }]);
  const record = findDraftRecord(tx, key, version);
  const templates = draftTemplates(record);
  const source = request.source ?? (Object.prototype.hasOwnProperty.call(templates.documents, request.template) ? templates.documents[request.template] : undefined);
  if (source === undefined) throw invalidData(`草稿中没有模板“${request.template}”。`, [{ path: '/template', message: `草稿中没有模板“${request.template}”；新模板请连同 source 一起发送。` }]);
  const path = `/templates/documents/${escape(request.template)}`;
  const problems = templateSourceProblems(path, source, Object.keys(templates.shared));
  if (problems.length > 0) throw invalidData(`模板“${request.template}”未通过检查（${problems.length} 个问题）。`, problems);

  const { definition, compiled: wf, computeData } = compileDraft(record);
  const at = now(tx);
  const calendar = createWorkingCalendar(calendarOverrides(tx));
  const data = computeData((request.sample ?? draftSample(record)) as Record<string, JsonValue>);
  const limit = baseLimit(definition.limit, wf.parameters) ?? { unit: 'workingDays' as const, count: 0 };
  const clock = startClock(newClock(limit), at, calendar);
  const template = `${key}/${request.template}`;
  const places = chainPlaces(simulatedChain(tx));
  const view = documentView(wf, { template, ...renderedAs(definition, template, wf), caseNo: simulatedCaseNo, data, now: at, created: at, clock, countyName: places.countyName, townshipName: places.townshipName, documentNo: simulatedDocumentNo });
  let html: string;
  try {
    html = compiledTemplate(key, request.template, source, templates.shared).render(template, view);
  } catch (e) {
    throw invalidData(`模板“${request.template}”无法生成。`, [{ path, message: `模板无法生成：${(e as Error).message.split('\n')[0]}` }]);
  }
  const answer: PreviewTemplateAnswer = { html };
  return { status: 200, body: answer };
}
