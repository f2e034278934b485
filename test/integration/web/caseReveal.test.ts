import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../../server/build/buildWeb.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { launchChromium, signInPage } from '../../support/webSignIn.js';

describe('masked fields on the case page, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  // Loading every shipped process's demo cases takes minutes on a busy machine (the set grows with each process).
  beforeAll(async () => {
    await buildWeb();
    server = await startPocketBase({ demoCases: true });
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  const signIn = (email: string) => signInPage(browser, server, email);

  it('lets the accepting officer reveal a granted ID number with a reason, sends back only what they changed, and shows the applicant the reveal', async () => {
    const page = await signIn('township-b@demo.tongban');
    const commands: unknown[] = [];
    page.on('request', (r) => { if (r.url().endsWith('/commands')) commands.push(r.postDataJSON()); });
    await page.getByRole('link', { name: /乡镇受理：最低生活保障审核确认：李\*国/ }).click();
    await expect.poll(() => page.getByRole('heading', { name: '查看完整信息' }).count()).toBe(1);
    await page.getByLabel('查看理由').fill('核对户口簿');
    await page.getByRole('listitem').filter({ hasText: '公民身份号码（第1行）' }).getByRole('button', { name: '查看完整信息' }).click();
    await expect.poll(() => page.getByText('320621196207040015').count()).toBe(1);

    await page.getByRole('switch', { name: '材料齐全' }).check();
    await page.getByRole('button', { name: '受理', exact: true }).click();
    await expect.poll(() => page.getByText('操作成功。').count()).toBe(1);
    expect(commands).toHaveLength(1);
    expect((commands[0] as { data: unknown }).data).toEqual({ acceptance: { complete: true } });
    expect(JSON.stringify(commands[0])).not.toContain('*');
    await page.close();

    const own = await signIn('applicant-b1@demo.tongban');
    await own.getByRole('link', { name: /DIBAO-\d{4}-\d{6}/ }).first().click();
    await expect.poll(() => own.getByText(/孙庄街道 社会事务办（孙庄街道）查看了完整信息：公民身份号码（第1行）（核对户口簿）/).count()).toBe(1);
    await own.close();
  });
});
