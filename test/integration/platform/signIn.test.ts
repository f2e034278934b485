import PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../../server/demo/demoCounty.js';
import { failure } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

const email = (user: string) => `${user}@demo.tongban`;
const hasChinese = /[\u4e00-\u9fff]/;

describe('signing in (等保三级): a mailed code for staff, lockout per account, limited sessions', () => {
  let server: TestServer;
  let clock: Date;
  const client = () => {
    const pb = new PocketBase(server.url);
    pb.autoCancellation(false);
    return pb;
  };
  /** A raw sign-in from an address (the server trusts X-Forwarded-For in this test). */
  const signInFrom = (address: string, user: string, password: string) =>
    fetch(`${server.url}/api/collections/users/auth-with-password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ identity: user.includes('@') ? user : email(user), password }),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as { code?: string; message?: string; token?: string; mfaId?: string } }));
  const advance = async (ms: number) => {
    clock = new Date(clock.getTime() + ms);
    await server.setClock(clock);
  };

  beforeAll(async () => {
    server = await startPocketBase({ simulatedClock: true });
    clock = new Date('2026-03-02T01:00:00Z');
    await server.setClock(clock);
    const su = await server.superuser();
    await su.settings.update({ trustedProxy: { headers: ['X-Forwarded-For'], useLeftmostIP: true } });
  });
  afterAll(() => server?.dispose());

  describe('multi-factor sign-in for officers and administrators', () => {
    it('gives an officer no token for the password alone, only an MFA step', async () => {
      const answer = await signInFrom('203.0.113.10', 'township-a', demoPassword);
      expect(answer.status).toBe(401);
      expect(answer.body.token).toBeUndefined();
      expect(answer.body.mfaId).toMatch(/\w+/);
    });

    it('gives an officer no token for a mailed code alone either', async () => {
      const pb = client();
      const { otpId } = await pb.collection('users').requestOTP(email('county'));
      const refused = await failure(pb.collection('users').authWithOTP(otpId, await server.lastOtp(email('county'))));
      expect(refused.status).toBe(401);
      expect(pb.authStore.isValid).toBe(false);
    });

    it('signs an officer and an administrator in with the password and the code mailed to them', async () => {
      for (const user of ['village-a2', 'admin']) {
        const pb = client();
        const mfaId = ((await failure(pb.collection('users').authWithPassword(email(user), demoPassword))).body as { mfaId?: string }).mfaId;
        expect(mfaId, user).toBeTruthy();
        const { otpId } = await pb.collection('users').requestOTP(email(user));
        await pb.collection('users').authWithOTP(otpId, await server.lastOtp(email(user)), { mfaId });
        expect(pb.authStore.isValid, user).toBe(true);
        expect(pb.authStore.record?.email, user).toBe(email(user));
      }
    });

    it('refuses a wrong code in Chinese', async () => {
      const pb = client();
      const mfaId = ((await failure(pb.collection('users').authWithPassword(email('township-b'), demoPassword))).body as { mfaId?: string }).mfaId;
      const { otpId } = await pb.collection('users').requestOTP(email('township-b'));
      const code = await server.lastOtp(email('township-b'));
      const wrong = code === '000000' ? '111111' : '000000';
      const refused = await failure(pb.collection('users').authWithOTP(otpId, wrong, { mfaId }));
      expect(refused.status).toBe(400);
      expect(refused.body.message).toMatch(hasChinese);
      expect(pb.authStore.isValid).toBe(false);
    });

    it('lets an applicant sign in with the password alone', async () => {
      const answer = await signInFrom('203.0.113.11', 'applicant-b1', demoPassword);
      expect(answer.status).toBe(200);
      expect(answer.body.token).toBeTruthy();
    });
  });

  describe('lockout per account, with backoff', () => {
    it('locks an account after five wrong passwords, also against the right one and from another address', async () => {
      for (let i = 0; i < 5; i++) expect((await signInFrom('203.0.113.20', 'village-b1', 'guess-' + i)).status).toBe(400);
      const right = await signInFrom('203.0.113.20', 'village-b1', demoPassword);
      expect(right.status).toBe(429);
      expect(right.body.code).toBe('account_locked');
      expect(right.body.message).toMatch(/锁定.*1 分钟/);
      const elsewhere = await signInFrom('198.51.100.7', 'village-b1', demoPassword);
      expect(elsewhere.status).toBe(429);
      expect(elsewhere.body.code).toBe('account_locked');
    });

    it('does not lock out another account signing in from the guesser’s address (one office behind NAT)', async () => {
      const neighbour = await signInFrom('203.0.113.20', 'applicant-a1', demoPassword);
      expect(neighbour.status).toBe(200);
    });

    it('doubles the lock for each further failure, and forgets the failures after a sign-in', async () => {
      await advance(61_000);
      expect((await signInFrom('203.0.113.20', 'village-b1', 'guess-6')).status).toBe(400);
      // The sixth failure locks for two minutes.
      await advance(61_000);
      expect((await signInFrom('203.0.113.20', 'village-b1', demoPassword)).status).toBe(429);
      await advance(60_000);
      const after = await signInFrom('203.0.113.20', 'village-b1', demoPassword);
      expect(after.status).toBe(401); // the password is right: on to the mailed code
      const pb = client();
      const { otpId } = await pb.collection('users').requestOTP(email('village-b1'));
      await pb.collection('users').authWithOTP(otpId, await server.lastOtp(email('village-b1')), { mfaId: after.body.mfaId });
      expect(pb.authStore.isValid).toBe(true);
      for (let i = 0; i < 4; i++) expect((await signInFrom('203.0.113.20', 'village-b1', 'again-' + i)).status).toBe(400);
      expect((await signInFrom('203.0.113.20', 'village-b1', demoPassword)).status).toBe(401);
    });

    it('locks an unknown account alike, so a lock does not tell whether an account exists', async () => {
      for (let i = 0; i < 5; i++) expect((await signInFrom('203.0.113.21', 'nobody', 'guess-' + i)).status).toBe(400);
      const locked = await signInFrom('203.0.113.21', 'nobody', demoPassword);
      expect(locked.status).toBe(429);
      expect(locked.body.code).toBe('account_locked');
    });

    it('counts wrong mailed codes against the account too, across code requests', async () => {
      const pb = client();
      const mfaId = ((await failure(pb.collection('users').authWithPassword(email('township-a'), demoPassword))).body as { mfaId?: string }).mfaId;
      for (let request = 0; request < 2; request++) {
        const { otpId } = await pb.collection('users').requestOTP(email('township-a'));
        const code = await server.lastOtp(email('township-a'));
        const wrong = code === '000000' ? '111111' : '000000';
        for (let i = 0; i < (request === 0 ? 3 : 2); i++) expect((await failure(pb.collection('users').authWithOTP(otpId, wrong, { mfaId }))).status).toBe(400);
      }
      const { otpId } = await pb.collection('users').requestOTP(email('township-a'));
      const locked = await failure(pb.collection('users').authWithOTP(otpId, await server.lastOtp(email('township-a')), { mfaId }));
      expect(locked.status).toBe(429);
      expect(locked.body.code).toBe('account_locked');
      expect((await signInFrom('203.0.113.30', 'township-a', demoPassword)).body.code).toBe('account_locked');
      await advance(61_000);
    });
  });

  describe('session lifetime', () => {
    const expiresInSeconds = (token: string) => {
      const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number };
      return payload.exp - Date.now() / 1000;
    };

    it('issues tokens that end after 30 minutes without a refresh (the idle timeout)', async () => {
      const pb = await server.login('applicant-a1');
      expect(expiresInSeconds(pb.authStore.token)).toBeGreaterThan(29 * 60);
      expect(expiresInSeconds(pb.authStore.token)).toBeLessThanOrEqual(30 * 60);
    });

    it('refreshes a token once, within the session', async () => {
      const pb = await server.login('village-a1');
      const first = pb.authStore.token;
      await advance(10 * 60_000);
      await new Promise((r) => setTimeout(r, 1100)); // a token of another second, so not the same token
      await pb.collection('users').authRefresh();
      expect(pb.authStore.isValid).toBe(true);
      const replay = client();
      replay.authStore.save(first, pb.authStore.record);
      const refused = await failure(replay.collection('users').authRefresh());
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe('session_expired');
    });

    it('refuses to refresh past 12 hours after sign-in, however often the session was refreshed', async () => {
      const pb = await server.login('applicant-a1');
      for (let hour = 0; hour < 11; hour++) {
        await advance(60 * 60_000);
        await pb.collection('users').authRefresh();
      }
      await advance(31 * 60_000);
      const refused = await failure(pb.collection('users').authRefresh());
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe('session_expired');
      expect(refused.body.message).toMatch(/重新登录/);
      // A new sign-in starts a new session.
      const again = await server.login('applicant-a1');
      await again.collection('users').authRefresh();
      expect(again.authStore.isValid).toBe(true);
    });
  });
});
