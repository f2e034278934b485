/**
 * Signing in to the web app in Chromium as a person does: the password, and for staff the code
 * mailed to them (test servers keep mail, see {@link TestServer.lastOtp}).
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { demoPassword } from '../../server/demo/demoCounty.js';
import type { TestServer } from './pocketbase.js';

/** The flags Chromium runs with in the tests (no network of its own, no sandbox as root). */
const chromiumArgs = ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Starts the system Chromium (`CHROMIUM_PATH` overrides its place), headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
}

/** Opens the app on a phone-sized page and signs in as `email`; staff type their mailed code. */
export async function signInPage(browser: Browser, server: TestServer, email: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  await page.goto(`${server.url}/`);
  await page.getByLabel('账号（邮箱）').fill(email);
  await page.getByLabel('密码').fill(demoPassword);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  if (!email.startsWith('applicant-')) {
    await expect.poll(() => page.getByRole('heading', { name: '输入验证码' }).count()).toBe(1);
    await page.getByLabel('邮箱验证码').fill(await server.lastOtp(email));
    await page.getByRole('button', { name: '确认登录' }).click();
  }
  return page;
}
