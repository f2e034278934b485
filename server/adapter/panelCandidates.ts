/**
 * The officers a panel may seat, as the engine asks for them when a panel step is entered (see
 * engine/runtime/panelSeating.ts): the enabled officers of a unit holding a duty, by user id. The
 * answers are recorded in the event, so that replay seats the same members whoever joins or leaves
 * the unit later.
 */
import type { PanelCandidateQuery } from '../../engine/index.js';
import { readJson, type PbApp } from './pocketbase.js';

/** One answer given to the engine: the query and the user ids. */
export interface RecordedCandidates {
  unit: string;
  role?: string;
  members: string[];
}

/** A lister of panel candidates that remembers what it answered. */
export interface CandidateLister {
  list: (query: PanelCandidateQuery) => string[];
  recorded: RecordedCandidates[];
}

/** Lists the candidates from the users collection now. */
export function liveCandidates(tx: PbApp): CandidateLister {
  const recorded: RecordedCandidates[] = [];
  const list = ({ unit, role }: PanelCandidateQuery): string[] => {
    const users = tx.findRecordsByFilter('users', 'org_unit = {:unit} && role = "officer" && disabled != true', 'id', 1000, 0, { unit });
    const members = users
      .filter((u) => {
        if (!role) return true;
        const duties = readJson<unknown>(u, 'duties');
        return Array.isArray(duties) && duties.map(String).includes(role);
      })
      .map((u) => u.id);
    recorded.push({ unit, ...(role ? { role } : {}), members });
    return members;
  };
  return { list, recorded };
}

/** Answers with what an event recorded; a query it did not record throws (replay then fails with the reason). */
export function recordedCandidates(recorded: readonly RecordedCandidates[] | undefined): (query: PanelCandidateQuery) => string[] {
  return ({ unit, role }) => {
    const found = (recorded ?? []).find((r) => r.unit === unit && (r.role ?? '') === (role ?? ''));
    if (!found) throw new Error('事件未记录评议候选人，无法重放评议成员的组成。');
    return [...found.members];
  };
}
