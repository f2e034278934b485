/**
 * `npm start`: builds the hook bundle and the web app, starts PocketBase on 127.0.0.1:8090 (or
 * `TONGBAN_PORT`) with its data in `./pb_data`, publishes the shipped workflows, loads the demo
 * county and prints the demo accounts. Ctrl-C stops it cleanly.
 */
import path from 'node:path';
import type { Readable } from 'node:stream';
import { parseOtpConsoleLine } from '../adapter/otpMailSink.js';
import { buildWeb } from '../build/buildWeb.js';
import { demoAccounts, demoPassword } from '../demo/demoCounty.js';
import { demoOrganisationAccounts } from '../demo/demoOrganisations.js';
import { bootTongban } from './bootTongban.js';
import { assertPortFree, findPocketBaseBinary } from './pocketbaseProcess.js';

/** Prints the sign-in codes the server writes on its output (TONGBAN_MAIL_SINK=console). */
function printSignInCodes(output: Readable | null): void {
  let pending = '';
  output?.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const code = parseOtpConsoleLine(line);
      if (code) console.log(`登录验证码 (sign-in code) ${code.email}: ${code.otp}`);
    }
  });
}

async function main(): Promise<void> {
  const port = Number(process.env.TONGBAN_PORT ?? 8090);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`TONGBAN_PORT 不是有效端口：${process.env.TONGBAN_PORT}\nTONGBAN_PORT is not a valid port.`);
  const dataDir = path.resolve(process.env.TONGBAN_DATA_DIR ?? 'pb_data');
  // Fail fast, before building, on the two most common set-up problems.
  findPocketBaseBinary();
  await assertPortFree(port);
  console.log('通办 Tongban：正在构建… (building)');
  await buildWeb();
  // TONGBAN_DEMO=0: a real bureau's server, without the demo county and its accounts.
  const demo = process.env.TONGBAN_DEMO !== '0';
  // The demo mails no one: staff sign-in codes are printed here (TONGBAN_MAIL_SINK=console).
  const mailSink = process.env.TONGBAN_MAIL_SINK ?? (demo ? 'console' : '');
  const booted = await bootTongban({ port, dataDir, inheritOutput: false, demo, env: mailSink ? { TONGBAN_MAIL_SINK: mailSink } : {} });
  const { server } = booted;
  printSignInCodes(server.child.stdout);
  console.log(`\n通办 Tongban 已启动 (running): ${server.url}/`);
  console.log(`数据目录 (data): ${dataDir}`);
  console.log(`已发布流程 (workflows published this start): ${booted.workflowsCreated}; 演示数据新建 (demo records created): ${(booted.demo?.created ?? 0) + booted.demoCasesCreated}`);
  if (demo) {
    console.log(`\n演示账号 (demo accounts), 密码 password: ${demoPassword}`);
    console.log('工作人员登录时的邮箱验证码显示在这里 (staff sign-in codes are printed here).');
    const listed = [...demoAccounts, ...demoOrganisationAccounts];
    const width = Math.max(...listed.map((a) => a.email.length));
    for (const a of listed) console.log(`  ${a.email.padEnd(width)}  ${a.description}`);
  }
  console.log('\n按 Ctrl-C 停止 (press Ctrl-C to stop).');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n收到 ${signal}，正在停止… (stopping)`);
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  server.child.on('exit', (code, signal) => {
    if (stopping) return;
    // A Ctrl-C in the terminal reaches PocketBase too; it may stop before our handler runs.
    if (code === 0 || signal === 'SIGINT' || signal === 'SIGTERM') {
      console.log('\nPocketBase 已停止 (stopped).');
      process.exit(0);
    } else {
      console.error(`PocketBase 意外退出 (exited unexpectedly), code ${code}\n${server.output()}`);
      process.exit(1);
    }
  });
}

main().catch((e: unknown) => {
  // A message, not a stack trace: the reader is a county bureau's administrator.
  console.error(`\n启动失败 (start failed): ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
