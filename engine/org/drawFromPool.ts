/**
 * Drawing members from a pool (专家库) with 回避: members named by the 近亲属 register or
 * affiliated with the applicant are left out, and the rest are ranked by a hash of the seed and
 * their id, so the same members, seed and exclusions always draw the same members (replay is
 * exact) while different cases (seeds) draw differently. Pure; panels reuse it for drawn experts.
 */
import type { PoolMember } from '../model/index.js';

/** What a draw needs. */
export interface PoolDrawInput {
  /** The pool's members. */
  members: readonly PoolMember[];
  /** How many to draw. */
  count: number;
  /** The seed (a case or command id); recorded with the decision that draws. */
  seed: string;
  /** User ids that must not be drawn (the 近亲属 register, the applicant themselves). */
  recusedIds?: readonly string[];
  /** Affiliations that exclude a member (the applicant organisation's 统一社会信用代码 …). */
  recusedAffiliations?: readonly string[];
}

/** The outcome of a draw: the drawn and the recused members, or why the pool cannot supply them. */
export type PoolDrawResult = { ok: true; drawn: string[]; recused: string[] } | { ok: false; message: string; recused: string[] };

/** FNV-1a, 32 bits: a small, stable string hash (no crypto needed; fairness, not secrecy). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Draws `count` members; see the module comment. */
export function drawFromPool(input: PoolDrawInput): PoolDrawResult {
  const ids = new Set(input.recusedIds ?? []);
  const affiliations = new Set((input.recusedAffiliations ?? []).filter((a) => a !== ''));
  const recused: string[] = [];
  const eligible: PoolMember[] = [];
  const seen = new Set<string>();
  for (const m of input.members) {
    if (seen.has(m.id)) continue;
    seen.add(m.id);
    if (ids.has(m.id) || (m.affiliation !== undefined && affiliations.has(m.affiliation))) recused.push(m.id);
    else eligible.push(m);
  }
  recused.sort();
  if (!Number.isInteger(input.count) || input.count < 1) return { ok: false, message: '抽取人数须为正整数。', recused };
  if (eligible.length < input.count) {
    return { ok: false, message: `库中可抽取的成员只有 ${eligible.length} 人（回避 ${recused.length} 人），不足 ${input.count} 人。`, recused };
  }
  const ranked = eligible
    .map((m) => ({ id: m.id, rank: fnv1a(`${input.seed}\u0000${m.id}`) }))
    .sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { ok: true, drawn: ranked.slice(0, input.count).map((m) => m.id), recused };
}
