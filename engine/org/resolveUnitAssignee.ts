/**
 * Routing a task beside the administrative chain: to the one unit of a department kind in the
 * case's county (`department`), to the unit the form data names after checking it is a unit of the
 * required kind in that county (`unitFrom`), or to members drawn from the county's pool of a kind
 * with 回避 (`pool`). Reads only the {@link OrgDirectory} the host injected (and records), so replay
 * resolves and draws the same. A step that cannot be routed throws {@link AssignmentError}.
 */
import type { Assignee, JsonValue, WorkflowDefinition } from '../definition/types.js';
import { readPointer } from '../conditions/jsonPointer.js';
import type { DirectoryUnit, OrgDirectory, PoolDrawRecord, TaskLevel } from '../model/index.js';
import { drawFromPool } from './drawFromPool.js';
import { unitKindName } from './unitKinds.js';

/** A step whose assignee cannot be resolved on this case; `path` points into the case data when the data is at fault. */
export class AssignmentError extends Error {
  constructor(message: string, readonly path?: string) {
    super(message);
    this.name = 'AssignmentError';
  }
}

/** Whether an assignee routes beside the chain (and so needs the org directory). */
export const routesBesideChain = (a: Assignee | undefined): boolean => a !== undefined && (a.department !== undefined || a.unitFrom !== undefined || a.pool !== undefined);

/** Whether any task step (or branch of a parallel step) of `def` routes beside the chain or seats a panel drawn from a pool: the host then reads and records the directory. */
export function usesOrgDirectory(def: WorkflowDefinition): boolean {
  return Object.values(def.steps).some((s) => (s.type === 'task' && (routesBesideChain(s.assignee) || s.panel?.members.pool !== undefined)) || (s.type === 'parallel' && Object.values(s.branches).some((b) => routesBesideChain(b.assignee))));
}

/** Where a task beside the chain goes. */
export interface UnitAssignment {
  level: Extract<TaskLevel, 'department' | 'pool'>;
  unit: string;
  /** Pool tasks: the drawn members, one task each. */
  users?: string[];
  draw?: PoolDrawRecord;
}

/** What resolution reads besides the assignee. */
export interface UnitAssigneeScope {
  directory: OrgDirectory | undefined;
  data: Record<string, JsonValue>;
  applicant: string;
  /** Staff named by the 近亲属 register for the case: never drawn. */
  recusedActors?: readonly string[];
  /** The task key base (`step#visit`), part of the draw's seed. */
  taskBase: string;
}

function onlyUnitOf(directory: OrgDirectory, kind: string): DirectoryUnit {
  const units = directory.units.filter((u) => u.kind === kind);
  if (units.length === 0) throw new AssignmentError(`本县（市、区）没有${unitKindName(kind)}，无法指派此步骤。`);
  if (units.length > 1) throw new AssignmentError(`本县（市、区）有多个${unitKindName(kind)}（${units.map((u) => u.name).join('、')}），请由表单指定 (unitFrom)。`);
  return units[0]!;
}

/** Resolves an assignee with `department`, `unitFrom` or `pool`; see the module comment. */
export function resolveUnitAssignee(assignee: Assignee, scope: UnitAssigneeScope): UnitAssignment {
  const { directory } = scope;
  if (!directory) throw new AssignmentError('缺少组织目录，无法指派此步骤。');
  if (assignee.department !== undefined) return { level: 'department', unit: onlyUnitOf(directory, assignee.department).id };
  if (assignee.unitFrom !== undefined) {
    const { path, kind } = assignee.unitFrom;
    const named = readPointer(scope.data, path);
    const unit = typeof named === 'string' ? directory.units.find((u) => u.id === named && u.kind === kind) : undefined;
    if (!unit) throw new AssignmentError(named === undefined || named === '' ? `请选择${unitKindName(kind)}。` : `所选单位不是本县（市、区）的${unitKindName(kind)}。`, `/data${path}`);
    return { level: 'department', unit: unit.id };
  }
  if (assignee.pool !== undefined) {
    const spec = assignee.pool;
    const pool = onlyUnitOf(directory, spec.kind);
    const affiliations = (spec.recuseAffiliationsFrom ?? []).map((p) => readPointer(scope.data, p)).filter((v): v is string => typeof v === 'string');
    const result = drawFromPool({
      members: Object.prototype.hasOwnProperty.call(directory.members, pool.id) ? directory.members[pool.id]! : [],
      count: spec.draw,
      seed: `${directory.seed}:${scope.taskBase}`,
      recusedIds: [...(scope.recusedActors ?? []), scope.applicant],
      recusedAffiliations: affiliations,
    });
    if (!result.ok) throw new AssignmentError(`${pool.name}：${result.message}`);
    return { level: 'pool', unit: pool.id, users: result.drawn, draw: { task: scope.taskBase, pool: pool.id, drawn: result.drawn, recused: result.recused } };
  }
  throw new AssignmentError('此办理人不在行政层级之外。');
}
