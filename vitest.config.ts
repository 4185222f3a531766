import { defineConfig } from 'vitest/config';

/**
 * Three suites:
 *  unit – pure domain rules and server helpers, no database;
 *  api  – the HTTP API against a real database: embedded PGlite by default,
 *         PostgreSQL when TEST_DATABASE_URL is set (scripts/test-all.sh runs both);
 *  replication – a PostgreSQL primary and hot standby on loopback (needs PG_BIN);
 *  national – three provincial PostgreSQL servers and a national one over postgres_fdw (needs PG_BIN);
 *  e2e  – the built web client in Debian's Chromium through playwright-core.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/test/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'api',
          include: ['packages/server/test/api/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // One worker, the modules loaded once for every file (~4 s a file saved); api-setup.ts resets
          // what a file may leave behind in the process's environment.
          isolate: false,
          setupFiles: ['packages/server/test/api-setup.ts'],
        },
      },
      {
        test: {
          name: 'replication',
          include: ['tests/replication/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'national',
          include: ['tests/national/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // A browser test that fails once is run again (a click that landed during an animation on a loaded
          // machine); the first failure is still reported, with its screenshot and server log
          // (tests/e2e/harness.ts writes test-results/retried.log, scripts/summarize-results.mjs prints it).
          retry: 1,
        },
      },
    ],
  },
});
