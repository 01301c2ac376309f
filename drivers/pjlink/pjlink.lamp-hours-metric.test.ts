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

it('each watchdog probe reads LAMP ? and publishes lampHours, a number the health view takes as a metric', async () => {
  sim = await startPjlinkSimulator({ port: 0 });
  const ctx = createTestContext();
  driver = new PjlinkDriver({ ...sim.endpoint }, ctx);
  await driver.connect();

  await driver.probe();

  expect(sim.display.received.slice(-3)).toEqual(['%1POWR ?', '%1ERST ?', '%1LAMP ?']);
  expect(ctx.state.lampHours).toBe(1234);
});
