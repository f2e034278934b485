import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchYear, nextWorkingDay } from '../../bench/countyYear.js';
import { casesAtScale, commandsOf, notReplayed, yearScripts } from '../../bench/yearPlan.js';

const workflowsDir = path.resolve(import.meta.dirname, '../../../workflows');
const shipped = readdirSync(workflowsDir).filter((k) => existsSync(path.join(workflowsDir, k, 'workflow.json')));
const definition = (key: string) => JSON.parse(readFileSync(path.join(workflowsDir, key, 'workflow.json'), 'utf8')) as { steps: Record<string, { type: string; actions?: Record<string, unknown> }> };

describe("a county's year (the bench's plan and its replay)", () => {
  it('plans every shipped process, or says why it does not, and names only real actions and final steps', () => {
    const planned = new Set(yearScripts.map((s) => s.workflow));
    for (const key of shipped) expect(planned.has(key) || Object.hasOwn(notReplayed, key), `${key} is neither planned nor excused`).toBe(true);
    for (const key of Object.keys(notReplayed)) expect(planned.has(key), `${key} is planned and excused`).toBe(false);
    for (const script of yearScripts) {
      const steps = definition(script.workflow).steps;
      const actions = new Set(Object.values(steps).flatMap((s) => Object.keys(s.actions ?? {})));
      for (const s of script.steps) if ('action' in s) expect(actions.has(s.action), `${script.workflow}: ${s.action}`).toBe(true);
      for (const end of script.ends) expect(steps[end]?.type, `${script.workflow}: ${end}`).toBe('final');
    }
  });

  it('moves its clock from working day to working day as the officers work: holidays skipped, the 调休 weekend days worked', () => {
    const at = (local: string) => new Date(`${local}+08:00`);
    expect(nextWorkingDay(at('2026-01-05T09:00:00'))).toEqual(at('2026-01-06T09:00:00'));
    expect(nextWorkingDay(at('2026-01-09T09:00:00'))).toEqual(at('2026-01-12T09:00:00'));
    // 春节 2026: Saturday 14 February is worked, 15–23 February are not.
    expect(nextWorkingDay(at('2026-02-13T09:00:00'))).toEqual(at('2026-02-14T09:00:00'));
    expect(nextWorkingDay(at('2026-02-14T09:00:00'))).toEqual(at('2026-02-24T09:00:00'));
  });

  it('makes a year of about 20,000 cases and 15 commands a case', () => {
    const plan = casesAtScale(1);
    const cases = plan.reduce((n, p) => n + p.count, 0);
    const commands = plan.reduce((n, p) => n + p.count * commandsOf(p.script), 0);
    expect(cases).toBeGreaterThan(18_000);
    expect(cases).toBeLessThan(22_000);
    expect(commands / cases).toBeGreaterThan(12);
    expect(commands / cases).toBeLessThan(18);
  });

  // One case of every path, all opened in the first week: on a quiet machine ≈ 30 s; a loaded one takes longer.
  it('replays one case of every path through the real server to its planned end, with no refused command', { timeout: 300_000 }, async () => {
    const year = await benchYear({ scale: 0.0001, spreadWeeks: 1, clients: 2, measureDatabase: false });
    expect(year.errorSamples).toEqual([]);
    expect(year.errors).toBe(0);
    expect(year.tallies.filter((t) => t.ended !== t.planned)).toEqual([]);
    expect(year.tallies.length).toBe(yearScripts.length);
    expect(year.timersFired).toBeGreaterThan(0);
  });
});
