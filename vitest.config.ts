import { defineConfig } from 'vitest/config';

// CLI tests start real processes (and worker pools) on a 2-core machine: allow them time.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // every temporary file of the run under one folder, removed at the end (KEEP_TEST_TMP=1 keeps it)
    globalSetup: ['test/support/tmp-root.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
