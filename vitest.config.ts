import { readFileSync, globSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const include = ['src/**/*.test.{ts,tsx}', 'test/**/*.test.ts'];

/**
 * Test files that need a database, a server or a browser: those that open a test database, start the
 * product, run the `minewatch` command or drive Chromium. Everything else is a pure or unit test and belongs to `npm run test:fast`.
 */
const slowMarkers =
  /createTestDatabase|createWorldDatabase|useWorldApp|startServer|launchBrowser|useWebSession|runMinewatch|spawnMinewatchServe/;
const slowFiles = include
  .flatMap((pattern) => globSync(pattern))
  .filter((file) => file.startsWith('test/e2e/') || slowMarkers.test(readFileSync(file, 'utf8')));

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'fast', include, exclude: slowFiles },
      },
      {
        extends: true,
        test: {
          name: 'db',
          include: slowFiles,
          // Migrates the template databases once; each test file clones one (test/helpers/templates.ts).
          globalSetup: ['test/helpers/global-setup.ts'],
          // The files of a worker share one module graph instead of importing the whole server again per
          // file (half the suite's CPU time). They share no state: each opens its own database clone and
          // app, and nothing is mocked or kept in module globals.
          isolate: false,
          // Real processes, browsers and thousands of requests: a ceiling for a loaded 2-core machine that
          // still ends a hung test, not a speed requirement (speed is measured by the benchmarks).
          testTimeout: 300_000,
        },
      },
    ],
  },
});
