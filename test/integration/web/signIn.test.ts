import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../../server/build/buildWeb.js';
import { readShippedWorkflows } from '../../../server/start/loadWorkflows.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { launchChromium, signInPage } from '../../support/webSignIn.js';

describe('the web app served by PocketBase, in Chromium', () => {
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

  it('shows an officer the task queue of their township', async () => {
    const page = await signIn('township-b@demo.tongban');
    await expect.poll(() => page.getByRole('heading', { name: '待办任务' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('link', { name: /乡镇受理：最低生活保障审核确认：李\*国/ }).count()).toBe(1);
    await page.close();
  });

  it('shows an applicant their own cases and lets them open one', async () => {
    const page = await signIn('applicant-a1@demo.tongban');
    await expect.poll(() => page.getByRole('heading', { name: '我的申请' }).count()).toBe(1);
    // Every 低保 case of hers in the demo data (other processes' demo cases add their own numbers).
    const a1 = await server.login('applicant-a1');
    const own = await a1.collection('applications').getFullList({ filter: a1.filter('applicant = {:me} && workflow_key = "dibao"', { me: a1.authStore.record!.id }) });
    expect(own.length).toBeGreaterThan(0);
    const links = page.getByRole('link', { name: /DIBAO-\d{4}-\d{6}/ });
    await expect.poll(() => links.count()).toBe(own.length);
    await page.getByRole('link', { name: /提出申请|最低生活保障/ }).first().click();
    await expect.poll(() => page.getByRole('heading', { name: /最低生活保障审核确认/ }).count()).toBe(1);
    await page.close();
  });

  it('gives every page a real URL: a case opens by its address, survives a reload, the back button returns, and an unknown address says so', async () => {
    const page = await signIn('township-b@demo.tongban');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/work/tasks');
    await page.getByRole('link', { name: /乡镇受理：最低生活保障审核确认：李\*国/ }).click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/cases\/[a-z0-9]{15}$/);
    const caseUrl = page.url();
    await expect.poll(() => page.getByRole('heading', { name: /最低生活保障审核确认/ }).count()).toBe(1);
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { name: /最低生活保障审核确认/ }).count()).toBe(1);
    await page.goBack();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/work/tasks');
    await expect.poll(() => page.getByRole('heading', { name: '待办任务' }).count()).toBe(1);
    await page.goto(`${server.url}/no/such/page`);
    await expect.poll(() => page.getByRole('heading', { name: '找不到此页面' }).count()).toBe(1);
    await page.close();

    // Signed out, the same address asks for sign-in first.
    const stranger = await browser.newPage();
    await stranger.goto(caseUrl);
    await expect.poll(() => stranger.getByRole('heading', { name: '登录' }).count()).toBe(1);
    expect(new URL(stranger.url()).pathname).toBe('/sign-in');
    await stranger.close();
  });

  it('lets a township officer accept an application in the case form, with the applicant masked and the 受理 section writable', async () => {
    const page = await signIn('township-b@demo.tongban');
    const violations: string[] = [];
    const validatorModules: string[] = [];
    page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
    page.on('response', (r) => { if (r.url().includes('/validator.js')) validatorModules.push(`${r.status()} ${new URL(r.url()).pathname}`); });
    await page.getByRole('link', { name: /乡镇受理：最低生活保障审核确认：李\*国/ }).click();
    await expect.poll(() => page.getByRole('heading', { name: '申请材料' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('heading', { name: '受理', exact: true }).count()).toBe(1);
    await page.getByRole('switch', { name: '材料齐全' }).check();
    await page.getByRole('button', { name: /^1\. 申请人$/ }).click();
    await expect.poll(() => page.getByText('李*国').count()).toBeGreaterThan(0);
    expect(await page.getByLabel('姓名').count()).toBe(0);
    await page.getByRole('button', { name: '受理', exact: true }).click();
    await expect.poll(() => page.getByText('操作成功。').count()).toBe(1);
    await expect.poll(() => page.getByText('入户调查', { exact: true }).count()).toBeGreaterThan(0);
    // The form ran on its precompiled validator under the page's strict Content-Security-Policy.
    const dibaoVersion = readShippedWorkflows().find((w) => w.key === 'dibao')!.version;
    expect(validatorModules).toEqual([`200 /api/tongban/workflows/dibao/${dibaoVersion}/validator.js`]);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('lets an applicant finish a draft in the form: the summary leads to what is missing, then the application goes in', async () => {
    const page = await signIn('applicant-a1@demo.tongban');
    await page.getByRole('link', { name: /提出申请/ }).first().click();
    await expect.poll(() => page.getByRole('heading', { name: '申请人', exact: true }).count()).toBe(1);
    await page.getByRole('button', { name: '提交申请', exact: true }).click();
    // The form finds the household, income and assets sections missing before anything is sent, and shows where.
    await expect.poll(() => page.getByRole('alert').filter({ hasText: '还有3处需要修改' }).count()).toBe(1);
    // Every field of the form works on a page with a real URL: the region cascade loads its data (no 加载失败).
    expect(await page.getByText('加载失败，请重试。').count()).toBe(0);
    await page.getByRole('button', { name: '请填写“共同生活家庭成员”部分。' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '家庭成员', exact: true }).count()).toBe(1);
    await page.getByRole('button', { name: /添加家庭成员/ }).click();
    await page.getByLabel('第1行 姓名').fill('王秀英');
    await page.getByLabel('第1行 公民身份号码').fill('320621195503120023');
    await page.getByLabel('第1行 与申请人关系').selectOption('本人');
    await page.getByRole('button', { name: '请填写“家庭月收入”部分。' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '收入与财产', exact: true }).count()).toBe(1);
    await page.getByLabel('工资性收入').fill('600');
    await page.getByLabel('存款及有价证券（元）').fill('3000');
    await page.getByRole('button', { name: '提交申请', exact: true }).click();
    await expect.poll(() => page.getByText('申请已提交。').count()).toBe(1);
    await expect.poll(() => page.getByText('乡镇受理', { exact: true }).count()).toBeGreaterThan(0);
    await page.close();
  });

  it('asks an officer for the mailed code after the password, in Chinese, and lets them retry a wrong one', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.getByLabel('账号（邮箱）').fill('village-a1@demo.tongban');
    await page.getByLabel('密码').fill('tongban-demo');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: '输入验证码' }).count()).toBe(1);
    expect(await page.getByRole('status').textContent()).toContain('验证码已发送到您的邮箱');
    // Focus is on the code field, which says what it is for.
    expect(await page.evaluate(() => document.querySelector('tb-app')?.shadowRoot?.querySelector('tb-sign-in')?.shadowRoot?.activeElement?.id)).toBe('code');
    const code = await server.lastOtp('village-a1@demo.tongban');
    await page.getByLabel('邮箱验证码').fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: '确认登录' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('验证码不正确或已过期。');
    await page.getByLabel('邮箱验证码').fill(code);
    await page.getByRole('button', { name: '确认登录' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '待办任务' }).count()).toBe(1);
    await page.close();
  });

  it('tells a wrong password in Chinese', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.getByLabel('账号（邮箱）').fill('county@demo.tongban');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('账号或密码不正确。');
    await page.close();
  });
});
