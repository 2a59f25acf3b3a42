import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // One build for the suites; a real Postgres for the store's tests (started here unless .ci/run gave one).
    globalSetup: ['tests/support/global-setup.ts', 'tests/support/postgres-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
