import { afterEach, expect, it } from 'vitest';
import { PjlinkDriver } from './pjlink-driver.js';
import { startPjlinkSimulator, type RunningPjlinkSimulator } from './pjlink-simulator.js';
import { createTestContext } from '../testing/test-context.js';

let sim: RunningPjlinkSimulator | undefined;
let driver: PjlinkDriver | undefined;
afterEach(async () => {
  await driver?.disconnect();
  await sim?.close();
  driver = sim = undefined;
});

it('connects to a display without a password: greeting, CLSS ?, POWR ?, ERST ?, and learns class 2', async () => {
  sim = await startPjlinkSimulator({ port: 0 });
  const ctx = createTestContext();
  driver = new PjlinkDriver({ ...sim.endpoint }, ctx);

  await driver.connect();

  expect(sim.display.received).toEqual(['%1CLSS ?', '%1POWR ?', '%1ERST ?']);
  expect(driver.pjlinkClass).toBe(2);
  expect(ctx.state).toEqual({ power: 'standby' });
  expect(ctx.conditions).toEqual([{ degraded: false }]);
  expect(ctx.lost).toEqual([]);
});
