import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'drivers/**/*.test.ts',
      'appliance/**/*.test.ts',
      'cli/**/*.test.ts',
      'contract/**/*.test.ts',
      'fleet/**/*.test.ts',
      'provisioning/**/*.test.ts',
      'panel-ui/src/**/*.test.ts',
      'tests/**/*.test.ts',
    ],
    exclude: ['node_modules', 'dist'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // 2-core machines: real PTYs, sockets and a browser run side by side; two workers keep it honest.
    pool: 'forks',
    maxWorkers: 2,
  },
});
