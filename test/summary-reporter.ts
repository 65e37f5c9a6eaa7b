/**
 * A Vitest reporter that ends the run with one plain line, `tests: N passed, N failed, N skipped`, which
 * CI reads to tell a run that executed tests from one that executed none.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<unknown>,
  ): void {
    let passed = 0;
    // A file or a suite that fails outside any test (an import, a beforeAll hook) counts as a failure
    // too, even though vitest then reports its tests as skipped.
    let failed =
      unhandledErrors.length +
      testModules.reduce(
        (n, m) =>
          n +
          m.errors().length +
          [...m.children.allSuites()].reduce((k, suite) => k + suite.errors().length, 0),
        0,
      );
    let skipped = 0;
    for (const m of testModules) {
      for (const test of m.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') {
          passed++;
        } else if (state === 'failed') {
          failed++;
        } else {
          skipped++;
        }
      }
    }
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
