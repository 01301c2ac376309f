import { expect, it } from 'vitest';
import { waitFor } from '../testing/test-context.js';
import { useBadgeReader } from './test-setup.js';

const start = useBadgeReader();

it('a reader pulled from the door goes offline; plugged back it is found again', async () => {
  const { bus, device, ctx, driver } = await start();
  await driver.connect();

  await bus.unplug(device);
  await waitFor(() => ctx.lost.length === 1, 2000, 'linkLost');
  await expect(driver.probe()).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_OFFLINE' });

  await bus.plug(device);
  await driver.connect();
  await expect(driver.probe()).resolves.toBeUndefined();
});
