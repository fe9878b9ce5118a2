import { configDefaults, defineConfig } from 'vitest/config';

/**
 * `npm run test:server`: the storage, API and backup tests against a real PostgreSQL 15+ server
 * with pgvector, named by TEST_DATABASE_URL (a user that may create databases; each test file gets
 * its own, dropped afterwards). Refuses to run without it, so nothing passes by being skipped.
 */
if (!process.env.TEST_DATABASE_URL)
  throw new Error(
    'npm run test:server needs TEST_DATABASE_URL=postgres://user:password@host:port/db of a PostgreSQL 15+ ' +
      'server with pgvector 0.8+ (see .ci/postgres for one on loopback)',
  );

export default defineConfig({
  test: {
    include: [
      'test/storage/**/*.test.ts',
      'test/routes/**/*.test.ts',
      'test/matching/**/*.test.ts',
      'test/reliability/concurrency.test.ts',
      'test/reliability/crash.test.ts',
      'test/**/*.server.test.ts',
    ],
    exclude: [...configDefaults.exclude],
    // The crash tests kill and restart the service on a database of that server instead of DATA_DIR.
    env: { CRASH_ON_SERVER: '1' },
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
