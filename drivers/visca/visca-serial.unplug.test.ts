import { expect, it } from 'vitest';
import { createTestContext, waitFor } from '../testing/test-context.js';
import { useSerialCamera } from './test-setup.js';
import { ViscaSerialDriver } from './visca-serial-driver.js';

const start = useSerialCamera();

it('unplugging the adapter loses the link; plugging it back lets a new connect succeed', async () => {
  const { pair, sim, driver, ctx } = await start();
  await driver.connect();

  await pair.unplug();
  await waitFor(() => ctx.lost.length > 0, 2000, 'linkLost');
  expect(ctx.lost[0]).toMatchObject({ code: 'ROOMCTL_E_DEVICE_OFFLINE' });
  await expect(driver.execute('home', {})).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_OFFLINE' });

  await pair.replug();
  // The host builds a fresh driver for each attempt; the old one must not be in the way.
  const again = new ViscaSerialDriver({ port: pair.devicePath, baudRate: 9600 }, createTestContext());
  try {
    await waitFor(() => sim.isOpen, 2000, 'the camera to see its cable again');
    await again.connect();
    await again.execute('preset.recall', { preset: 0 });
    expect(ctx.lost).toHaveLength(1);
  } finally {
    await again.disconnect();
  }
});

it('a command in flight when the cable goes fails as offline', async () => {
  const { pair, sim, driver } = await start({ camera: { panTiltUnitsPerSecond: 10 } });
  await driver.connect();

  // Slow travel: the completion is seconds away when the adapter is pulled.
  const travel = driver.execute('position.absolute', { pan: 500, tilt: 0 });
  const failed = expect(travel).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_OFFLINE' });
  await waitFor(() => sim.camera.moving, 2000, 'the camera to start moving');
  await pair.unplug();
  await failed;
});

it('the same driver connects again after the link was lost', async () => {
  const { pair, sim, driver, ctx } = await start();
  await driver.connect();
  await pair.unplug();
  await waitFor(() => ctx.lost.length > 0, 2000, 'linkLost');
  await pair.replug();
  await waitFor(() => sim.isOpen, 2000, 'the camera to see its cable again');

  await driver.connect();
  await driver.probe();
  expect(ctx.state.power).toBe('on');
});
