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

it('*SCPOWR…1 → *SAPOWR…0, then input, volume and mute, each answered done; the state follows', async () => {
  sim = await startBraviaSimulator({ port: 0 });
  const ctx = createTestContext('display');
  driver = new BraviaDriver(sim.endpoint, ctx);
  await driver.connect();
  expect(ctx.state).toEqual({ power: 'standby' });

  await expect(driver.execute('power', { on: true })).resolves.toEqual({ power: 'on' });
  await expect(driver.execute('input', { input: 'hdmi2' })).resolves.toEqual({ input: 'hdmi2' });
  await expect(driver.execute('volume', { level: 35 })).resolves.toEqual({ volume: 35 });
  await expect(driver.execute('mute', { on: true })).resolves.toEqual({ mute: true });

  expect(sim.display).toMatchObject({ power: true, input: 'hdmi2', volume: 35, mute: true });
  expect(sim.display.received.filter((m) => m.type === 'C').map((m) => `${m.fn}${m.param}`)).toEqual([
    'POWR0000000000000001',
    'INPT0000000100000002',
    'VOLU0000000000000035',
    'AMUT0000000000000001',
  ]);
  await expect(driver.execute('status', {})).resolves.toEqual({ power: 'on', input: 'hdmi2', volume: 35, mute: true });
});
