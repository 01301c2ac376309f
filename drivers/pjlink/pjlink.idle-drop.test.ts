import { afterEach, expect, it } from 'vitest';
import { PjlinkDriver } from './pjlink-driver.js';
import { startPjlinkSimulator, type RunningPjlinkSimulator } from './pjlink-simulator.js';
import { createTestContext, waitFor } from '../testing/test-context.js';

let sim: RunningPjlinkSimulator | undefined;
let driver: PjlinkDriver | undefined;
afterEach(async () => {
  await driver?.disconnect();
  await sim?.close();
  driver = sim = undefined;
});

it('the display drops an idle session; the next command reconnects without reporting a lost link', async () => {
  sim = await startPjlinkSimulator({ port: 0, idleTimeoutMs: 150, password: 'pw' });
  const ctx = createTestContext();
  driver = new PjlinkDriver({ ...sim.endpoint, password: 'pw' }, ctx);
  await driver.connect();
  expect(sim.connectionCount).toBe(1);

  await waitFor(() => sim!.openConnections === 0, 2000, 'the idle drop');
  await new Promise((resolve) => setTimeout(resolve, 20));

  await expect(driver.execute('power', { on: true })).resolves.toMatchObject({ power: 'warming' });

  expect(sim.connectionCount).toBe(2);
  // The new session authenticated again with its own CLSS ? before the command.
  expect(sim.display.received).toEqual(['%1CLSS ?', '%1POWR ?', '%1ERST ?', '%1CLSS ?', '%1POWR 1', '%1POWR ?']);
  expect(ctx.lost).toEqual([]);
});

it('a session the driver has left idle too long is replaced before sending, not raced', async () => {
  sim = await startPjlinkSimulator({ port: 0 });
  const ctx = createTestContext();
  driver = new PjlinkDriver({ ...sim.endpoint, idleRecycleMs: 50 }, ctx);
  await driver.connect();
  await new Promise((resolve) => setTimeout(resolve, 80));

  await driver.execute('power', { on: true });

  expect(sim.connectionCount).toBe(2);
  expect(ctx.lost).toEqual([]);
});

it('a display that drops every session at once (dropConnections) is reached again on the next command', async () => {
  sim = await startPjlinkSimulator({ port: 0 });
  const ctx = createTestContext();
  driver = new PjlinkDriver({ ...sim.endpoint }, ctx);
  await driver.connect();

  sim.dropConnections();
  await waitFor(() => sim!.openConnections === 0, 2000);
  await driver.probe();

  expect(sim.connectionCount).toBe(2);
  expect(ctx.lost).toEqual([]);
});
