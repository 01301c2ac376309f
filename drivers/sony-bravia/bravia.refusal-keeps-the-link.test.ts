import { afterEach, expect, it } from 'vitest';
import { createTestContext } from '../testing/test-context.js';
import { BraviaDriver } from './bravia-driver.js';
import { startBraviaSimulator, type RunningBraviaSimulator } from './bravia-simulator.js';

let sim: RunningBraviaSimulator | undefined;
let driver: BraviaDriver | undefined;
afterEach(async () => {
  await driver?.disconnect();
  await sim?.close();
});

it('an input in standby is answered FFFF…: refused with the reason, and the link goes on', async () => {
  sim = await startBraviaSimulator({ port: 0 });
  const ctx = createTestContext('display');
  driver = new BraviaDriver(sim.endpoint, ctx);
  await driver.connect();

  await expect(driver.execute('input', { input: 'hdmi3' })).rejects.toMatchObject({
    code: 'ROOMCTL_E_DEVICE_REJECTED',
    message: expect.stringContaining('in standby'),
  });
  await expect(driver.execute('power', { on: true })).resolves.toEqual({ power: 'on' });
  expect(ctx.lost).toEqual([]);
  expect(sim.connectionCount).toBe(1);
});

it('bytes that are no Simple IP message drop the link, to be reconnected clean', async () => {
  sim = await startBraviaSimulator({ port: 0 });
  const ctx = createTestContext('display');
  driver = new BraviaDriver(sim.endpoint, ctx);
  await driver.connect();
  sim.broadcast('HTTP/1.1 400 Bad Request\n');
  await expect.poll(() => ctx.lost.map((e) => e.code)).toEqual(['ROOMCTL_E_PROTOCOL']);
  await driver.connect();
  await expect(driver.execute('power', { on: true })).resolves.toEqual({ power: 'on' });
});
