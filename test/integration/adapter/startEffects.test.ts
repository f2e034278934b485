import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

/**
 * A definition whose first step sets data on entry (the built-in `setData` effect writes
 * `/decision/*`), published through the superuser API as an administrator would. (A definition may
 * name only built-in effects and those of its own process module, which this probe has none of.)
 */
const definition = {
  key: 'start-effects-probe',
  version: 1,
  name: '起始效果探针',
  parameters: { standard: 800 },
  initial: 'apply',
  steps: {
    apply: {
      type: 'task',
      name: '提出申请',
      assignee: { level: 'applicant' },
      form: { sections: { decision: 'read' } },
      onEnter: [
        { effect: 'setData', args: { path: '/decision/monthlyAmount', value: 800 } },
        { effect: 'setData', args: { path: '/decision/standard', value: 800 } },
        { effect: 'notify', args: { to: 'applicant', message: '申请已建立。' } },
      ],
      actions: { submit: { kind: 'submit', label: '提交', target: 'done' } },
    },
    done: { type: 'final', name: '完成', outcome: 'approved' },
  },
};

describe('opening a case', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startPocketBase();
    const su = await server.superuser();
    await su.collection('workflow_definitions').create({ key: definition.key, version: 1, status: 'published', name: definition.name, definition });
  });
  afterAll(() => server?.dispose());

  it('keeps the data its first step’s entry effects set, and carries out their other effects', async () => {
    const applicant = await server.login('applicant-a1');
    const opened = await applicant.send<{ case: { id: string; step: string } }>('/api/tongban/cases', { method: 'POST', body: { workflow: definition.key, commandId: randomUUID() } });
    expect(opened.case.step).toBe('apply');
    const expected = { monthlyAmount: 800, standard: 800 };

    const su = await server.superuser();
    expect((await su.collection('applications').getOne(opened.case.id)).data).toEqual({ decision: expected });
    const seen = await applicant.send<{ data: Record<string, unknown> }>(`/api/tongban/cases/${opened.case.id}`, {});
    expect(seen.data).toEqual({ decision: expected });
    expect(await su.collection('outbox').getFullList({ filter: `application = "${opened.case.id}"` })).toMatchObject([{ message: '申请已建立。' }]);
  });
});
