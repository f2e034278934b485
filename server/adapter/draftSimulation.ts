/**
 * `POST /api/tongban/admin/workflows/{key}/drafts/{version}/simulate` (docs/api.md): walks a draft
 * along a path of moves — the words of `tongban simulate` — with the real engine on a simulated
 * clock (engine/simulate), as the command line does: the same report lines, with the server's
 * working calendar (its overrides included), the form's computed fields filled in as the server
 * fills them in, the documents rendered from the draft's templates on the sample, and who would
 * get each task in the org tree (simulatedAssignees.ts). A refused move ends the walk with its
 * reason. Nothing is written.
 */
import { createWorkingCalendar, parsePath, simulateCase, simulationReport, type JsonValue } from '../../engine/index.js';
import type { SimulateDraftAnswer, SimulateDraftRequest, SimulatedStateView } from '../../engine/api/designerRoutes.js';
import { calendarOverrides } from './calendarOverrides.js';
import { now } from './clock.js';
import { compileCheckedDraft, draftDocuments, draftSample, draftTemplates, findDraftRecord } from './draftUnderDesign.js';
import { invalidData } from './httpError.js';
import { parseBody } from './parseBody.js';
import type { PbApp } from './pocketbase.js';
import type { RouteAnswer } from './routeAnswer.js';
import { chainPlaces, simulatedAssignees, simulatedChain } from './simulatedAssignees.js';
import { renderSimulatedDocument, unrenderableDocumentLine } from './simulatedDocuments.js';

/** Most moves one walk may take. */
export const maxSimulationMoves = 200;

/** The start of the walk: a date at 09:00 China time (as `tongban simulate --start`), a date-time, or today at 09:00 by the server's clock. */
function startOf(value: string | undefined, today: Date): Date | undefined {
  if (value === undefined) return new Date(`${new Date(today.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)}T09:00:00+08:00`);
  const at = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T09:00:00+08:00`) : /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : new Date(NaN);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/** Simulates the draft `key` version `version` along the request's moves. */
export function simulateDraft(tx: PbApp, key: string, version: string, body: unknown): RouteAnswer {
  const request = parseBody<SimulateDraftRequest>(body, { moves: { type: 'strings', required: true, maxItems: maxSimulationMoves, maxLength: 200 }, start: { type: 'string', maxLength: 40 }, sample: { type: 'object' } });
  const path = parsePath(request.moves);
  if ('problem' in path) throw invalidData(`第 ${path.index} 步不能识别。`, [{ path: `/moves/${path.index - 1}`, message: path.problem }]);
  const start = startOf(request.start, now(tx));
  if (!start) throw invalidData('开始日期无效。', [{ path: '/start', message: `“${request.start}”不是日期（如 2026-03-02）。` }]);

  const record = findDraftRecord(tx, key, version);
  const { definition, compiled, computeData } = compileCheckedDraft(record);
  const sample = (request.sample ?? draftSample(record)) as Record<string, JsonValue>;
  const calendar = createWorkingCalendar(calendarOverrides(tx));
  const simulation = simulateCase(compiled, path.moves, { start, calendar, data: sample, computeData });
  const report = simulationReport(compiled, simulation, calendar);

  const chain = simulatedChain(tx);
  const places = chainPlaces(chain);
  const documents = draftDocuments(definition.key, draftTemplates(record));
  const states: SimulatedStateView[] = simulation.entries.map((entry) => {
    const rendered: SimulatedStateView['documents'] = [];
    for (const d of entry.documents) {
      try {
        rendered.push({ template: d.template, title: d.title, html: renderSimulatedDocument(documents, compiled, d, entry.at, start, places) });
      } catch (e) {
        report.push(unrenderableDocumentLine(d, e));
      }
    }
    return { entry, assignees: simulatedAssignees(tx, chain, entry.snapshot), documents: rendered };
  });
  const answer: SimulateDraftAnswer = { states, report, ...(simulation.failure ? { refused: { move: simulation.failure.index, message: simulation.failure.message } } : {}) };
  return { status: 200, body: answer };
}
