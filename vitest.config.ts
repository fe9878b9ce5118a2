import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // The web pages' tests drive a browser: `npm run test:browser` (vitest.browser.config.ts); the
    // *.server.test.ts files need a PostgreSQL server: `npm run test:server` (vitest.server.config.ts).
    exclude: [...configDefaults.exclude, 'test/web/**', 'test/**/*.server.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two cores here: two files at a time keeps PGlite start-up from starving the timers.
    maxWorkers: 2,
  },
});
