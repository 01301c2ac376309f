import { afterEach, expect, it } from 'vitest';
import { createTestContext } from '../testing/test-context.js';
import { MdcDriver } from './mdc-driver.js';
import { startMdcSimulator, type RunningMdcSimulator } from './mdc-simulator.js';

let sim: RunningMdcSimulator | undefined;
let driver: MdcDriver | undefined;
afterEach(async () => {
  await driver?.disconnect();
  await sim?.close();
});

it('over TCP 1515: power on, then input, volume and mute, each confirmed by the ACK', async () => {
  sim = await startMdcSimulator({ port: 0 });
  const ctx = createTestContext('display');
  driver = new MdcDriver({ ...(sim.endpoint as { host: string; port: number }) }, ctx);
  await driver.connect();

  await expect(driver.execute('power', { on: true })).resolves.toEqual({ power: 'on' });
  await expect(driver.execute('input', { input: 'hdmi2' })).resolves.toEqual({ input: 'hdmi2' });
  await expect(driver.execute('volume', { level: 60 })).resolves.toEqual({ volume: 60 });
  await expect(driver.execute('mute', { on: true })).resolves.toEqual({ mute: true });

  expect(sim.display).toMatchObject({ power: true, input: 0x23, volume: 60, mute: true });
  expect(ctx.state).toMatchObject({ power: 'on', input: 'hdmi2', volume: 60, mute: true });
});
