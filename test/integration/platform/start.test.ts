import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PocketBase from 'pocketbase';
import { afterAll, describe, expect, it } from 'vitest';
import { demoAccounts, demoPassword } from '../../../server/demo/demoCounty.js';
import { failure } from '../../support/commands.js';
import { freePort } from '../../support/pocketbase.js';

const projectRoot = path.resolve(import.meta.dirname, '../../..');
const tsx = path.join(projectRoot, 'node_modules/.bin/tsx');

/** `npm start` as a user runs it (without npm in between), with its output collected. */
function npmStart(env: Record<string, string>) {
  const child: ChildProcess = spawn(tsx, ['server/start/main.ts'], { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => ({ stdout, stderr }),
    async waitFor(text: string, timeoutMs = 90_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!stdout.includes(text)) {
        if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${stdout}\n${stderr}`);
        if (Date.now() > deadline) throw new Error(`timed out waiting for "${text}":\n${stdout}\n${stderr}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}

describe('npm start', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tongban-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts, prints the address and the demo accounts, serves the app and stops cleanly on Ctrl-C', async () => {
    const port = await freePort();
    const run = npmStart({ TONGBAN_PORT: String(port), TONGBAN_DATA_DIR: dataDir });
    await run.waitFor('Ctrl-C');
    const { stdout } = run.output();
    expect(stdout).toContain(`http://127.0.0.1:${port}/`);
    expect(stdout).toContain(demoPassword);
    for (const account of demoAccounts) expect(stdout).toContain(account.email);
    const loader = JSON.parse(readFileSync(path.join(dataDir, 'tongban-loader.json'), 'utf8')) as { email: string; password: string };
    expect(stdout).not.toContain(loader.password);

    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);

    // The demo mails no one: an officer's sign-in code is printed, and signs them in.
    const pb = new PocketBase(`http://127.0.0.1:${port}`);
    const mfaId = ((await failure(pb.collection('users').authWithPassword('county@demo.tongban', demoPassword))).body as { mfaId?: string }).mfaId;
    const { otpId } = await pb.collection('users').requestOTP('county@demo.tongban');
    await run.waitFor('登录验证码 (sign-in code) county@demo.tongban: ');
    const code = /登录验证码 \(sign-in code\) county@demo\.tongban: (\d+)/.exec(run.output().stdout)![1]!;
    await pb.collection('users').authWithOTP(otpId, code, { mfaId });
    expect(pb.authStore.record?.email).toBe('county@demo.tongban');

    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
  });

  it('changes nothing when started again over the same data', async () => {
    const port = await freePort();
    const run = npmStart({ TONGBAN_PORT: String(port), TONGBAN_DATA_DIR: dataDir });
    await run.waitFor('Ctrl-C');
    expect(run.output().stdout).toContain('(workflows published this start): 0; 演示数据新建 (demo records created): 0');
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('says in Chinese and English that the port is taken, without a stack trace', async () => {
    const port = await freePort();
    const blocker = createServer().listen(port, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    try {
      const run = npmStart({ TONGBAN_PORT: String(port), TONGBAN_DATA_DIR: dataDir });
      expect(await run.exited).toBe(1);
      const { stderr } = run.output();
      expect(stderr).toContain('端口已被占用');
      expect(stderr).toContain(`Port in use: http://127.0.0.1:${port}`);
      expect(stderr).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  });

  it('says the PocketBase binary is missing or broken, without a stack trace', async () => {
    const port = String(await freePort());
    const missing = npmStart({ TONGBAN_PORT: port, TONGBAN_DATA_DIR: dataDir, TONGBAN_POCKETBASE_BIN: path.join(dataDir, 'no-such-pocketbase') });
    expect(await missing.exited).toBe(1);
    expect(missing.output().stderr).toContain('找不到 PocketBase 程序');
    expect(missing.output().stderr).toContain('PocketBase binary not found');
    expect(missing.output().stderr).not.toMatch(/\n\s+at /);

    const broken = path.join(dataDir, 'broken-pocketbase');
    writeFileSync(broken, 'not a program');
    chmodSync(broken, 0o755);
    const run = npmStart({ TONGBAN_PORT: port, TONGBAN_DATA_DIR: dataDir, TONGBAN_POCKETBASE_BIN: broken });
    expect(await run.exited).toBe(1);
    expect(run.output().stderr).toContain('PocketBase 无法运行');
    expect(run.output().stderr).toContain('PocketBase could not run');
    expect(run.output().stderr).not.toMatch(/\n\s+at /);
  });
});
