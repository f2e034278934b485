/**
 * Seating a panel when its step is entered: the candidates (officers holding the duty at the unit
 * of the level named, as the host lists them), less the staff the 近亲属 register names for the
 * case, all of them or `draw` of them drawn reproducibly from the case id; one task per member,
 * which only that member may act on.
 */
import type { JsonValue, Parameterised, TaskStep } from '../definition/types.js';
import { ownEntry } from '../definition/ownEntry.js';
import { assigneeUnitOf, resolveLevel } from '../org/resolveAssignee.js';
import type { CaseSnapshot, OpenTask, OrgDirectory, PanelState, PoolDrawRecord } from '../model/index.js';
import { resolveUnitAssignee } from '../org/resolveUnitAssignee.js';

/** Which officers the host is asked for: those of `unit` holding `role` (every officer of the unit without one). */
export interface PanelCandidateQuery {
  unit: string;
  role?: string;
}

/** What seating a panel needs from the host. */
export interface PanelSeating {
  /** The county's org directory, for members drawn from a pool (read and recorded by the host). */
  org?: OrgDirectory;
  /** The case's id: the seed of a draw, so a replay draws the same members. */
  caseId?: string;
  /** The officers a query names, user ids in a stable order (the host records its answers for replay). */
  panelCandidates?: (query: PanelCandidateQuery) => string[];
  /** Staff the 近亲属 register names for the case: never seated. */
  recusedActors?: readonly string[];
}

/** A parameterised whole number, or NaN when its parameter is missing or not a number. */
export function panelNumber(value: Parameterised<number>, parameters: Record<string, JsonValue>): number {
  const raw = typeof value === 'number' ? value : ownEntry(parameters, value.param);
  return typeof raw === 'number' ? raw : NaN;
}

/** 32-bit FNV-1a of a string: a small, stable hash for ordering a draw (not a secret). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** `count` of `candidates`, drawn by the hash of seed and candidate: the same seed always draws the same members. */
export function drawMembers(candidates: readonly string[], count: number, seed: string): string[] {
  const ranked = [...new Set(candidates)].map((id) => ({ id, rank: fnv1a(`${seed}:${id}`) }));
  ranked.sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return ranked.slice(0, Math.max(0, count)).map((r) => r.id);
}

/** Seats the panel of `step` (visit `visit`): its state and one open task per member. */
export function seatPanel(
  step: TaskStep,
  stepName: string,
  visit: number,
  snapshot: Pick<CaseSnapshot, 'org' | 'applicant'>,
  parameters: Record<string, JsonValue>,
  seating: PanelSeating,
  dueAt: string | undefined,
  data: Record<string, JsonValue> = {},
): { state: PanelState; tasks: OpenTask[]; draw?: PoolDrawRecord } {
  const panel = step.panel!;
  if (panel.members.pool) {
    // Drawn from the county's pool, with the pool's 回避 (the register, the applicant, affiliations), as a pool assignee draws.
    const taskBase = `${stepName}#${visit}:panel`;
    const drawn = resolveUnitAssignee({ pool: panel.members.pool }, { directory: seating.org, data, applicant: snapshot.applicant, recusedActors: step.recusal === false ? [] : seating.recusedActors ?? [], taskBase });
    const members = drawn.users ?? [];
    const tasks: OpenTask[] = members.map((id) => ({ key: `${stepName}#${visit}:member:${id}`, step: stepName, level: 'pool', assigneeUnit: drawn.unit, assigneeUser: id, mode: 'panel', ...(dueAt ? { dueAt } : {}) }));
    return { state: { visit, members, unit: drawn.unit, ballots: {} }, tasks, ...(drawn.draw ? { draw: drawn.draw } : {}) };
  }
  const level = panel.members.level === undefined ? undefined : resolveLevel(panel.members.level, parameters);
  const unit = level && level !== 'applicant' ? assigneeUnitOf(snapshot, level) ?? '' : '';
  if (!seating.panelCandidates) throw new Error(`步骤“${step.name}”的评议小组无法组成：主机未提供候选人。`);
  const recused = new Set(step.recusal === false ? [] : seating.recusedActors ?? []);
  const candidates = unit ? seating.panelCandidates({ unit, ...(panel.members.role ? { role: panel.members.role } : {}) }).filter((id) => !recused.has(id)) : [];
  const draw = panel.members.draw === undefined ? undefined : panelNumber(panel.members.draw, parameters);
  const seed = `${seating.caseId ?? snapshot.applicant}:${stepName}:${visit}`;
  const members = draw === undefined || !Number.isFinite(draw) ? [...new Set(candidates)] : drawMembers(candidates, draw, seed);
  const tasks: OpenTask[] = members.map((id) => ({
    key: `${stepName}#${visit}:member:${id}`,
    step: stepName,
    level: level ?? 'county',
    assigneeUnit: unit,
    assigneeUser: id,
    ...(panel.members.role ? { role: panel.members.role } : {}),
    mode: 'panel',
    ...(dueAt ? { dueAt } : {}),
  }));
  return { state: { visit, members, unit, ballots: {} }, tasks };
}
