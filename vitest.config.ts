import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (pure code, fast, parallel) and `integration` (each file starts a real
 * PocketBase on a free port and a temp dir, so files run one at a time on our 2 cores).
 */
export default defineConfig({
  test: {
    // A worker that dies mid-file leaves vitest saying only "Worker exited unexpectedly": this one
    // names the file and its tests at the end of the run.
    reporters: ['default', './test/support/unfinishedFilesReporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/integration/**', 'test/browser/**', 'test/bench/**'],
          environment: 'node',
          // A few unit tests start the CLI as a process or read the country's division lists; on a
          // busy 2-core machine those take longer than vitest's 5 s default.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // A page's first visit can wait for a cold PocketBase JS VM to load the hook bundle
          // (seconds on a busy machine); polls assert what appears, not how fast.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
