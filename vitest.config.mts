import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // End-to-end tests start servers and bundles; two cores run two files at once at most.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
