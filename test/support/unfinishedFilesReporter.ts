/**
 * A vitest reporter that names the test files which never reported a result. When a worker process
 * dies while it runs a file (a crash, a kill from outside), vitest says only "Worker exited
 * unexpectedly" and counts one file short; the default reporter prints the files that finished, so
 * the one lost is found only by diffing the whole log against the suite. This reporter prints it at
 * the end of the run, where a log's tail shows it.
 */
import type { Reporter, TestModule } from 'vitest/node';

/** The files of a run that have no result, with their tests that have none, as printed lines. */
export function unfinishedFileLines(modules: ReadonlyArray<TestModule>): string[] {
  const lines: string[] = [];
  for (const module of modules) {
    const state = module.state();
    if (state !== 'pending' && state !== 'queued') continue;
    lines.push(`  ${module.relativeModuleId} (${state})`);
    for (const test of module.children.allTests()) {
      if (test.result().state === 'pending') lines.push(`    · ${test.fullName}`);
    }
  }
  return lines;
}

/** Prints, after a run, each test file that never reported, and its tests without a result. */
export default class UnfinishedFilesReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const lines = unfinishedFileLines(modules);
    if (lines.length === 0) return;
    process.stdout.write(`\n未报告结果的测试文件 / Test files that never reported a result:\n${lines.join('\n')}\n`);
  }
}
