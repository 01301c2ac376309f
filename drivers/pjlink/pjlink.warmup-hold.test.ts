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

it('holds an input switch while the display warms up, then switches', async () => {
  sim = await startPjlinkSimulator({ port: 0, warmupMs: 300 });
  const ctx = createTestContext();
  driver = new PjlinkDriver({ ...sim.endpoint, readyPollMs: 50 }, ctx);
  await driver.connect();

  await driver.execute('power', { on: true });
  expect(ctx.state.power).toBe('warming');

  const started = Date.now();
  await expect(driver.execute('input', { input: '32' })).resolves.toEqual({ input: '32' });

  expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  expect(sim.display.input).toBe('32');
  expect(ctx.state).toMatchObject({ power: 'on', input: '32' });
  // Sent once and refused with ERR3 while warming, then again once POWR ? said 1.
  expect(sim.display.received.filter((l) => l === '%1INPT 32')).toHaveLength(2);
  expect(ctx.lost).toEqual([]);
});

it('gives up with ROOMCTL_E_DEVICE_BUSY when warm-up outlasts readyTimeoutMs', async () => {
  sim = await startPjlinkSimulator({ port: 0, warmupMs: 5000 });
  driver = new PjlinkDriver({ ...sim.endpoint, readyPollMs: 50, readyTimeoutMs: 300 }, createTestContext());
  await driver.connect();
  await driver.execute('power', { on: true });

  await expect(driver.execute('mute', { on: true })).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_BUSY' });
});

it('refuses an input switch in standby instead of waiting for a warm-up that will not come', async () => {
  sim = await startPjlinkSimulator({ port: 0 });
  driver = new PjlinkDriver({ ...sim.endpoint, readyPollMs: 20 }, createTestContext());
  await driver.connect();

  await expect(driver.execute('input', { input: '31' })).rejects.toMatchObject({
    code: 'ROOMCTL_E_DEVICE_REJECTED',
    message: expect.stringContaining('standby'),
  });
});
