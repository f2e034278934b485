import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../../engine/index.js';
import { actors, CaseDriver } from '../../support/caseDriver.js';

const elderly: WorkflowDefinition = {
  key: 'elderly', version: 1, name: '高龄津贴', initial: 'township',
  parameters: { spotCheckShare: 0.3 },
  steps: {
    township: {
      type: 'task', name: '乡镇审核', assignee: { level: 'township' },
      actions: {
        approve: {
          kind: 'approve', label: '同意',
          guard: { age: { of: '/applicant/idNumber' }, gte: 60 },
          target: [{ when: { sample: { share: { param: 'spotCheckShare' }, salt: 'spotCheck' } }, target: 'county' }, { target: 'done' }],
        },
      },
    },
    county: { type: 'task', name: '县级抽查', assignee: { level: 'county' }, actions: { approve: { kind: 'approve', label: '同意', target: 'done' } } },
    done: { type: 'final', name: '批准', outcome: 'approved' },
  },
};
const data = { applicant: { idNumber: '410102196603151234' } };

describe('decide evaluates date and sampling conditions with its now and the case id', () => {
  it('refuses the approval the day before the 60th birthday and accepts it on the birthday', () => {
    const early = new CaseDriver(elderly, new Date('2026-03-14T09:00:00+08:00'));
    const refused = early.send(actors.township, 'approve', { data });
    expect(refused.ok ? 'accepted' : refused.rejection.code).toBe('not_allowed');
    const onTime = new CaseDriver(elderly, new Date('2026-03-15T09:00:00+08:00'));
    expect(onTime.send(actors.township, 'approve', { data }).ok).toBe(true);
  });

  it('offers the guarded approval only from the 60th birthday, by the time it is asked', () => {
    const c = new CaseDriver(elderly, new Date('2026-03-14T09:00:00+08:00'));
    c.data = data;
    expect(c.offers(actors.township)).toEqual([]);
    c.now = new Date('2026-03-15T09:00:00+08:00');
    expect(c.offers(actors.township)).toEqual(['approve']);
  });

  it('sends the same case to the spot check every time, and about 30 % of cases', () => {
    const routeOf = (caseId: string) => {
      const c = new CaseDriver(elderly, new Date('2026-03-15T09:00:00+08:00'));
      c.caseId = caseId;
      c.ok(actors.township, 'approve', { data });
      return c.snapshot.step;
    };
    const ids = Array.from({ length: 200 }, (_, i) => `case-${i}`);
    const first = ids.map(routeOf);
    expect(ids.map(routeOf)).toEqual(first);
    const checked = first.filter((s) => s === 'county').length;
    expect(checked).toBeGreaterThan(35);
    expect(checked).toBeLessThan(85);
  });
});
