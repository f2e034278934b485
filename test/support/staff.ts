/**
 * More staff than the demo county has: officers created through the superuser API beside a demo
 * colleague, and entries of the 近亲属 register (staff_relatives).
 */
import { createHash, randomUUID } from 'node:crypto';
import type PocketBase from 'pocketbase';
import { demoPassword } from '../../server/demo/demoCounty.js';
import type { TestServer } from './pocketbase.js';

/** A signed-in staff member and their user id. */
export interface StaffMember {
  id: string;
  pb: PocketBase;
}

/**
 * Creates `count` officers in the same org unit as the demo user `colleague` (e.g. `township-a`),
 * with `duties` (default `dibao_officer`), each with a client signed in by impersonation (password
 * logins are rate-limited per address).
 */
export async function addOfficers(server: TestServer, colleague: string, count: number, options: { duties?: string[]; role?: 'officer' | 'admin' } = {}): Promise<StaffMember[]> {
  const su = await server.superuser();
  const peer = await su.collection('users').getFirstListItem(`email = "${colleague}@demo.tongban"`);
  const staff: StaffMember[] = [];
  for (let i = 0; i < count; i++) {
    const email = `staff-${randomUUID().slice(0, 8)}@test.tongban`;
    const user = await su.collection('users').create({
      email,
      emailVisibility: false,
      verified: true,
      password: demoPassword,
      passwordConfirm: demoPassword,
      name: `工作人员 ${email.slice(6, 10)}`,
      role: options.role ?? 'officer',
      org_unit: peer.org_unit,
      duties: options.duties ?? ['dibao_officer'],
    });
    const pb = await su.collection('users').impersonate(user.id, 3600);
    pb.autoCancellation(false);
    staff.push({ id: user.id, pb });
  }
  return staff;
}

/** One officer beside the demo user `colleague`; see {@link addOfficers}. */
export async function addOfficer(server: TestServer, colleague: string, options: { duties?: string[]; role?: 'officer' | 'admin' } = {}): Promise<StaffMember> {
  return (await addOfficers(server, colleague, 1, options))[0]!;
}

/** The user id of a demo user, e.g. `township-a`. */
export async function demoUserId(server: TestServer, user: string): Promise<string> {
  const su = await server.superuser();
  return (await su.collection('users').getFirstListItem(`email = "${user}@demo.tongban"`)).id;
}

/** Declares in the 近亲属 register that `staffId` is a close relative of the holder of `idNumber`. */
export async function registerRelative(server: TestServer, staffId: string, idNumber: string, relativeName = '亲属'): Promise<void> {
  const su = await server.superuser();
  const hash = createHash('sha256').update(idNumber.toUpperCase()).digest('hex');
  await su.collection('staff_relatives').create({ staff: staffId, relative_name: relativeName, relative_id_hash: hash });
}
