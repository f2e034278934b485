import { describe, expect, it } from 'vitest';
import { attachmentProblem, attachmentRules, formatBytes } from '../../../../forms/elements/attachments/attachmentRules.js';

const rules = attachmentRules({ type: 'array', maxItems: 3, 'x-attachment': { accept: ['image/*', 'application/pdf', '.ofd'], maxSize: 2 * 1024 * 1024 } });

describe('attachment rules', () => {
  it('reads the limits from the schema, with 10 MB and 20 files when it says nothing', () => {
    expect(rules).toEqual({ accept: ['image/*', 'application/pdf', '.ofd'], maxSize: 2 * 1024 * 1024, maxFiles: 3 });
    expect(attachmentRules({ type: 'array' })).toEqual({ accept: [], maxSize: 10 * 1024 * 1024, maxFiles: 20 });
  });

  it('accepts files by MIME type, wildcard or extension', () => {
    expect(attachmentProblem({ name: '户口簿.jpg', type: 'image/jpeg', size: 1000 }, rules, 'zh-CN')).toBeUndefined();
    expect(attachmentProblem({ name: '证明.pdf', type: 'application/pdf', size: 1000 }, rules, 'zh-CN')).toBeUndefined();
    expect(attachmentProblem({ name: '电子证照.OFD', type: '', size: 1000 }, rules, 'zh-CN')).toBeUndefined();
  });

  it('names a refused file and why, in Chinese or English', () => {
    expect(attachmentProblem({ name: 'setup.exe', type: 'application/x-msdownload', size: 10 }, rules, 'zh-CN')).toBe('“setup.exe”的类型不在允许范围（image/*、application/pdf、.ofd），未添加。');
    expect(attachmentProblem({ name: '扫描件.pdf', type: 'application/pdf', size: 3 * 1024 * 1024 }, rules, 'zh-CN')).toBe('“扫描件.pdf”超过 2 MB，未添加。');
    expect(attachmentProblem({ name: 'scan.pdf', type: 'application/pdf', size: 3 * 1024 * 1024 }, rules, 'en')).toBe('“scan.pdf” is larger than 2 MB; not added.');
  });

  it('writes sizes for people', () => {
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB');
    expect(formatBytes(1.5 * 1024 * 1024)).toBe('1.5 MB');
    expect(formatBytes(820 * 1024)).toBe('820 KB');
    expect(formatBytes(12)).toBe('1 KB');
  });
});
