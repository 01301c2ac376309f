import { expect, it } from 'vitest';
import { useSerialCamera } from './test-setup.js';
import { ViscaSerialDriver } from './visca-serial-driver.js';
import { hex } from '../testing/hex.js';
import { createTestContext } from '../testing/test-context.js';

const start = useSerialCamera();

it('connects: address set, IF_Clear, then PowerInq proves the camera answers', async () => {
  const { sim, driver, ctx } = await start();

  await driver.connect();

  // The driver asked, in this order; the camera answered 88 30 02 FF, 88 01 00 01 FF, 90 50 02 FF.
  expect(sim.received.map(hex)).toEqual(['88 30 01 FF', '88 01 00 01 FF', '81 09 04 00 FF']);
  expect(ctx.state).toMatchObject({ power: 'on', address: 1, cameras: 1 });
  expect(ctx.lost).toEqual([]);
});

it('reaches the third camera of a chain', async () => {
  const { sim, driver, ctx } = await start({ cameras: 3 }, { baudRate: 9600, address: 3 });

  await driver.connect();

  expect(sim.cameras[2]!.received.map(hex)).toContain('83 09 04 00 FF');
  expect(ctx.state).toMatchObject({ power: 'on', address: 3, cameras: 3 });
});

it('refuses an address the chain does not have', async () => {
  const { driver } = await start({ cameras: 1 }, { baudRate: 9600, address: 2 });

  await expect(driver.connect()).rejects.toMatchObject({ code: 'ROOMCTL_E_CONNECT_FAILED' });
});

it('says the port does not exist', async () => {
  const driver = new ViscaSerialDriver({ port: '/tmp/roomctl-no-such-port', baudRate: 9600 }, createTestContext());
  await expect(driver.connect()).rejects.toMatchObject({ code: 'ROOMCTL_E_PORT_NOT_FOUND' });
  await driver.disconnect();
});

it('a device entry without baudRate (a caller that skipped config validation) talks at 9600, the VISCA default', async () => {
  const { sim, driver } = await start({}, {});
  await driver.connect();
  expect(sim.received.map(hex)).toContain('81 09 04 00 FF');
});
