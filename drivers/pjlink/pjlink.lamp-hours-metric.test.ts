import { afterEach, expect, it } from 'vitest';
import { PjlinkDriver } from './pjlink-driver.js';
import { startPjlinkSimulator, type RunningPjlinkSimulator } from './pjlink-simulator.js';
import { createTestContext } from '../testing/test-context.js';

let sim: RunningPjlinkSimulator | undefined;
let driver: PjlinkDriver | undefined;
afterEach(async () => {
  await driver?.disconnect();
  await sim?.close();
});

it('each round of four watchdog probes reads LAMP ? once and publishes lampHours, a number the health view takes as a metric', async () => {
  sim = await startPjlinkSimulator({ port: 0 });
  const ctx = createTestContext();
  driver = new PjlinkDriver({ ...sim.endpoint }, ctx);
  await driver.connect();

  for (let i = 0; i < 4; i++) await driver.probe();

  // One question per probe, so a slow display is timed per reply.
  expect(sim.display.received.slice(-4)).toEqual(['%1POWR ?', '%1ERST ?', '%1POWR ?', '%1LAMP ?']);
  expect(ctx.state.lampHours).toBe(1234);
});
