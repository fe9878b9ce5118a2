import { defineConfig } from 'vitest/config';

/** The web interface's tests: journeys in Chromium (playwright-core) and session checks. */
export default defineConfig({
  test: {
    include: ['test/web/**/*.test.ts', 'test/web/**/*.test.tsx'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One file at a time: Chromium and PGlite together fill both cores of the build machines.
    maxWorkers: 1,
  },
});
