import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProcessTemplates } from '../../../server/build/processTemplates.js';
import { command, failure, type CommandAnswer } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

/** A process whose township approval issues a decision from the template `doc-probe/decision`. */
const definition = (version: number, template = 'doc-probe/decision', issuer = 'township') => ({
  key: 'doc-probe',
  version,
  name: '文书版本探针',
  initial: 'apply',
  steps: {
    apply: { type: 'task', name: '提出申请', assignee: { level: 'applicant' }, actions: { submit: { kind: 'submit', label: '提交', target: 'review' } } },
    review: {
      type: 'task',
      name: '审核',
      assignee: { level: 'township' },
      actions: { approve: { kind: 'approve', label: '同意', target: 'done', effects: [{ effect: 'renderDocument', args: { template, kind: 'decision', title: '探针决定书', issuer } }] } },
    },
    done: { type: 'final', name: '完成', outcome: 'approved' },
  },
});

/** The version's templates: the shipped shared layout and one decision whose text names the version. */
const templates = (text: string) => ({ shared: readProcessTemplates('doc-probe').shared, documents: { decision: `{{#> layout title="探针决定书"}}<p class="salutation">{{caseNo}}：</p><p>${text}</p>{{/layout}}` } });

const publish = async (server: TestServer, version: number, text: string, template?: string, issuer?: string) =>
  (await server.superuser()).collection('workflow_definitions').create({ key: 'doc-probe', version, status: 'published', name: '文书版本探针', definition: definition(version, template, issuer), templates: templates(text) });

describe('documents published with their process version', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startPocketBase();
    await publish(server, 1, '第一版的决定。');
  });
  afterAll(() => server?.dispose());

  async function submitted(): Promise<CommandAnswer> {
    const applicant = await server.login('applicant-a1');
    const opened = await applicant.send<CommandAnswer>('/api/tongban/cases', { method: 'POST', body: { workflow: 'doc-probe', commandId: randomUUID() } });
    return command(applicant, opened.case, 'submit');
  }

  async function approvedDocument(c: CommandAnswer): Promise<{ html: string; number: string }> {
    await command(await server.login('township-a'), c.case, 'approve');
    const docs = await (await server.superuser()).collection('documents').getFullList({ filter: `application = "${c.case.id}"` });
    expect(docs).toHaveLength(1);
    return { html: docs[0]!.html as string, number: docs[0]!.number as string };
  }

  it('render a case with its own version’s template after a new version with a changed template is published, numbered in sequence per issuer and year', async () => {
    const onFirst = await submitted();
    await publish(server, 2, '第二版的决定。');
    const onSecond = await submitted();

    const first = await approvedDocument(onFirst);
    const second = await approvedDocument(onSecond);
    expect(first.html).toContain('第一版的决定。');
    expect(first.html).not.toContain('第二版');
    expect(second.html).toContain('第二版的决定。');

    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    expect(first.number).toMatch(new RegExp(`^曲政发〔${year}〕\\d+号$`));
    const sequence = (n: string) => Number(/〕(\d+)号$/.exec(n)![1]);
    expect(sequence(second.number)).toBe(sequence(first.number) + 1);
    // The number is the page's 发文字号, under the township's name in red, on a complete A4 page.
    expect(first.html).toContain(`<div class="document-no">${first.number}</div>`);
    expect(first.html).toContain('<div class="issuing-body">曲塘镇人民政府</div>');
    expect(first.html).toContain('@page { size: A4;');
    expect(first.html).toMatch(/^<!doctype html>[\s\S]*<\/html>\n?$/);
  });

  it('refuses to publish a version naming a template it does not carry, or with unescaped output, and publishes nothing', async () => {
    const unknown = await failure(publish(server, 3, '第三版。', 'doc-probe/missing'));
    expect(unknown.status).toBe(409);
    expect(unknown.body).toMatchObject({ code: 'invalid_definition', message: expect.stringContaining('流程“doc-probe”第 3 版的文书模板有 1 个问题，不能发布') });
    expect(unknown.body.errors).toEqual([{ path: '/definition/steps/review/actions/approve/effects/0/args/template', message: '未知的文书模板“doc-probe/missing”：templates/doc-probe/ 中没有 missing.hbs。' }]);

    const unescaped = await failure(publish(server, 3, '{{{caseNo}}}'));
    expect(unescaped.status).toBe(409);
    expect(unescaped.body.errors).toEqual([{ path: '/templates/documents/decision', message: '第 1 行不允许不转义的输出（{{{ }}} 或 {{& }}）：文书中的一切取值都须转义。' }]);

    const su = await server.superuser();
    expect((await su.collection('workflow_definitions').getFullList({ filter: 'key = "doc-probe"' })).map((d) => d.version).sort()).toEqual([1, 2]);
  });

  it('checks a version again when it is published later: a draft without its templates cannot be published', async () => {
    const su = await server.superuser();
    const draft = await su.collection('workflow_definitions').create({ key: 'doc-probe', version: 3, status: 'draft', name: '文书版本探针', definition: definition(3) });
    const published = await failure(su.collection('workflow_definitions').update(draft.id, { status: 'published' }));
    expect(published.status).toBe(409);
    expect(published.body.errors).toEqual([{ path: '/definition/steps/review/actions/approve/effects/0/args/template', message: '未知的文书模板“doc-probe/decision”：templates/doc-probe/ 中没有 decision.hbs。' }]);
    expect((await su.collection('workflow_definitions').getOne(draft.id)).status).toBe('draft');
  });

  it('number each issuer on its own counter, with the unit’s own 机关代字 where it has one', async () => {
    await publish(server, 4, '县级决定。', undefined, 'county');
    const byCounty = await approvedDocument(await submitted());
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    expect(byCounty.number).toBe(`海民发〔${year}〕1号`);
    expect(byCounty.html).toContain('<div class="issuing-body">海安市民政局</div>');

    const su = await server.superuser();
    const county = await su.collection('org_units').getFirstListItem('level = "county"');
    await su.collection('org_units').update(county.id, { document_code: '海民救' });
    expect((await approvedDocument(await submitted())).number).toBe(`海民救〔${year}〕2号`);
  });
});
