import { beforeEach, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Effect, EffectRef, WorkflowDefinition } from '../../engine/index.js';
import { actors, CaseDriver, shippedDefinition } from '../support/caseDriver.js';

/** The documents a command or timer rendered. */
const documentsOf = (effects: Effect[]) => effects.filter((e): e is Extract<Effect, { type: 'renderDocument' }> => e.type === 'renderDocument').map((e) => ({ template: e.template, issuer: e.issuer }));

const household = {
  applicant: { name: '王秀英', idNumber: '320621195503120023', singlePersonBasis: false },
  household: { members: [{ name: '王秀英' }, { name: '张明' }, { name: '张小雨' }] },
  income: { wages: 1200, transfer: 300, deductions: 100 },
};

/** Walks a fresh case to the township's first review. */
function toTownshipReview(c: CaseDriver): void {
  c.ok(actors.applicant, 'submit', { data: household });
  c.ok(actors.township, 'accept', { data: { acceptance: { complete: true, relativeFiling: false } } });
  c.ok(actors.village, 'complete', { data: { investigation: { investigators: ['赵村干', '钱社工'] } } });
  c.ok(actors.county, 'complete', { data: { verification: { result: '一致' } } });
}

describe('the 低保 workflow', () => {
  let c: CaseDriver;
  beforeEach(() => {
    c = new CaseDriver(shippedDefinition('dibao'));
  });

  it('starts with the applicant, who alone may save a draft and submit', () => {
    expect(c.snapshot.step).toBe('apply');
    expect(c.send(actors.village, 'submit').ok).toBe(false);
    expect(c.offers(actors.applicant)).toEqual(['save', 'submit', 'withdraw']);
  });

  it('confirms a household through every level and computes the monthly amount (standard × members − income)', () => {
    toTownshipReview(c);
    expect(c.snapshot.step).toBe('townshipReview');
    c.ok(actors.township, 'approve');
    expect(c.snapshot.step).toBe('publicNotice');
    expect(c.effects.some((e) => e.type === 'scheduleTimer')).toBe(true);
    expect(c.effects.some((e) => e.type === 'renderDocument' && e.template === 'dibao/notice')).toBe(true);
    c.advanceDays(7);
    expect(c.fireTimer().ok).toBe(true);
    expect(c.snapshot.step).toBe('countyReview');
    c.ok(actors.county, 'confirm');
    expect(c.snapshot.status).toBe('done');
    expect(c.snapshot.outcome).toBe('approved');
    // 1000 × 3 − (1200 + 300 − 100) = 1600
    expect((c.data.decision as Record<string, number>).monthlyAmount).toBe(1600);
    expect(c.effects.some((e) => e.type === 'renderDocument' && e.template === 'dibao/confirm')).toBe(true);
  });

  it('counts only the applicant under 单人保', () => {
    c.ok(actors.applicant, 'submit', { data: { ...household, applicant: { ...household.applicant, singlePersonBasis: true }, income: { applicantMonthly: 250 } } });
    c.ok(actors.township, 'accept');
    c.ok(actors.village, 'complete');
    c.ok(actors.county, 'complete');
    c.ok(actors.township, 'approve');
    c.advanceDays(7);
    c.fireTimer();
    c.ok(actors.county, 'confirm');
    expect((c.data.decision as Record<string, number>).monthlyAmount).toBe(750);
  });

  it('refuses only with a written reason and renders the 不予确认通知书', () => {
    toTownshipReview(c);
    c.ok(actors.township, 'approve');
    c.advanceDays(8);
    c.fireTimer();
    const noReason = c.send(actors.county, 'refuse');
    expect(noReason.ok ? undefined : noReason.rejection).toMatchObject({ code: 'invalid_data', path: '/comment' });
    c.ok(actors.county, 'refuse', { comment: '家庭人均收入高于当地低保标准' });
    expect(c.snapshot.outcome).toBe('rejected');
    expect(c.effects.some((e) => e.type === 'renderDocument' && e.template === 'dibao/refuse')).toBe(true);
  });

  it('returns an incomplete application to the applicant (一次性告知) and resumes at acceptance', () => {
    c.ok(actors.applicant, 'submit', { data: household });
    c.ok(actors.township, 'requestCorrection', { comment: '缺少：户口簿复印件、收入证明' });
    expect(c.snapshot.step).toBe('apply');
    c.ok(actors.applicant, 'submit');
    expect(c.snapshot.step).toBe('accept');
  });

  it('resumes at the returning step when an earlier step was asked to redo its work', () => {
    toTownshipReview(c);
    c.ok(actors.township, 'approve');
    c.advanceDays(7);
    c.fireTimer();
    c.ok(actors.county, 'returnToTownship', { returnTo: 'investigation', comment: '收入调查不完整' });
    expect(c.snapshot.step).toBe('investigation');
    c.ok(actors.village, 'complete');
    expect(c.snapshot.step).toBe('countyReview');
  });

  it('sends an objection during 公示 to re-investigation', () => {
    toTownshipReview(c);
    c.ok(actors.township, 'approve');
    c.advanceDays(3);
    c.ok(actors.township, 'object', { comment: '群众反映申请人家中有营运车辆' });
    expect(c.snapshot.step).toBe('objectionReview');
    expect(c.effects.some((e) => e.type === 'cancelTimer')).toBe(true);
    c.ok(actors.township, 'reinvestigate', { comment: '重新入户核实车辆情况' });
    expect(c.snapshot.step).toBe('investigation');
  });

  it('sends an objection to 民主评议 and a new first review', () => {
    toTownshipReview(c);
    c.ok(actors.township, 'approve');
    c.ok(actors.township, 'object', { comment: '村民代表提出异议' });
    c.ok(actors.township, 'democraticReview', { comment: '民主评议通过' });
    expect(c.snapshot.step).toBe('townshipReview');
  });

  it('issues the 不予受理通知书 in the township’s own name when it refuses to accept, not the county’s 不予确认通知书', () => {
    c.ok(actors.applicant, 'submit', { data: household });
    const noReason = c.send(actors.township, 'refuseAcceptance');
    expect(noReason.ok ? undefined : noReason.rejection).toMatchObject({ code: 'invalid_data', path: '/comment' });
    c.ok(actors.township, 'refuseAcceptance', { comment: '申请人户籍不在本镇' });
    expect([c.snapshot.step, c.snapshot.status, c.snapshot.outcome]).toEqual(['notAccepted', 'done', 'rejected']);
    expect(documentsOf(c.effects)).toEqual([{ template: 'dibao/notAccepted', issuer: 'township' }]);
  });

  it('issues the 不予确认通知书 from the confirming authority: the county, or the township where confirmation is delegated', () => {
    for (const confirmLevel of ['county', 'township'] as const) {
      const definition = shippedDefinition('dibao');
      const d = new CaseDriver({ ...definition, parameters: { ...definition.parameters, confirmLevel } });
      toTownshipReview(d);
      d.ok(actors.township, 'approve');
      d.advanceDays(8);
      d.fireTimer();
      d.ok(actors[confirmLevel], 'refuse', { comment: '家庭人均收入高于当地低保标准' });
      expect(documentsOf(d.effects), confirmLevel).toEqual([{ template: 'dibao/refuse', issuer: confirmLevel }]);
    }
  });

  it('tells an applicant who withdraws a submitted application that the township ends it, and issues nothing for a draft', () => {
    c.ok(actors.applicant, 'withdraw');
    expect(documentsOf(c.effects)).toEqual([]);
    const submitted = new CaseDriver(shippedDefinition('dibao'));
    submitted.ok(actors.applicant, 'submit', { data: household });
    submitted.ok(actors.applicant, 'withdraw');
    expect(submitted.snapshot.outcome).toBe('withdrawn');
    expect(documentsOf(submitted.effects)).toEqual([{ template: 'dibao/withdrawn', issuer: 'township' }]);
  });

  it('gives every refusal and every end short of confirmation its own notice, each with a shipped template', () => {
    const definition: WorkflowDefinition = shippedDefinition('dibao');
    const shipped = readdirSync(path.resolve(import.meta.dirname, '../../templates/dibao')).filter((f) => f.endsWith('.hbs')).map((f) => `dibao/${f.replace(/\.hbs$/, '')}`);
    const rendered = (refs: EffectRef[] | undefined) => (refs ?? []).filter((r) => r.effect === 'renderDocument').map((r) => String(r.args?.template));
    const byEnd = new Map<string, string[]>();
    for (const step of Object.values(definition.steps)) {
      if (step.type !== 'task') continue;
      for (const action of Object.values(step.actions)) {
        if (action.kind !== 'reject' && action.kind !== 'withdraw') continue;
        const target = typeof action.target === 'string' ? action.target : '';
        const end = definition.steps[target]!;
        const templates = [...rendered(action.effects), ...(end.type === 'final' ? rendered(end.onEnter) : [])];
        if (step.assignee.level !== 'applicant') expect(templates, `${action.label} at ${step.name}`).toHaveLength(1);
        for (const t of templates) expect(shipped).toContain(t);
        byEnd.set(`${step.name}/${action.label}`, templates);
      }
    }
    const notices = [...byEnd.values()].flat();
    expect(new Set(notices).size).toBe(notices.length);
    expect(notices.sort()).toEqual(['dibao/notAccepted', 'dibao/refuse', 'dibao/withdrawn']);
  });

  it('lets the applicant withdraw before acceptance but not after', () => {
    c.ok(actors.applicant, 'submit', { data: household });
    expect(c.offers(actors.applicant)).toEqual(['withdraw']);
    c.ok(actors.applicant, 'withdraw');
    expect(c.snapshot.outcome).toBe('withdrawn');

    const later = new CaseDriver(shippedDefinition('dibao'));
    later.ok(actors.applicant, 'submit', { data: household });
    later.ok(actors.township, 'accept');
    expect(later.send(actors.applicant, 'withdraw').ok).toBe(false);
  });

  it('extends the statutory limit from 30 to 45 working days once', () => {
    toTownshipReview(c);
    c.ok(actors.township, 'approve');
    c.advanceDays(7);
    c.fireTimer();
    const due30 = c.snapshot.clock.dueAt!;
    c.ok(actors.county, 'extend', { comment: '需补充核对异地存款信息' });
    expect(c.snapshot.clock.limitWorkingDays).toBe(45);
    expect(new Date(c.snapshot.clock.dueAt!).getTime()).toBeGreaterThan(new Date(due30).getTime());
    expect(c.send(actors.county, 'extend', { comment: '再次延长' }).ok).toBe(false);
  });

  it('lets the township confirm when the county delegates it (confirmLevel = township)', () => {
    const def = shippedDefinition('dibao');
    def.parameters = { ...def.parameters, confirmLevel: 'township' };
    const d = new CaseDriver(def);
    toTownshipReview(d);
    d.ok(actors.township, 'approve');
    d.advanceDays(7);
    d.fireTimer();
    expect(d.send(actors.county, 'confirm').ok).toBe(false);
    d.ok(actors.township, 'confirm');
    expect(d.snapshot.outcome).toBe('approved');
  });

  it('forces a county home visit for a 近亲属备案 case and keeps the related officer out', () => {
    c.recused = [actors.township.id];
    c.ok(actors.applicant, 'submit', { data: household });
    c.ok(actors.townshipColleague, 'accept', { data: { acceptance: { complete: true, relativeFiling: true } } });
    expect(c.snapshot.flags).toContain('relativeFiling');
    c.ok(actors.village, 'complete');
    c.ok(actors.county, 'complete');
    const recused = c.send(actors.township, 'approve');
    expect(recused.ok ? undefined : recused.rejection.code).toBe('not_your_task');
    expect(c.offers(actors.township)).toEqual([]);
  });

  it('keeps a relative named in the register out at every step although nobody ticked 近亲属备案, and raises the flag itself', () => {
    c.recused = [actors.township.id];
    c.ok(actors.applicant, 'submit', { data: household });
    expect(c.snapshot.flags).toContain('relativeFiling');
    const notTicked = { acceptance: { complete: true, relativeFiling: false } };
    const atAcceptance = c.send(actors.township, 'accept', { data: notTicked });
    expect(atAcceptance.ok ? undefined : atAcceptance.rejection.code).toBe('not_your_task');
    expect(c.offers(actors.township)).toEqual([]);
    c.ok(actors.townshipColleague, 'accept', { data: notTicked });
    c.ok(actors.village, 'complete');
    c.ok(actors.county, 'complete');
    c.ok(actors.townshipColleague, 'approve');
    expect(c.snapshot.step).toBe('publicNotice');
    // An action during the 公示 wait (登记异议) is refused too.
    const objection = c.send(actors.township, 'object', { comment: '群众反映收入不实' });
    expect(objection.ok ? undefined : objection.rejection.code).toBe('not_your_task');
    expect(c.offers(actors.township)).toEqual([]);
    expect(c.offers(actors.townshipColleague)).toEqual(['object']);
    c.advanceDays(7);
    c.fireTimer();
    expect(c.snapshot.step).toBe('countyVisit');
  });

  it('raises the 近亲属备案 flag when the register names someone after the case was accepted', () => {
    c.ok(actors.applicant, 'submit', { data: household });
    c.ok(actors.township, 'accept', { data: { acceptance: { complete: true, relativeFiling: false } } });
    expect(c.snapshot.flags).not.toContain('relativeFiling');
    c.recused = [actors.county.id];
    c.ok(actors.village, 'complete');
    expect(c.snapshot.flags).toContain('relativeFiling');
    expect(c.send(actors.county, 'complete').ok).toBe(false);
  });

  it('routes a flagged case through the county visit after 公示', () => {
    c.ok(actors.applicant, 'submit', { data: household });
    c.ok(actors.township, 'accept', { data: { acceptance: { complete: true, relativeFiling: true } } });
    c.ok(actors.village, 'complete');
    c.ok(actors.county, 'complete');
    c.ok(actors.township, 'approve');
    c.advanceDays(7);
    c.fireTimer();
    expect(c.snapshot.step).toBe('countyVisit');
    c.ok(actors.county, 'complete');
    expect(c.snapshot.step).toBe('countyReview');
  });

  it('keeps officers of other units and the wrong level off the case', () => {
    c.ok(actors.applicant, 'submit', { data: household });
    for (const outsider of [actors.otherTownship, actors.village, actors.county, actors.otherApplicant]) {
      const d = c.send(outsider, 'accept');
      expect(d.ok ? undefined : d.rejection.code).toBe('not_your_task');
    }
  });

  it('refuses a stale version', () => {
    const d = c.send(actors.applicant, 'submit', { data: household, version: c.snapshot.version - 1 });
    expect(d.ok ? undefined : d.rejection.code).toBe('stale_version');
  });

  it('keeps the persisted snapshot under 1 KB', () => {
    toTownshipReview(c);
    expect(JSON.stringify(c.snapshot).length).toBeLessThan(1024);
  });
});
