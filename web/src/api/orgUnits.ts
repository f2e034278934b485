/**
 * The units beside the administrative chain a form may name, for the signed-in user: those of the
 * asked kind in the county of their own unit (the 业务主管单位 an organisation in 海安 may choose).
 */
import type { OrgUnitSource } from '../../../forms/elements/index.js';
import { pb } from './client.js';

/** Units of a kind in the signed-in user's county, by code. */
export const countyOrgUnitSource: OrgUnitSource = {
  async unitsOfKind(kind) {
    const own = pb.authStore.record?.org_unit as string | undefined;
    if (!own) return [];
    const unit = await pb.collection('org_units').getOne(own);
    const county = (unit.county as string) || unit.id;
    const list = await pb.collection('org_units').getFullList({ filter: pb.filter('level = "department" && kind = {:kind} && county = {:county}', { kind, county }), sort: 'code' });
    return list.map((u) => ({ id: u.id, name: u.name as string }));
  },
};
