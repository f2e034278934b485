import { randomUUID } from 'node:crypto';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { command, failure, type CommandAnswer } from '../../support/commands.js';
import { decisionsDefinition } from '../../support/decisionsDefinition.js';
import { readProcessTemplates } from '../../../server/build/processTemplates.js';

/**
 * A two-item decision through the real server: the probe definition (test/support/decisionsDefinition.ts),
 * published through the superuser API with its two notices' templates, which print the item's decision.
 */
const definition = decisionsDefinition({ living: 'decisions-probe/living', nursing: 'decisions-probe/nursing' });
const notice = (title: string) => `{{#> layout title="${title}"}}<p class="salutation">{{caseNo}}：</p><p>{{decisionItem.name}}：{{decisionItem.outcome}}{{#if decisionItem.amount}}，每月 {{decisionItem.amount}} 元{{/if}}{{#if decisionItem.reasons}}。理由：{{decisionItem.reasons}}{{/if}}</p>{{/layout}}`;
const templates = { shared: readProcessTemplates(definition.key).shared, documents: { living: notice('生活补贴决定通知书'), nursing: notice('护理补贴决定通知书') } };

interface ItemsSummary {
  decisions: Record<string, { name: string; outcome: string; amount?: number; reasons?: string }>;
  milestones: Record<string, { name: string; at: string }>;
}

describe('a case with two decision items and milestones', () => {
  let server: TestServer;
  let applicant: PocketBase;
  let county: PocketBase;
  let township: PocketBase;
  beforeAll(async () => {
    server = await startPocketBase();
    const su = await server.superuser();
    await su.collection('workflow_definitions').create({ key: definition.key, version: 1, status: 'published', name: definition.name, definition, templates });
    [applicant, county, township] = await Promise.all([server.login('applicant-a1'), server.login('county'), server.login('township-a')]);
  });
  afterAll(() => server?.dispose());

  const open = async (): Promise<CommandAnswer> => {
    const opened = await applicant.send<CommandAnswer>('/api/tongban/cases', { method: 'POST', body: { workflow: definition.key, commandId: randomUUID() } });
    return command(applicant, opened.case, 'submit');
  };

  it('decides 生活补贴 and 护理补贴 separately, with a notice each, and shows both in the case and the record', async () => {
    let c = (await open()).case;
    const refused = await failure(command(county, c, 'decide', { data: { review: { living: 'approved', livingAmount: 600, nursing: 'rejected' } } }));
    expect(refused).toMatchObject({ status: 422, body: { message: '不予批准“护理补贴”须写明理由。' } });

    c = (await command(county, c, 'decide', { data: { review: { living: 'approved', livingAmount: 600, nursing: 'rejected' } }, comment: '护理等级评定未达一级' })).case;
    const summary = c as unknown as ItemsSummary & { step: string; status: string };
    expect([summary.step, summary.status]).toEqual(['payment', 'active']);
    expect(summary.decisions).toEqual({
      living: expect.objectContaining({ name: '生活补贴', outcome: 'approved', amount: 600 }),
      nursing: expect.objectContaining({ name: '护理补贴', outcome: 'rejected', reasons: '护理等级评定未达一级' }),
    });

    const docs = await applicant.collection('documents').getFullList({ filter: `application = "${c.id}"` });
    const byTitle = new Map(docs.map((d) => [d.title as string, d]));
    expect([...byTitle.keys()].sort()).toEqual(['护理补贴决定通知书', '生活补贴决定通知书']);
    expect(byTitle.get('生活补贴决定通知书')).toMatchObject({ kind: 'decision', template: 'decisions-probe/living' });
    expect(byTitle.get('护理补贴决定通知书')).toMatchObject({ kind: 'nursingDecision', template: 'decisions-probe/nursing' });
    expect(byTitle.get('生活补贴决定通知书')!.html).toContain('<p>生活补贴：approved，每月 600 元</p>');
    expect(byTitle.get('护理补贴决定通知书')!.html).toContain('<p>护理补贴：rejected。理由：护理等级评定未达一级</p>');
    const record = await county.collection('applications').getOne(c.id);
    expect(record.decisions).toMatchObject({ living: { outcome: 'approved', amount: 600 }, nursing: { outcome: 'rejected' } });
  });

  it('reports a milestone before the case ends, filterable with the record API, and replays', async () => {
    let c = (await open()).case;
    c = (await command(county, c, 'decide', { data: { review: { living: 'rejected', livingReasons: '家庭人均收入高于标准', nursing: 'approved' } } })).case;
    const granted = await county.collection('applications').getOne(c.id);
    expect(granted.milestones_reached).toBe('|granted|');
    c = (await command(township, c, 'pay')).case;
    expect(c.status).toBe('active');
    expect(Object.keys((c as unknown as ItemsSummary).milestones).sort()).toEqual(['granted', 'paid']);

    const paid = await county.collection('applications').getFullList({ filter: `milestones_reached ~ '|paid|'` });
    expect(paid.map((r) => r.id)).toEqual([c.id]);
    expect(paid[0]).toMatchObject({ status: 'active', milestones: { paid: { name: '已发放' } } });
    const notYet = await county.collection('applications').getFullList({ filter: `milestones_reached ~ '|paperworkComplete|'` });
    expect(notYet).toEqual([]);

    c = (await command(applicant, c, 'complete')).case;
    c = (await command(township, c, 'close')).case;
    expect([c.status, c.outcome]).toEqual(['done', 'approved']);
    expect((await county.collection('applications').getOne(c.id)).milestones_reached).toBe('|granted|paid|paperworkComplete|');
    expect(await county.send(`/api/tongban/cases/${c.id}/verify`, {})).toMatchObject({ ok: true });
  });

  it('ends a case whose every item is refused as rejected, with nothing granted, and replays', async () => {
    let c = (await open()).case;
    c = (await command(county, c, 'decide', { data: { review: { living: 'rejected', nursing: 'rejected' } }, comment: '不符合条件' })).case;
    expect([c.step, c.status, c.outcome]).toEqual(['closed', 'done', 'rejected']);
    expect((await county.collection('applications').getOne(c.id)).milestones_reached).toBe('');
    expect(await applicant.send(`/api/tongban/cases/${c.id}/verify`, {})).toMatchObject({ ok: true });
  });
});
