import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { openCase } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

describe('case numbers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startPocketBase({ demoCases: true });
  });
  afterAll(() => server?.dispose());

  it('continue each process’s yearly sequence after its highest number, whatever other processes hold', async () => {
    const su = await server.superuser();
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    const prefix = `DIBAO-${year}-`;
    const before = (await su.collection('applications').getFullList({ filter: `case_no ~ "${prefix}%"`, fields: 'case_no' })).map((r) => Number(String(r.case_no).slice(prefix.length)));
    const highest = before.length ? Math.max(...before) : 0;
    const a1 = await server.login('applicant-a1');
    // A number of another process that sorts after every 低保 number (LINSHI- > DIBAO-).
    const other = await openCase(a1, {}, { workflow: 'linshi' });
    const first = await openCase(a1, demoHousehold);
    const second = await openCase(a1, demoHousehold);
    const numbers = await Promise.all([first, second].map(async (c) => (await su.collection('applications').getOne(c.case.id)).case_no as string));
    expect(numbers).toEqual([`${prefix}${String(highest + 1).padStart(6, '0')}`, `${prefix}${String(highest + 2).padStart(6, '0')}`]);
    expect(((await su.collection('applications').getOne(other.case.id)).case_no as string) > numbers[1]!).toBe(true);
  });
});
