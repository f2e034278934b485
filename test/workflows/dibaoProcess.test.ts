import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDefinition, type DocumentContext } from '../../engine/index.js';
import { loadProcessModule } from '../../server/build/processModules.js';
import { processModule } from '../../workflows/dibao/process.js';
import { shippedDefinition } from '../support/caseDriver.js';

const format: DocumentContext['format'] = { date: (d) => d.toISOString().slice(0, 10), mask: (v, kind) => `${kind}:${v.slice(0, 1)}*` };
const context = (over: Partial<DocumentContext> = {}): DocumentContext => ({
  template: 'dibao/confirm',
  kind: 'decision',
  data: { applicant: { name: '张三' }, household: { members: [{}, {}, {}] }, decision: { monthlyAmount: 1200 }, townshipReview: { proposedAmount: 1100 } },
  parameters: { publicNotice: { days: 7 } },
  now: new Date('2026-04-10T02:00:00Z'),
  base: { caseNo: 'DB-1' },
  format,
  ...over,
});

describe('the 低保 process module', () => {
  it('is found by its folder as the server finds it, and carries what 低保 needs in code', async () => {
    const found = await loadProcessModule(path.resolve(import.meta.dirname, '../../workflows/dibao'));
    expect(found).toBe(processModule);
    expect(Object.keys(processModule.guards ?? {})).toEqual(['dibao.incomeBelowStandard']);
    expect(Object.keys(processModule.effects ?? {})).toEqual(['dibao.monthlyAmount', 'dibao.recipientFacts']);
    expect(checkDefinition(shippedDefinition('dibao'), undefined, undefined, processModule)).toEqual([]);
  });

  it('is what the shipped definition needs to pass the check: its amount effect is process code', () => {
    expect(checkDefinition(shippedDefinition('dibao')).map((p) => p.message)).toContain('未注册的效果“dibao.monthlyAmount”。');
  });

  it('shows the documents the applicant, household size, decision, 公示 period and payment start', () => {
    expect(processModule.documentView!(context())).toEqual({
      applicant: { name: '张三' },
      decision: { monthlyAmount: 1200 },
      payFrom: '2026年5月',
      reasons: [],
      noticeDays: 7,
      from: '2026-04-10',
      until: '2026-04-17',
      maskedName: 'name:张*',
      members: 3,
      proposedAmount: 1100,
    });
  });

  it('pays from January after a December confirmation, in China time', () => {
    expect(processModule.documentView!(context({ now: new Date('2026-12-31T17:00:00Z') })).payFrom).toBe('2027年2月');
    expect(processModule.documentView!(context({ now: new Date('2026-12-31T15:00:00Z') })).payFrom).toBe('2027年1月');
  });

  it('gives the refusal reasons of the decision, or else the comment, and the 公示 days of the parameters', () => {
    const refused = context({ data: { decision: { refusalReasons: ['收入超标'] } }, comment: '另述', parameters: { publicNotice: { days: 5 } } });
    expect(processModule.documentView!(refused)).toMatchObject({ reasons: ['收入超标'], noticeDays: 5, members: 0, proposedAmount: '' });
    expect(processModule.documentView!(context({ comment: '家庭财产超标' })).reasons).toEqual(['家庭财产超标']);
  });

  it('decides 收入低于标准 from the household figures', () => {
    const guard = processModule.guards!['dibao.incomeBelowStandard']!;
    const data = { household: { members: [{}, {}] }, income: { wages: 1000 } };
    expect(guard({ data, parameters: { standard: 600 }, args: {} })).toBe(true);
    expect(guard({ data, parameters: { standard: 400 }, args: {} })).toBe(false);
  });
});
