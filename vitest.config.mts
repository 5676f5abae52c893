import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Mirrors tsconfig `paths`: shared/toolkit.ts uses @actions/core's files that its exports map hides.
    alias: [
      {
        find: /^@actions\/core\/lib\/(.*)$/,
        replacement: fileURLToPath(new URL('./node_modules/@actions/core/lib/$1', import.meta.url)),
      },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // End-to-end tests start servers and bundles; two cores run two files at once at most.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
