/**
 * The real-PocketBase test harness: boots Tongban exactly as `npm start` does, on a free port and
 * a temp data folder, and hands out PocketBase JS SDK clients signed in as the demo users.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PocketBase, { isTokenExpired, type ClientResponseError, type RecordModel } from 'pocketbase';
import { demoPassword } from '../../server/demo/demoCounty.js';
import { bootTongban, type BootedTongban } from '../../server/start/bootTongban.js';
import { startPocketBaseProcess, type PocketBaseProcess } from '../../server/start/pocketbaseProcess.js';

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** A running test server. */
export interface TestServer {
  url: string;
  dataDir: string;
  booted: BootedTongban;
  /**
   * An SDK client signed in as a demo user (e.g. `applicant-a1`, or any account's email with its
   * password); for officers and administrators
   * it completes the one-time code step with the code the server kept (see {@link TestServer.lastOtp}).
   */
  login(user: string, password?: string): Promise<PocketBase>;
  /** The last one-time sign-in code mailed to an address (the test servers keep mail in memory). */
  lastOtp(email: string): Promise<string>;
  /** The code mailed for one code request (`otpId` from request-otp): unlike {@link lastOtp}, never an earlier request's. */
  otpOf(otpId: string): Promise<string>;
  /** An SDK client signed in as the superuser. */
  superuser(): Promise<PocketBase>;
  /** Sets the simulated clock (servers started with `simulatedClock`). */
  setClock(at: Date): Promise<void>;
  /** Runs the timer sweep now; returns how many timers fired. */
  sweep(): Promise<number>;
  /** Stops the server cleanly. */
  stop(): Promise<void>;
  /** Kills the server with SIGKILL. */
  kill9(): Promise<void>;
  /** Starts the server again on the same port and data folder. */
  restart(): Promise<void>;
  /** The running PocketBase process's id (a new one after {@link restart}), for /proc figures. */
  pid(): number | undefined;
  /** The running server's recent output (PocketBase's log and the hooks' console). */
  output(): string;
  /** Stops the server and deletes its data folder. */
  dispose(): Promise<void>;
}

/** Options for {@link startPocketBase}. */
export interface StartOptions {
  /** Start with the simulated clock (`TONGBAN_TEST_CLOCK=1`), driven by {@link TestServer.setClock}. */
  simulatedClock?: boolean;
  /** Also create the demo cases through the command routes (default false). */
  demoCases?: boolean;
  /** Extra environment for PocketBase and its hooks. */
  env?: Record<string, string>;
  /** How long {@link TestServer.restart} waits for the server to answer (default 60 s). */
  restartTimeoutMs?: number;
}

/** Boots a fresh Tongban server for a test file. */
export async function startPocketBase(options: StartOptions = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tongban-test-'));
  const port = await freePort();
  // Mail stays in memory (TONGBAN_MAIL_SINK=memory): the harness reads sign-in codes back.
  const env: Record<string, string> = { TONGBAN_MAIL_SINK: 'memory', ...(options.simulatedClock ? { TONGBAN_TEST_CLOCK: '1' } : {}), ...options.env };
  let booted: BootedTongban;
  try {
    booted = await bootTongban({ port, dataDir, env, demoCases: options.demoCases ?? false });
  } catch (e) {
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  let server: PocketBaseProcess = booted.server;
  const url = server.url;
  // One superuser sign-in per server, reused while its token is valid: the harness asks for it on
  // every clock change, sweep and mailed code, and sign-ins are rate-limited per address (60 a minute).
  let superuserClient: Promise<PocketBase> | undefined;
  const superuser = async () => {
    const cached = superuserClient && (await superuserClient.catch(() => undefined));
    if (cached?.authStore.isValid) return cached;
    superuserClient = (async () => {
      const pb = new PocketBase(url);
      pb.autoCancellation(false);
      await pb.collection('_superusers').authWithPassword(booted.superuser.email, booted.superuser.password);
      return pb;
    })();
    return superuserClient;
  };
  const signingIn = new Map<string, Promise<unknown>>();
  const mfaSessions = new Map<string, { token: string; record: RecordModel }>();
  const mailedOtp = async (query: { email: string } | { otpId: string }) => {
    const su = await superuser();
    // The code is mailed beside the answer to request-otp; wait for it briefly.
    for (let tries = 0; ; tries++) {
      try {
        return (await su.send<{ otp: string }>('/api/tongban/test/otp', { query })).otp;
      } catch (e) {
        if (tries >= 50) throw e;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };
  return {
    url,
    dataDir,
    booted,
    login(user, password = demoPassword) {
      const email = user.includes('@') ? user : `${user}@demo.tongban`;
      // One sign-in per account at a time. An account that needs a mailed code does the whole flow
      // once per server and its later clients share that session's token while it has more than 15
      // minutes to live (an officer's lives 30): PocketBase allows 5 code sign-ins per account and
      // address in 3 minutes, fewer than some tests open clients, and a run longer than a token
      // (the county's year, which asks again every 20 minutes) gets a fresh one.
      const signedIn = (signingIn.get(email) ?? Promise.resolve()).catch(() => undefined).then(async () => {
        const pb = new PocketBase(url);
        pb.autoCancellation(false);
        const shared = mfaSessions.get(email);
        if (shared && !isTokenExpired(shared.token, 15 * 60)) {
          pb.authStore.save(shared.token, shared.record);
          return pb;
        }
        try {
          await pb.collection('users').authWithPassword(email, password);
        } catch (e) {
          const mfaId = (e as ClientResponseError).response?.mfaId as string | undefined;
          if (!mfaId) throw e;
          const { otpId } = await pb.collection('users').requestOTP(email);
          await pb.collection('users').authWithOTP(otpId, await mailedOtp({ otpId }), { mfaId });
          mfaSessions.set(email, { token: pb.authStore.token, record: pb.authStore.record! });
        }
        return pb;
      });
      signingIn.set(email, signedIn);
      return signedIn;
    },
    lastOtp: (email) => mailedOtp({ email }),
    otpOf: (otpId) => mailedOtp({ otpId }),
    superuser,
    async setClock(at) {
      const pb = await superuser();
      await pb.send('/api/tongban/test/clock', { method: 'POST', body: { now: at.toISOString() } });
    },
    async sweep() {
      const pb = await superuser();
      const res = await pb.send<{ fired: number }>('/api/tongban/admin/sweep', { method: 'POST' });
      return res.fired;
    },
    stop: () => server.stop(),
    kill9: () => server.kill9(),
    async restart() {
      // Whatever ran on the data folder meanwhile (another boot re-setting the superuser) may have
      // ended the kept superuser session: sign in afresh after a restart.
      superuserClient = undefined;
      server = await startPocketBaseProcess({ port, dataDir, env, ...(options.restartTimeoutMs ? { readyTimeoutMs: options.restartTimeoutMs } : {}) });
    },
    pid: () => server.child.pid,
    output: () => server.output(),
    async dispose() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
