import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
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

describe('tongban simulate with a form that computes fields', () => {
  /** A process that routes on 人均收入, a field the form computes from wages and members (the sample: 1200 / 3 = 400). */
  function project(): string {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'tongban-simulate-calc-')), 'workflows', 'calc');
    mkdirSync(dir, { recursive: true });
    const write = (name: string, value: unknown) => writeFileSync(path.join(dir, name), JSON.stringify(value));
    write('workflow.json', {
      key: 'calc', version: 1, name: '计算探针', initial: 'apply', form: 'form.schema.json',
      steps: {
        apply: { type: 'task', name: '申请', assignee: { level: 'applicant' }, form: { sections: { income: 'write' } }, actions: { submit: { kind: 'submit', label: '提交', target: 'route', writes: ['income'] } } },
        route: { type: 'choice', name: '分流', target: [{ when: { path: '/income/perCapita', lt: 500 }, target: 'low' }, { target: 'high' }] },
        low: { type: 'final', name: '低收入', outcome: 'approved' },
        high: { type: 'final', name: '高收入', outcome: 'rejected' },
      },
    });
    write('form.schema.json', { type: 'object', properties: { income: { type: 'object', title: '收入', properties: { wages: { type: 'number', title: '工资' }, members: { type: 'integer', title: '人数' }, perCapita: { type: 'number', title: '人均', readOnly: true, 'x-computed': { expr: 'round(income.wages / max(1, income.members), 2)' } } } } } });
    write('form.sample.json', { income: { wages: 1200, members: 3 } });
    return path.join(dir, 'workflow.json');
  }

  it('routes on the computed field as the server would: from the sample, and again after a move writes data', () => {
    const file = project();
    const low = run('simulate', file, '--start', '2026-03-02', 'submit');
    expect(low.code).toBe(0);
    expect(low.out).toContain('步骤：低收入（low），已办结：批准');
    expect(low.out).toContain('法定时限：未规定');
    expect(run('simulate', file, '--start', '2026-03-02', '/income/wages=3000', 'submit').out).toContain('步骤：高收入（high），已办结：不予批准');
  });
});
