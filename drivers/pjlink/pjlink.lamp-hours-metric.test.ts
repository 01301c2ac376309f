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

it('the first watchdog probe after the connect reads LAMP ? and publishes lampHours, a number the health view takes as a metric; then once every four probes', async () => {
  sim = await startPjlinkSimulator({ port: 0 });
  const ctx = createTestContext();
  driver = new PjlinkDriver({ ...sim.endpoint }, ctx);
  await driver.connect();
  // The connect read the class, the power and the error status, not the lamp.
  expect(sim.display.received).toEqual(['%1CLSS ?', '%1POWR ?', '%1ERST ?']);
  expect(ctx.state.lampHours).toBeUndefined();

  await driver.probe();
  expect(sim.display.received.slice(-1)).toEqual(['%1LAMP ?']);
  expect(ctx.state.lampHours).toBe(1234);

  for (let i = 0; i < 4; i++) await driver.probe();
  // One question per probe, so a slow display is timed per reply.
  expect(sim.display.received.slice(-4)).toEqual(['%1POWR ?', '%1ERST ?', '%1POWR ?', '%1LAMP ?']);
});
