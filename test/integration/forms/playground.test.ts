import path from 'node:path';
import type { Browser } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../support/webSignIn.js';

const configFile = path.resolve(import.meta.dirname, '../../../forms/playground/vite.config.ts');

describe('the forms playground (npm run playground), in Chromium', () => {
  let server: ViteDevServer;
  let browser: Browser;
  let url: string;
  beforeAll(async () => {
    server = await createServer({ configFile, server: { port: 0, strictPort: false }, logLevel: 'error' });
    await server.listen();
    url = server.resolvedUrls!.local[0]!;
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens with the 低保 application in the live form beside its schema', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    await expect.poll(() => page.getByRole('heading', { name: '申请人', exact: true }).count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => page.getByLabel('姓名').first().inputValue()).toBe('王秀英');
    expect(await page.locator('#editor').inputValue()).toContain('"title": "申请人"');
    await page.close();
  }, 60_000);

  it('redraws the form when the data is edited, and names a JSON mistake in Chinese without losing the form', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    await page.getByRole('tab', { name: '数据' }).click();
    const editor = page.locator('#editor');
    const data = JSON.parse(await editor.inputValue()) as { applicant: { name: string } };
    data.applicant.name = '赵桂兰';
    await editor.fill(JSON.stringify(data));
    await expect.poll(() => page.getByLabel('姓名').first().inputValue()).toBe('赵桂兰');
    await editor.fill('{ "applicant": ');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: '数据不是合法的 JSON' }).count()).toBe(1);
    expect(await page.getByLabel('姓名').first().inputValue()).toBe('赵桂兰');
    await page.close();
  }, 60_000);
});
