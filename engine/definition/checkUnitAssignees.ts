/**
 * Static checks of assignees beside the administrative chain: every department or pool kind is a
 * kind the engine knows and the org tree has, a department is not a pool and a pool is one, every
 * form path a step reads a unit or an affiliation from is a field of the form, and no pool is
 * smaller than the draw asked of it.
 */
import { unitKindName, unitKinds } from '../org/unitKinds.js';
import type { Assignee, PoolDrawSpec, WorkflowDefinition } from './types.js';
import type { DefinitionProblem } from './problems.js';

/** What the org tree holds beside the chain, as far as the checker is told. */
export interface OrgKindsSummary {
  /** The unit kinds that exist in the org tree (default: every kind the engine knows). */
  kinds?: string[];
  /** For each pool kind, the size of its smallest pool across the counties. */
  poolSizes?: Record<string, number>;
}

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Problems of the assignees of `def` beside the chain; `formFields` are the form's JSON pointers, when known. */
export function unitAssigneeProblems(def: WorkflowDefinition, org: OrgKindsSummary, formFields?: readonly string[]): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const present = org.kinds ? new Set(org.kinds) : undefined;
  const fields = formFields ? new Set(formFields) : undefined;
  const kindProblem = (kind: string, path: string, wantPool: boolean): boolean => {
    const known = unitKinds.get(kind);
    if (!known) {
      problems.push({ path, message: `未知的单位类型“${kind}”，可用的有：${[...unitKinds.keys()].join('、')}。` });
      return true;
    }
    if (present && !present.has(kind)) {
      problems.push({ path, message: `组织架构中没有${known.name}（${kind}），无法确定办理人。` });
      return true;
    }
    if (known.pool !== wantPool) {
      problems.push({ path, message: wantPool ? `${known.name}不是可抽取成员的库，请用 department 或 unitFrom。` : `${known.name}是抽取成员的库，请用 pool 指定抽取人数。` });
      return true;
    }
    return false;
  };
  const fieldProblem = (pointer: string, path: string): void => {
    if (fields && !fields.has(pointer)) problems.push({ path, message: `表单中没有字段“${pointer}”。` });
  };
  for (const [name, step] of Object.entries(def.steps)) {
    if (step.type !== 'task') continue;
    const a: Assignee = step.assignee;
    const ap = `/steps/${escape(name)}/assignee`;
    if (a.department !== undefined) kindProblem(a.department, `${ap}/department`, false);
    if (a.unitFrom !== undefined) {
      kindProblem(a.unitFrom.kind, `${ap}/unitFrom/kind`, false);
      fieldProblem(a.unitFrom.path, `${ap}/unitFrom/path`);
    }
    // A pool draw, for the step's assignee or its panel's members.
    const pools: [PoolDrawSpec, string][] = [];
    if (a.pool !== undefined) pools.push([a.pool, `${ap}/pool`]);
    if (step.panel?.members.pool !== undefined) pools.push([step.panel.members.pool, `/steps/${escape(name)}/panel/members/pool`]);
    for (const [pool, pp] of pools) {
      const { kind, draw } = pool;
      if (!kindProblem(kind, `${pp}/kind`, true)) {
        const size = org.poolSizes && Object.prototype.hasOwnProperty.call(org.poolSizes, kind) ? org.poolSizes[kind] : undefined;
        if (size !== undefined && size < draw) problems.push({ path: `${pp}/draw`, message: `${unitKindName(kind)}最少只有 ${size} 名成员，不足抽取的 ${draw} 人。` });
      }
      (pool.recuseAffiliationsFrom ?? []).forEach((p, i) => fieldProblem(p, `${pp}/recuseAffiliationsFrom/${i}`));
    }
  }
  return problems;
}
