/**
 * Overlapping reads of one page's data, of which only the latest may be shown. A page reads again
 * when a filter is submitted, a realtime signal arrives or a subscription takes hold, and the
 * answers come back in any order: an earlier read that answers late must not put back what a filter
 * no longer asked for.
 */
export class LatestOnly {
  private started = 0;

  /**
   * Runs `read`, then `show` with its answer — or `fail` with its error — only if no later run
   * started meanwhile; an outrun read's answer and error are dropped.
   */
  async run<T>(read: () => Promise<T>, show: (answer: T) => void, fail: (error: unknown) => void): Promise<void> {
    const run = ++this.started;
    let answer: T;
    try {
      answer = await read();
    } catch (error) {
      if (run === this.started) fail(error);
      return;
    }
    if (run === this.started) show(answer);
  }
}
