import { defineConfig } from 'vitest/config';

/** Unit tests live next to the code they test; scenario tests (a room, a browser, a broker) in tests/. */
const UNIT = [
  'drivers/**/*.test.ts',
  'appliance/**/*.test.ts',
  'cli/**/*.test.ts',
  'contract/**/*.test.ts',
  'fleet/**/*.test.ts',
  'provisioning/**/*.test.ts',
  'panel-ui/src/**/*.test.ts',
  'panel-ui/*.test.ts',
];

/** Files that end with a process of their own; every other file shares its worker's. */
const OWN_PROCESS = [
  // These load GStreamer: its binding never frees a pipeline, and each keeps descriptors open that
  // every child process would inherit (PostgreSQL refuses to start with too many), so they end
  // with their own process, as the room's media host restarts itself.
  'appliance/media/launch-quote.property.test.ts',
  'appliance/media/pipeline-plan.test.ts',
  // Replaces node:crypto with a spy for the whole file (vi.mock): the module must not be shared.
  'tests/security/token-compare.test.ts',
];

export default defineConfig({
  test: {
    exclude: ['node_modules', 'dist'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // 2-core machines: real PTYs, sockets and a browser run side by side. A fifth of the CPU sat
    // idle with two workers, while scenario files waited on devices, brokers and timers (18 % idle,
    // 919 s for the suite on a quiet machine); three kept the same tests green in 852 s.
    pool: 'forks',
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: UNIT,
          exclude: ['node_modules', 'dist', ...OWN_PROCESS],
          // A process per file cost about a third of a CPU-second each (its start and its imports)
          // over ~400 files. These restore what they change (timers, spies), so one process runs many.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'scenarios',
          include: ['tests/**/*.test.ts'],
          exclude: ['node_modules', 'dist', ...OWN_PROCESS],
          // A fresh process per file cost about as much CPU as the tests themselves: security and
          // interop took 292 CPU-s isolated against 145 shared. Each file starts and stops its own
          // rooms, brokers and browsers in its hooks, so one process runs many.
          isolate: false,
        },
      },
      { extends: true, test: { name: 'own-process', include: OWN_PROCESS } },
    ],
  },
});
