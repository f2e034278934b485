import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = path.resolve(import.meta.dirname, '../../../bin/tongban.mjs');
const dibao = path.resolve(import.meta.dirname, '../../../workflows/dibao/workflow.json');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('tongban simulate', () => {
  it('prints the 低保 happy path: each step and task, the 公示 end, the 30-working-day limit, the documents; exit 0', () => {
    const html = mkdtempSync(path.join(tmpdir(), 'tongban-simulate-'));
    const r = run('simulate', dibao, '--start', '2026-03-02', '--html', html, 'submit', 'accept', 'complete', 'complete', 'approve', 'timer', 'confirm');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('[2] accept「受理」由 乡镇（街道）（dibao_officer） 办理 2026-03-02 周一 09:00');
    expect(r.out).toContain('待办：村（居） village · 职责 dibao_officer — 期限 2026-03-11 周三 24:00（还有 7 个工作日）');
    expect(r.out).toContain('计时器：村（居）公示 至 2026-03-09 周一 24:00');
    expect(r.out).toContain('法定时限：30 个工作日，2026-03-02 起算，截止 2026-04-14 周二 24:00');
    expect(r.out).toContain('步骤：已确认（confirmed），已办结：批准');
    expect(r.out).toContain('文书：最低生活保障确认通知书');
    // The documents are rendered from the templates with the sample data.
    expect(readdirSync(html).sort()).toEqual(['01-accepted.html', '02-notice.html', '03-confirm.html']);
    expect(readFileSync(path.join(html, '03-confirm.html'), 'utf8')).toContain('王秀英');
  });

  it('refuses an action the step does not allow with exit 1 and a Chinese reason', () => {
    const r = run('simulate', dibao, '--start', '2026-03-02', 'submit', 'confirm');
    expect(r.code).toBe(1);
    expect(r.err).toContain('✗ 第 2 步“confirm”不能执行：当前步骤“乡镇受理”不能进行“confirm”操作。');
  });

  it('answers a word that is no move, or no definition, with the usage and exit 2', () => {
    expect(run('simulate', dibao, 'submit', '+3weeks')).toMatchObject({ code: 2, err: expect.stringContaining('第 2 步：“+3weeks”不是可识别的步骤') });
    expect(run('simulate')).toMatchObject({ code: 2, err: expect.stringContaining('用法：tongban simulate') });
  });

  it('does not simulate a definition that fails the check', () => {
    const r = run('simulate', path.join(tmpdir(), 'no-such-folder', 'workflow.json'), 'submit');
    expect(r.code).toBe(1);
    expect(r.err).toContain('不能模拟');
    expect(existsSync(path.join(tmpdir(), 'no-such-folder'))).toBe(false);
  });
});
