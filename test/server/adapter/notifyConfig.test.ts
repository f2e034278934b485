import { describe, expect, it } from 'vitest';
import { backoffAfter, maxBackoffSeconds, type NotifyConfig } from '../../../server/adapter/notifyConfig.js';

const config: NotifyConfig = { sms: null, webhook: null, timeoutSeconds: 10, maxAttempts: 8, backoffSeconds: 60 };

describe('the wait between notification attempts', () => {
  it('starts at the base and doubles after each failure', () => {
    expect([1, 2, 3, 4].map((n) => backoffAfter(config, n))).toEqual([60, 120, 240, 480]);
  });

  it('never exceeds six hours', () => {
    expect(backoffAfter(config, 30)).toBe(maxBackoffSeconds);
    expect(maxBackoffSeconds).toBe(6 * 3600);
  });
});
