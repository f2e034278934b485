import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { buildHooks, hookBundlePath, trustBundlePath } from '../../../server/build/buildHooks.js';

describe('buildHooks', () => {
  it('builds the adapter once and skips the work while its inputs are unchanged', async () => {
    await buildHooks();
    expect(await buildHooks()).toBe(false);
  }, 60_000);

  it('produces a CommonJS bundle that loads in a bare VM without Node, exposing the routes the loader calls', async () => {
    await buildHooks();
    const source = readFileSync(hookBundlePath, 'utf8');
    expect(source).not.toMatch(/\brequire\((["'])node:/);
    const module = { exports: {} as Record<string, unknown> };
    runInNewContext(source, { module, exports: module.exports, console });
    const routes = module.exports.routes as Record<string, unknown>;
    for (const name of ['openCase', 'getCase', 'sendCommand', 'getActions', 'verifyCase', 'claimTask', 'releaseTask', 'reassignTask', 'sweep', 'setClock']) {
      expect(typeof routes[name], name).toBe('function');
    }
    expect(typeof module.exports.onCron).toBe('function');
    expect(typeof module.exports.onServerStart).toBe('function');
  }, 60_000);

  it('bundles the trust layer apart, small enough for every request’s VM to load, with the hooks its loader calls', async () => {
    await buildHooks();
    const source = readFileSync(trustBundlePath, 'utf8');
    expect(source.length).toBeLessThan(100_000);
    const module = { exports: {} as Record<string, unknown> };
    runInNewContext(source, { module, exports: module.exports, console });
    for (const name of ['guardRequest', 'onAuthWithPassword', 'onAuthRefresh', 'onAuthIssued', 'onOtpMail', 'onAttachmentCreate', 'lastOtp']) {
      expect(typeof module.exports[name], name).toBe('function');
    }
  }, 60_000);
});
