import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchYear } from '../../bench/countyYear.js';
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
