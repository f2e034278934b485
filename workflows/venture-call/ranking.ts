/**
 * Ranking the projects of a 公益创投 call within its budget: the projects the experts recommended
 * (their application ended approved), less any the committee struck out, by average score (highest
 * first; ties by the smaller request, then the title), each funded with what it asked for while the
 * budget holds it. A project that no longer fits is not funded; a lower, smaller one may still fit.
 */
import type { JsonValue } from '../../engine/index.js';

/** A project as its application reported it back (`collect`). */
export interface ReportedProject {
  outcome?: string;
  title?: string;
  organisationName?: string;
  creditCode?: string;
  requested?: number;
  score?: number;
}

/** A ranked project, as its 立项 case receives it (`/grant`). */
export interface RankedProject {
  callTitle: string;
  organisationName: string;
  creditCode: string;
  title: string;
  rank: number;
  score: number;
  requested: number;
  funded: boolean;
  amount: number;
  reason?: string;
  midtermDue: string;
  finalDue: string;
}

/** The ranking of `projects` within `budget`, and the total funded. */
export function rankWithinBudget(projects: ReportedProject[], budget: number, call: { title: string; midtermDue: string; finalDue: string }, excluded: readonly string[] = []): { results: RankedProject[]; fundedTotal: number } {
  const eligible = projects.filter((p) => p.outcome === 'approved' && typeof p.requested === 'number' && !excluded.includes(p.title ?? ''));
  const sorted = [...eligible].sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || (a.requested ?? 0) - (b.requested ?? 0) || (a.title ?? '').localeCompare(b.title ?? '', 'zh-CN'));
  let left = budget;
  const results = sorted.map((p, i): RankedProject => {
    const requested = p.requested ?? 0;
    const funded = requested <= left;
    if (funded) left -= requested;
    return {
      callTitle: call.title,
      organisationName: p.organisationName ?? '',
      creditCode: p.creditCode ?? '',
      title: p.title ?? '',
      rank: i + 1,
      score: Math.round((p.score ?? 0) * 10) / 10,
      requested,
      funded,
      amount: funded ? requested : 0,
      ...(funded ? {} : { reason: `按专家评审得分排序（第 ${i + 1} 位），本项目申请的资助金额超出本期创投资金预算的剩余额度。` }),
      midtermDue: call.midtermDue,
      finalDue: call.finalDue,
    };
  });
  return { results, fundedTotal: budget - left };
}

/** `value` as a list of reported projects (what the data holds at `/ranking/projects`). */
export function reportedProjects(value: JsonValue | undefined): ReportedProject[] {
  return Array.isArray(value) ? value.filter((v): v is Record<string, JsonValue> => v !== null && typeof v === 'object' && !Array.isArray(v)).map((v) => v as ReportedProject) : [];
}
