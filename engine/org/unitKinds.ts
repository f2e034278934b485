/**
 * The kinds of unit beside the administrative chain that a definition may route to. A unit of
 * each kind is attached to a division (usually a county); officers of a unit see only the cases
 * their unit is or was assigned. A new kind is added here and in the `org_units.kind` field.
 */

/** What the engine knows of a unit kind. */
export interface UnitKind {
  /** Chinese name, for messages and the admin UI. */
  name: string;
  /** A pool (专家库): its members are drawn one by one rather than the unit acting as a whole. */
  pool: boolean;
}

/** Every unit kind, by its key. */
export const unitKinds: ReadonlyMap<string, UnitKind> = new Map([
  ['disabled_persons_federation', { name: '残疾人联合会', pool: false }],
  ['registration_authority', { name: '登记管理机关（社会组织管理）', pool: false }],
  ['supervisory_unit', { name: '业务主管单位', pool: false }],
  ['assessor', { name: '第三方评估机构', pool: false }],
  ['expert_pool', { name: '专家库', pool: true }],
]);

/** The Chinese name of a kind, or the key itself when unknown. */
export const unitKindName = (kind: string): string => unitKinds.get(kind)?.name ?? kind;
