import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOverlay, divisionChain, divisionContains, divisionKind, mergeOverlay, type DefinitionOverlay, type Effect } from '../../../engine/index.js';
import { actors, CaseDriver, processModules, shippedDefinition } from '../../support/caseDriver.js';

const dibao = shippedDefinition('dibao');
const zhengzhou: DefinitionOverlay = {
  base: 'dibao',
  division: '410100',
  version: 1,
  name: '郑州市最低生活保障审核确认时限',
  limit: { workingDays: 25, extendedWorkingDays: 40 },
  parameters: { publicNotice: { days: 5 } },
  // 25 working days in all: the investigation and the confirmation get shorter (7 → 5, 10 → 7).
  steps: { investigation: { deadline: { workingDays: 5 } }, countyReview: { deadline: { workingDays: 7 } } },
};
const townshipConfirms: DefinitionOverlay = { base: 'dibao', division: '340800', version: 1, parameters: { confirmLevel: 'township' }, steps: { accept: { deadline: { workingDays: 2 } } } };
const options = { process: processModules.get('dibao') };
const paths = (overlay: unknown) => checkOverlay(overlay, dibao, options).map((p) => p.path);

const household = { applicant: { name: '王秀英', idNumber: '320621195503120023', singlePersonBasis: false }, household: { members: [{ name: '王秀英' }] }, income: { wages: 300 } };
/** Walks a case to 公示 and answers the timer it scheduled. */
function toPublicNotice(c: CaseDriver): Extract<Effect, { type: 'scheduleTimer' }> {
  c.ok(actors.applicant, 'submit', { data: household });
  c.ok(actors.township, 'accept', { data: { acceptance: { complete: true, relativeFiling: false } } });
  c.ok(actors.village, 'complete');
  c.ok(actors.county, 'complete');
  c.ok(actors.township, 'approve');
  return c.effects.find((e): e is Extract<Effect, { type: 'scheduleTimer' }> => e.type === 'scheduleTimer')!;
}

describe('an overlay merged over its base', () => {
  it('changes the limit and the 公示 days and leaves the base untouched', () => {
    const merged = mergeOverlay(dibao, zhengzhou);
    expect(merged.limit).toEqual({ workingDays: 25, extendedWorkingDays: 40 });
    expect(merged.parameters!.publicNotice).toEqual({ days: 5 });
    expect(merged.parameters!.standard).toBe(1000);
    expect(Object.keys(merged.steps)).toEqual(Object.keys(dibao.steps));
    expect(dibao.limit).toEqual({ workingDays: 30, extendedWorkingDays: 45 });
    expect(dibao.parameters!.publicNotice).toEqual({ days: 7 });
  });

  it('runs with the local limit and 公示 days, while the base keeps the national ones', () => {
    const wednesday = new Date('2026-03-04T09:00:00+08:00');
    const local = new CaseDriver(mergeOverlay(dibao, zhengzhou), wednesday);
    const national = new CaseDriver(dibao, wednesday);
    const localTimer = toPublicNotice(local);
    const nationalTimer = toPublicNotice(national);
    expect(local.snapshot.clock.limitWorkingDays).toBe(25);
    expect(national.snapshot.clock.limitWorkingDays).toBe(30);
    // 公示 entered on Wednesday 2026-03-04: 5 days end on Monday 03-09, 7 days on Wednesday 03-11.
    expect(new Date(nationalTimer.dueAt).getTime() - new Date(localTimer.dueAt).getTime()).toBe(2 * 86_400_000);
  });

  it('lets the township confirm: the confirming task goes to the township and the decision is issued by it', () => {
    const c = new CaseDriver(mergeOverlay(dibao, townshipConfirms));
    toPublicNotice(c);
    c.advanceDays(8);
    c.fireTimer();
    expect(c.snapshot.step).toBe('countyReview');
    expect(c.send(actors.county, 'confirm').ok).toBe(false);
    c.ok(actors.township, 'confirm');
    expect(c.effects.find((e) => e.type === 'renderDocument' && e.template === 'dibao/confirm')).toMatchObject({ issuer: 'township' });
  });
});

