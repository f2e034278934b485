import { describe, expect, it } from 'vitest';
import { compileWorkflow, createWorkingCalendar, expectedSteps, type ExpectedPathScope } from '../../../engine/index.js';
import { processModules, shippedDefinition } from '../../support/caseDriver.js';

const dibao = compileWorkflow(shippedDefinition('dibao'), { process: processModules.get('dibao') });
const calendar = createWorkingCalendar();
/** The China calendar day a stored due date (00:00 China time of the day after) ends on, as `M/D`. */
const lastDay = (iso?: string) => {
  const d = new Date(new Date(iso!).getTime() - 1 + 8 * 3_600_000);
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}`;
};
const scope = (over: Partial<ExpectedPathScope>): ExpectedPathScope => ({ step: 'accept', status: 'active', flags: [], data: {}, now: new Date('2026-03-02T09:00:00+08:00'), calendar, ...over });

describe('the steps ahead of a case on its expected path, with expected dates in working days', () => {
  it('dates each step after 受理 from the day 受理 is due, each taking its deadline on the working calendar, weekends and 清明 skipped', () => {
    // 受理 due at the end of Thursday 5 March (3 working days from Monday 2 March).
    const ahead = expectedSteps(dibao, scope({ currentDueAt: '2026-03-05T16:00:00.000Z' }));
    expect(ahead.map((s) => [s.name, s.kind, lastDay(s.dueAt), s.pausesClock ?? false])).toEqual([
      // 7 working days from Friday 6 March: 6, 9–13, 16.
      ['入户调查', 'task', '3/16', false],
      ['信息核对', 'task', '3/19', false],
      ['乡镇初审', 'task', '3/26', false],
      // 公示: 7 calendar days from 27 March, ending Thursday 2 April; the clock pauses.
      ['村（居）公示', 'timer', '4/2', true],
      // 10 working days from Friday 3 April, 清明 (4–6 April) off: 3, 7–10, 13–17.
      ['审核确认', 'task', '4/17', false],
    ]);
  });

  it('follows the 公示 route the case’s flags choose: a 近亲属备案 case goes to the county’s home visit first', () => {
    const ahead = expectedSteps(dibao, scope({ step: 'publicNotice', flags: ['relativeFiling'], currentDueAt: '2026-04-02T16:00:00.000Z' }));
    expect(ahead.map((s) => s.step)).toEqual(['countyVisit', 'countyReview']);
  });

  it('starts from now when the current step has no due date, and shows nothing ahead of an ended case or past the last step', () => {
    expect(expectedSteps(dibao, scope({ step: 'apply' })).map((s) => [s.step, lastDay(s.dueAt)])[0]).toEqual(['accept', '3/5']);
    expect(expectedSteps(dibao, scope({ step: 'confirmed', status: 'done' }))).toEqual([]);
    expect(expectedSteps(dibao, scope({ step: 'countyReview' }))).toEqual([]);
  });
});
