/**
 * The part of the org tree beside the administrative chain that a case's county holds: its
 * departments and outside bodies (县残联, 登记管理机关, 业务主管单位, assessors) and its pools
 * (专家库) with their members. The host reads it when a case enters a step routed to such a unit
 * and records it with the event, so replay resolves and draws exactly as the decision did.
 */

/** A unit beside the chain, attached to the case's county. */
export interface DirectoryUnit {
  id: string;
  /** Its kind, e.g. `disabled_persons_federation`, `supervisory_unit`, `expert_pool`. */
  kind: string;
  name: string;
}

/** A member of a pool. */
export interface PoolMember {
  /** User id. */
  id: string;
  /** The organisation the member works for or belongs to (e.g. its 统一社会信用代码), for 回避. */
  affiliation?: string;
}

/** What the engine reads to route a task beside the chain. */
export interface OrgDirectory {
  /** The units beside the chain in the case's county. */
  units: DirectoryUnit[];
  /** The members of each pool unit, by unit id (disabled accounts left out). */
  members: Record<string, PoolMember[]>;
  /** The seed of pool draws (the host passes the command id); with the members it fixes the draw. */
  seed: string;
}

/** One draw from a pool, kept on the case. */
export interface PoolDrawRecord {
  /** The task key base the draw was made for (`step#visit`). */
  task: string;
  /** The pool unit. */
  pool: string;
  /** The drawn members, in drawing order. */
  drawn: string[];
  /** Members left out by 回避 (close relatives on the register, affiliated with the applicant). */
  recused: string[];
}
