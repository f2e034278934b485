import { describe, expect, it } from 'vitest';
import { errorAnswer } from '../../../server/adapter/errorAnswer.js';
import { afterFailure, lockoutPolicy } from '../../../server/adapter/loginLockout.js';
import { dashboardAllowed, dashboardMode } from '../../../server/adapter/securityHeaders.js';
import { absoluteLifetimeMs, idleTimeoutMs, mayRefresh } from '../../../server/adapter/sessionLimits.js';
import { extensionMatchesContent } from '../../../server/adapter/uploadTypes.js';

const bytes = (text: string) => Array.from(text, (c) => c.charCodeAt(0));
const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...bytes('<html>')];

describe('the trust layer’s rules', () => {
  it('locks an account at the fifth failure for a minute, and doubles the lock up to an hour', () => {
    const at = new Date('2026-03-02T01:00:00Z');
    let state = { failures: 0 } as ReturnType<typeof afterFailure>;
    for (let i = 1; i < lockoutPolicy.threshold; i++) state = afterFailure(state, at);
    expect(state.lockedUntil).toBeUndefined();
    state = afterFailure(state, at);
    expect(state.lockedUntil!.getTime() - at.getTime()).toBe(60_000);
    state = afterFailure(state, at);
    expect(state.lockedUntil!.getTime() - at.getTime()).toBe(120_000);
    for (let i = 0; i < 20; i++) state = afterFailure(state, at);
    expect(state.lockedUntil!.getTime() - at.getTime()).toBe(lockoutPolicy.maxLockMs);
  });

  it('forgets a run of failures a day after the last one', () => {
    const at = new Date('2026-03-02T01:00:00Z');
    const state = afterFailure({ failures: 4, lastFailureAt: at }, new Date(at.getTime() + lockoutPolicy.forgetAfterMs + 1));
    expect(state).toEqual({ failures: 1, lastFailureAt: new Date(at.getTime() + lockoutPolicy.forgetAfterMs + 1) });
  });

  it('lets a session refresh only while its new token ends within 12 hours of the sign-in', () => {
    const start = new Date('2026-03-02T01:00:00Z');
    expect(mayRefresh(start, new Date(start.getTime() + absoluteLifetimeMs - idleTimeoutMs))).toBe(true);
    expect(mayRefresh(start, new Date(start.getTime() + absoluteLifetimeMs - idleTimeoutMs + 1))).toBe(false);
  });

  it('accepts a file only when its extension names the type its bytes show', () => {
    expect(extensionMatchesContent('photo.png', png)).toBe(true);
    expect(extensionMatchesContent('photo.PNG', png)).toBe(true);
    expect(extensionMatchesContent('photo.html', png)).toBe(false);
    expect(extensionMatchesContent('photo', png)).toBe(false);
    expect(extensionMatchesContent('scan.jpeg', [0xff, 0xd8, 0xff, 0xe0])).toBe(true);
    expect(extensionMatchesContent('scan.pdf', bytes('%PDF-1.7'))).toBe(true);
    expect(extensionMatchesContent('scan.webp', bytes('RIFF\0\0\0\0WEBPVP8 '))).toBe(true);
    expect(extensionMatchesContent('page.html', bytes('<html>'))).toBe(false);
  });

  it('serves the dashboard on, off, or to this machine only; an unknown setting turns it off', () => {
    expect(dashboardAllowed(dashboardMode(''), '203.0.113.7')).toBe(true);
    expect(dashboardAllowed(dashboardMode('off'), '127.0.0.1')).toBe(false);
    expect(dashboardAllowed(dashboardMode('local'), '127.0.0.1')).toBe(true);
    expect(dashboardAllowed(dashboardMode('local'), '0000:0000:0000:0000:0000:0000:0000:0001')).toBe(true);
    expect(dashboardAllowed(dashboardMode('local'), '203.0.113.7')).toBe(false);
    expect(dashboardAllowed(dashboardMode('yes please'), '127.0.0.1')).toBe(false);
  });

  it('translates PocketBase’s errors to Chinese with JSON paths, and hides the detail of 5xx', () => {
    expect(errorAnswer({ status: 400, message: 'Failed to create record.', data: { file: { code: 'validation_required', message: 'Cannot be blank.' } } })).toEqual({
      status: 400,
      code: 'invalid_data',
      message: '提交的内容有误，未保存。',
      errors: [{ path: '/file', message: '此项必填。' }],
    });
    expect(errorAnswer({ status: 500, message: 'sql: database is locked' })).toEqual({ status: 500, code: 'internal', message: '服务器内部错误，请稍后再试。' });
    expect(errorAnswer({ status: 418, message: 'I am a teapot' }).message).toMatch(/[\u4e00-\u9fff]/);
  });
});
