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

it('a display in standby answers NAK to mute; that is a coded refusal and the link stays', async () => {
  sim = await startMdcSimulator({ port: 0 });
  const ctx = createTestContext('display');
  driver = new MdcDriver({ ...(sim.endpoint as { host: string; port: number }) }, ctx);
  await driver.connect();

  await expect(driver.execute('mute', { on: true })).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_REJECTED', details: { nak: 0x01 } });
  await expect(driver.execute('status', {})).resolves.toMatchObject({ power: 'standby' });
  expect(ctx.lost).toEqual([]);
  expect(sim.connectionCount).toBe(1);
});
