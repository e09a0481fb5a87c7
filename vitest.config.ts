import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // tfjs-node and sharp are native: one fork per file keeps them isolated, two at a time on 2 cores.
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default', './test/summaryReporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
