import { describe, expect, it } from 'vitest';
import { LatestOnly } from '../../../web/src/components/latestOnly.js';

/** A read that answers (or fails) when the test says. */
function deferred<T>() {
  let answer!: (value: T) => void;
  let refuse!: (error: unknown) => void;
  const promise = new Promise<T>((resolve, reject) => { answer = resolve; refuse = reject; });
  return { promise, answer, refuse };
}

describe('LatestOnly', () => {
  it('shows the latest read’s answer, not an earlier one that answers after it', async () => {
    const reads = new LatestOnly();
    const shown: string[] = [];
    const first = deferred<string>();
    const second = deferred<string>();
    const firstRun = reads.run(() => first.promise, (a) => shown.push(a), () => shown.push('error'));
    const secondRun = reads.run(() => second.promise, (a) => shown.push(a), () => shown.push('error'));
    second.answer('filtered');
    await secondRun;
    first.answer('unfiltered');
    await firstRun;
    expect(shown).toEqual(['filtered']);
  });

  it('drops the error of an outrun read, and reports the latest read’s', async () => {
    const reads = new LatestOnly();
    const failed: unknown[] = [];
    const first = deferred<string>();
    const firstRun = reads.run(() => first.promise, () => undefined, (e) => failed.push(e));
    const secondRun = reads.run(() => Promise.reject(new Error('网络错误')), () => undefined, (e) => failed.push(e));
    first.refuse(new Error('超时'));
    await Promise.all([firstRun, secondRun]);
    expect(failed.map((e) => (e as Error).message)).toEqual(['网络错误']);
  });

  it('shows each read when they do not overlap', async () => {
    const reads = new LatestOnly();
    const shown: number[] = [];
    await reads.run(async () => 1, (a) => shown.push(a), () => undefined);
    await reads.run(async () => 2, (a) => shown.push(a), () => undefined);
    expect(shown).toEqual([1, 2]);
  });
});
