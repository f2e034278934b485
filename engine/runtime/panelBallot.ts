/**
 * What a member's ballot must be: on a vote panel `for`, `against`, `abstain` or `recuse`; on a
 * score panel a `score` from 0 to the panel's highest score, `abstain` or `recuse`. A 回避
 * declaration needs a written reason.
 */
import type { PanelDefinition } from '../definition/types.js';
import type { Ballot } from '../model/index.js';

/** Why `ballot` is not a valid ballot on `panel` (with the JSON path), or undefined when it is. */
export function ballotProblem(panel: PanelDefinition, ballot: Ballot | undefined, comment: string | undefined): { path: string; message: string } | undefined {
  if (!ballot || typeof ballot !== 'object') return { path: '/ballot', message: panel.ballot === 'score' ? '请填写评分 (ballot.score)，或选择弃权、回避。' : '请选择同意、反对、弃权或回避 (ballot.choice)。' };
  const keys = Object.keys(ballot);
  if (keys.some((k) => k !== 'choice' && k !== 'score')) return { path: '/ballot', message: '选票只能包含 choice 或 score。' };
  const { choice, score } = ballot;
  if (choice !== undefined && score !== undefined) return { path: '/ballot', message: '选票不能同时填写选择和评分。' };
  if (choice === 'recuse') return comment !== undefined && comment.trim().length >= 2 ? undefined : { path: '/comment', message: '申请回避须写明理由。' };
  if (choice === 'abstain') return undefined;
  if (panel.ballot === 'vote') return choice === 'for' || choice === 'against' ? undefined : { path: '/ballot/choice', message: '请选择同意 (for)、反对 (against)、弃权 (abstain) 或回避 (recuse)。' };
  const max = panel.maxScore ?? 100;
  if (choice !== undefined) return { path: '/ballot/choice', message: '评分评议只能弃权 (abstain) 或回避 (recuse)，或填写评分。' };
  if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > max) return { path: '/ballot/score', message: `评分须为 0 至 ${max} 之间的数。` };
  return undefined;
}
