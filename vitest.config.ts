import { defineConfig } from 'vitest/config';

// CLI tests start real processes (and worker pools) on a 2-core machine: allow them time.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