describe('checking an overlay with its base', () => {
  it('accepts the 郑州 limits and a township-confirm overlay', () => {
    expect(checkOverlay(zhengzhou, dibao, options)).toEqual([]);
    expect(checkOverlay(townshipConfirms, dibao, options)).toEqual([]);
  });

  it('refuses a field an overlay may not change, with its path in the overlay', () => {
    const problems = checkOverlay({ ...zhengzhou, initial: 'accept', steps: { accept: { actions: {}, deadline: { workingDays: 2 } } } }, dibao, options);
    expect(problems.map((p) => p.path)).toEqual(['/initial', '/steps/accept/actions']);
    expect(problems[0]!.message).toContain('不能更改“initial”');
  });

  it('refuses an unknown step, an unknown parameter and a value of another kind', () => {
    expect(paths({ ...zhengzhou, steps: { countyFiling: { deadline: { workingDays: 3 } } } })).toEqual(['/steps/countyFiling']);
    expect(paths({ ...zhengzhou, parameters: { publicNoticeDays: 5 } })).toEqual(['/parameters/publicNoticeDays']);
    expect(paths({ ...zhengzhou, parameters: { standard: '1000' } })).toEqual(['/parameters/standard']);
    expect(paths({ ...zhengzhou, parameters: { constructor: 1 } })).toEqual(['/parameters/constructor']);
  });

  it('refuses a deadline on a timer, a duration on a task and a new kind of assignee', () => {
    expect(paths({ ...zhengzhou, steps: { publicNotice: { deadline: { workingDays: 3 } }, accept: { duration: { days: 3 } } } })).toEqual(['/steps/publicNotice/deadline', '/steps/accept/duration']);
    expect(paths({ ...zhengzhou, steps: { countyReview: { assignee: { department: 'disabled_persons_federation' } } } })).toEqual(['/steps/countyReview/assignee/department']);
  });

  it('refuses a malformed division code, and one the org tree does not hold', () => {
    expect(paths({ ...zhengzhou, division: '999999' })).toEqual(['/division']);
    expect(paths({ ...zhengzhou, division: '4101' })).toEqual(['/division']);
    const problems = checkOverlay(zhengzhou, dibao, { ...options, divisionKnown: (code) => code.startsWith('32') });
    expect(problems).toEqual([{ path: '/division', message: expect.stringContaining('组织架构中没有行政区划“410100”') }]);
  });

  it('checks the merged definition: a limit shorter than the deadlines refused at the overlay’s limit', () => {
    const problems = checkOverlay({ ...zhengzhou, limit: { workingDays: 10 } }, dibao, options);
    expect(problems.map((p) => p.path)).toEqual(['/limit/workingDays']);
    expect(problems[0]!.message).toContain('超过总时限 10 个工作日');
  });

  it('checks the merged definition: a 公示 of minus one day is refused at the overlay’s parameter', () => {
    const problems = checkOverlay({ ...zhengzhou, parameters: { publicNotice: { days: -1 } } }, dibao, options);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.path === '/parameters/publicNotice')).toBe(true);
    expect(problems[0]!.message).toContain('/steps/publicNotice/duration');
  });

  it('checks the merged definition: a confirming level that is no level is refused', () => {
    const problems = checkOverlay({ ...townshipConfirms, parameters: { confirmLevel: 'city' } }, dibao, options);
    expect(problems.length).toBeGreaterThan(0);
    expect(new Set(problems.map((p) => p.path))).toEqual(new Set(['/parameters/confirmLevel']));
  });

  it('refuses an overlay of another process and one that changes nothing', () => {
    expect(paths({ ...zhengzhou, base: 'tekun' })).toEqual(['/base']);
    expect(paths({ base: 'dibao', division: '410100', version: 1 })).toEqual(['/']);
    expect(paths([1])).toEqual(['/']);
  });
});

describe('the overlay example of docs/definition-language.md', () => {
  it('checks clean over the shipped 低保 definition', () => {
    const docs = readFileSync(path.resolve(import.meta.dirname, '../../../docs/definition-language.md'), 'utf8');
    const section = docs.slice(docs.indexOf('## Overlays (local rules)'));
    const example = JSON.parse(/```json\n([\s\S]*?)```/.exec(section)![1]!) as DefinitionOverlay;
    expect(example.division).toBe('410100');
    expect(checkOverlay(example, dibao, options)).toEqual([]);
  });
});

describe('division codes', () => {
  it('names the kind of a code and the chain a village belongs to, most specific first', () => {
    expect(['410000', '410100', '410102', '320685102', '320685102290', '990000'].map(divisionKind)).toEqual(['province', 'city', 'county', 'township', 'village', undefined]);
    expect(divisionChain({ village: '320685102290', township: '320685102', county: '320685' })).toEqual(['320685102290', '320685102', '320685', '320600', '320000']);
    expect(divisionContains('320600', '320685102')).toBe(true);
    expect(divisionContains('320685', '320686001')).toBe(false);
  });
});

describe('an overlay changing the unit of the overall limit', () => {
  it('replaces the base’s unit and way of extending by its own, and the merged clock counts calendar days', () => {
    const inDays: DefinitionOverlay = { base: 'dibao', division: '410100', version: 1, limit: { days: 90, extended: { days: 120 } } };
    expect(checkOverlay(inDays, dibao, options)).toEqual([]);
    const merged = mergeOverlay(dibao, inDays);
    expect(merged.limit).toEqual({ days: 90, extended: { days: 120 } });
    const c = new CaseDriver(merged);
    expect(c.snapshot.clock).toMatchObject({ limitDays: 90, pausedDays: 0 });
  });
});
