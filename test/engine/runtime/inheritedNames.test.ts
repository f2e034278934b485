import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../engine/index.js';
import { actors, CaseDriver, shippedDefinition } from '../../support/caseDriver.js';

/** Every name a plain object inherits, `__proto__` included. */
const inherited = Object.getOwnPropertyNames(Object.prototype);
const withoutDuty: Actor = { ...actors.township, id: 'u-township-clerk', roles: [] };
const chinese = /[\u4e00-\u9fff]/;

/** A 低保 case at each resting step, with who acts there. */
function casesAtEachStep(): { step: string; c: CaseDriver; actor: Actor }[] {
  const out: { step: string; c: CaseDriver; actor: Actor }[] = [];
  const c = () => new CaseDriver(shippedDefinition('dibao'));
  const apply = c();
  out.push({ step: 'apply', c: apply, actor: actors.applicant });
  const accept = c();
  accept.ok(actors.applicant, 'submit');
  out.push({ step: 'accept', c: accept, actor: actors.township });
  const notice = c();
  notice.ok(actors.applicant, 'submit');
  notice.ok(actors.township, 'accept');
  notice.ok(actors.village, 'complete');
  notice.ok(actors.county, 'complete');
  notice.ok(actors.township, 'approve');
  out.push({ step: 'publicNotice', c: notice, actor: actors.township });
  const review = c();
  for (const [actor, action] of [[actors.applicant, 'submit'], [actors.township, 'accept'], [actors.village, 'complete'], [actors.county, 'complete'], [actors.township, 'approve']] as const) review.ok(actor, action);
  review.fireTimer();
  out.push({ step: 'countyReview', c: review, actor: actors.county });
  return out;
}

describe('names every object inherits, sent as commands', () => {
  for (const { step, c, actor } of casesAtEachStep()) {
    it(`are refused as actions at “${step}”, by the officer on duty and by one without the duty, and change nothing`, () => {
      expect(c.snapshot.step).toBe(step);
      const before = JSON.stringify(c.snapshot);
      for (const name of inherited) {
        for (const who of [actor, withoutDuty]) {
          const d = c.send(who, name, { comment: '理由充分的说明' });
          expect(d.ok, `${name} by ${who.id}`).toBe(false);
          if (!d.ok) {
            expect(d.rejection.code).toBe('not_allowed');
            expect(d.rejection.message).toMatch(chinese);
          }
        }
        expect(c.offers(actor)).not.toContain(name);
      }
      expect(JSON.stringify(c.snapshot)).toBe(before);
    });
  }

  it('are refused as the step a return goes back to, naming the allowed steps', () => {
    const { c } = casesAtEachStep().find((x) => x.step === 'countyReview')!;
    for (const name of inherited) {
      const d = c.send(actors.county, 'returnToTownship', { returnTo: name, comment: '请补充调查' });
      expect(d).toMatchObject({ ok: false, rejection: { code: 'invalid_data', path: '/returnTo' } });
      expect(d.ok ? '' : d.rejection.message).toContain('入户调查、乡镇初审');
    }
    expect(c.snapshot.step).toBe('countyReview');
  });

  it('are refused as the key of a timer', () => {
    const { c } = casesAtEachStep().find((x) => x.step === 'publicNotice')!;
    for (const name of inherited) expect(c.send(actors.system, 'timer.elapsed', { timerKey: name }).ok).toBe(false);
    expect(c.snapshot.step).toBe('publicNotice');
  });
});
