import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = path.resolve(import.meta.dirname, '../../../bin/tongban.mjs');
const processDir = path.join(mkdtempSync(path.join(tmpdir(), 'tongban-overlay-')), 'workflows', 'notice');
mkdirSync(path.join(processDir, 'overlays'), { recursive: true });
writeFileSync(
  path.join(processDir, 'workflow.json'),
  JSON.stringify({
    key: 'notice',
    version: 1,
    name: '公示测试流程',
    parameters: { publicNotice: { days: 7 }, confirmLevel: 'county' },
    limit: { workingDays: 20 },
    initial: 'review',
    steps: {
      review: { type: 'task', name: '初审', assignee: { level: 'township' }, deadline: { workingDays: 5 }, actions: { go: { kind: 'approve', label: '同意', target: 'notice' } } },
      notice: { type: 'timer', name: '公示', duration: { param: 'publicNotice' }, pausesClock: true, onElapsed: 'confirm' },
      confirm: { type: 'task', name: '确认', assignee: { level: { param: 'confirmLevel' } }, deadline: { workingDays: 10 }, actions: { go: { kind: 'approve', label: '确认', target: 'done' } } },
      done: { type: 'final', name: '结束', outcome: 'approved' },
    },
  }),
);

function check(overlay: unknown) {
  const file = path.join(processDir, 'overlays', '320685.json');
  writeFileSync(file, JSON.stringify(overlay));
  const r = spawnSync(process.execPath, [cli, 'check', file], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('tongban check on an overlay', () => {
  it('passes an overlay that changes the limit, the 公示 days and who confirms, checked with its base', () => {
    const r = check({ base: 'notice', division: '320685', version: 1, name: '海安市公示与确认', parameters: { publicNotice: { days: 5 }, confirmLevel: 'township' }, limit: { workingDays: 15 } });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('通过：海安市公示与确认（notice 第 1 版，行政区划 320685，叠加规则第 1 版）');
  });

  it('lists each problem at its path in the overlay file and exits 1', () => {
    const r = check({ base: 'notice', division: '320685', version: 1, initial: 'confirm', limit: { workingDays: 12 }, steps: { sign: { deadline: { workingDays: 1 } }, notice: { onElapsed: 'done' } } });
    expect(r.code).toBe(1);
    expect(r.err).toContain('/initial: 叠加规则不能更改“initial”');
    expect(r.err).toContain('/steps/sign: 基础定义没有步骤“sign”');
    expect(r.err).toContain('/steps/notice/onElapsed: 叠加规则不能更改步骤的“onElapsed”');
  });

  it('checks the merged definition: deadlines beyond the local limit are refused at the overlay’s limit', () => {
    const r = check({ base: 'notice', division: '320685', version: 1, limit: { workingDays: 12 } });
    expect(r.code).toBe(1);
    expect(r.err).toContain('/limit/workingDays: 各步骤期限之和最多可达 15 个工作日');
  });

  it('lets tongban simulate walk the local rules merged over the base', () => {
    const file = path.join(processDir, 'overlays', '320685.json');
    writeFileSync(file, JSON.stringify({ base: 'notice', division: '320685', version: 1, parameters: { publicNotice: { days: 5 } }, limit: { workingDays: 15 } }));
    const local = spawnSync(process.execPath, [cli, 'simulate', file, '--start', '2026-03-04', 'go'], { encoding: 'utf8' });
    const national = spawnSync(process.execPath, [cli, 'simulate', path.join(processDir, 'workflow.json'), '--start', '2026-03-04', 'go'], { encoding: 'utf8' });
    expect(local.status).toBe(0);
    expect(local.stdout).toContain('计时器：公示 至 2026-03-09 周一 24:00');
    expect(local.stdout).toContain('法定时限：15 个工作日');
    expect(national.stdout).toContain('计时器：公示 至 2026-03-11 周三 24:00');
  });
});
