import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../../server/build/buildWeb.js';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { png, uploadAttachment } from '../../support/attachments.js';
import { command, openCase } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { launchChromium, signInPage } from '../../support/webSignIn.js';

/** A 1×1 PNG. */

describe('an officer opening a case that has an attachment, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let caseNumber: string;
  beforeAll(async () => {
    await buildWeb();
    server = await startPocketBase();
    browser = await launchChromium();
    const a1 = await server.login('applicant-a1');
    const opened = await openCase(a1, demoHousehold);
    const record = await uploadAttachment(a1, opened.case.id, png(), '户口簿 320621195503120023.png');
    const documents = [{ name: '户口簿 320621195503120023.png', size: 67, type: 'image/png', file: `${record.id}/${record.file as string}` }];
    const submitted = await command(a1, opened.case, 'submit', { data: { applicant: { ...demoHousehold.applicant, documents } } });
    caseNumber = submitted.case.caseNo;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('shows the township officer the uploaded scan with a working link on the 申请人 tab, the page staying responsive, and never the ID number in its name', async () => {
    const page = await signInPage(browser, server, 'township-a@demo.tongban');
    await page.getByRole('link', { name: new RegExp(caseNumber) }).first().click();
    await page.getByRole('button', { name: /申请人/ }).first().click();
    const link = page.locator('tb-attachments-field').getByRole('link');
    await expect.poll(() => link.count(), { timeout: 10_000 }).toBe(1);
    // A page caught in a render loop cannot answer this within the poll.
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
    expect(await link.textContent()).not.toContain('320621195503120023');
    const href = await link.getAttribute('href');
    const file = await fetch(href!);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    await expect.poll(() => page.locator('tb-attachments-field img').count()).toBe(1);
    await page.close();
  });
});
