import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const fixture = path.join(root, 'test/fixtures/workerCrash');

describe('the unfinished files reporter', () => {
  it('names the file whose worker died, and its test, at the end of the run', () => {
    const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');
    const r = spawnSync(process.execPath, [vitest, 'run', '--root', fixture, '--config', path.join(fixture, 'vitest.config.ts')], { encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
    const out = r.stdout + r.stderr;
    expect(r.status, out).toBe(1);
    expect(out).toContain('Worker exited unexpectedly');
    const report = out.slice(out.indexOf('Test files that never reported a result:'));
    expect(report).toContain('workerDies.check.ts');
    expect(report).toContain('loses its worker');
    expect(report).not.toContain('finishes.check.ts');
  });
});
