import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { command, openCase } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

describe('the documents of a case', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startPocketBase();
  });
  afterAll(() => server?.dispose());

  it('are the township’s own 不予受理通知书 when it refuses to accept: its reasons, both appeal routes, and no county notice', async () => {
    const a1 = await server.login('applicant-a1');
    const opened = await openCase(a1, demoHousehold);
    const submitted = await command(a1, opened.case, 'submit');
    const refused = await command(await server.login('township-a'), submitted.case, 'refuseAcceptance', { comment: '申请人户籍不在本镇，应向户籍所在地提出申请' });
    expect(refused.case).toMatchObject({ step: 'notAccepted', status: 'done', outcome: 'rejected' });

    const docs = await a1.collection('documents').getFullList({ filter: `application = "${opened.case.id}"` });
    expect(docs.map((d) => d.title)).toEqual(['最低生活保障申请不予受理通知书']);
    const html = docs[0]!.html as string;
    expect(html).toContain('不符合受理条件，决定不予受理');
    expect(html).toContain('<li>申请人户籍不在本镇，应向户籍所在地提出申请</li>');
    expect(html).toContain('六十日内向海安市人民政府申请行政复议');
    expect(html).toContain('六个月内依法向人民法院提起行政诉讼');
    expect(html).toMatch(/<p class="sign">曲塘镇人民政府<br>/);
    expect(html).not.toContain('民政局');
    // Numbered by the township that issues it (发文字号), on the A4 page of the shared layout.
    expect(docs[0]!.number).toMatch(/^曲政发〔\d{4}〕\d+号$/);
    expect(html).toContain(`<div class="document-no">${docs[0]!.number}</div>`);
  });

  it('carry the number the issuing unit’s counter gave, one after another, also when its code holds a character HTML escapes', async () => {
    // Rendered before the write lock with a stand-in number, numbered under it: the stand-in never shows.
    const su = await server.superuser();
    const township = await su.collection('org_units').getFirstListItem('name = "曲塘镇"');
    await su.collection('org_units').update(township.id, { document_code: '曲政<办>&发' });
    const a1 = await server.login('applicant-a1');
    const refuse = async () => {
      const opened = await openCase(a1, demoHousehold);
      const submitted = await command(a1, opened.case, 'submit');
      await command(await server.login('township-a'), submitted.case, 'refuseAcceptance', { comment: '材料不全' });
      return (await a1.collection('documents').getFullList({ filter: `application = "${opened.case.id}"` }))[0]!;
    };
    const first = await refuse();
    const second = await refuse();
    const sequence = (n: string) => Number(/〕(\d+)号$/.exec(n)![1]);
    expect(first.number).toMatch(/^曲政<办>&发〔\d{4}〕\d+号$/);
    expect(sequence(second.number as string)).toBe(sequence(first.number as string) + 1);
    for (const d of [first, second]) {
      expect(d.html).toContain(`<div class="document-no">${(d.number as string).replace('<', '&lt;').replace('>', '&gt;').replace('&发', '&amp;发')}</div>`);
      expect(d.html).not.toContain('99999999999');
    }
    await su.collection('org_units').update(township.id, { document_code: '' });
  });

  it('are the township’s 终止办理告知书 when the applicant withdraws a submitted application, and nothing for a draft', async () => {
    const a1 = await server.login('applicant-a1');
    const draft = await openCase(a1, demoHousehold);
    await command(a1, draft.case, 'withdraw');
    expect(await a1.collection('documents').getFullList({ filter: `application = "${draft.case.id}"` })).toEqual([]);

    const opened = await openCase(a1, demoHousehold);
    const submitted = await command(a1, opened.case, 'submit');
    const withdrawn = await command(a1, submitted.case, 'withdraw');
    expect(withdrawn.case).toMatchObject({ status: 'done', outcome: 'withdrawn' });
    const docs = await a1.collection('documents').getFullList({ filter: `application = "${opened.case.id}"` });
    expect(docs.map((d) => d.title)).toEqual(['终止办理告知书']);
    expect(docs[0]!.html).toMatch(/<p class="sign">曲塘镇人民政府<br>/);
    expect(docs[0]!.html).not.toMatch(/不予|行政复议/);
  });
});
