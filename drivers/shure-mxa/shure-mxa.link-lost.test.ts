import { expect, it } from 'vitest';
import { waitFor } from '../testing/test-context.js';
import { useShureArray } from './test-setup.js';

const start = useShureArray();

it('the array dropping the session reports a lost link once; commands then fail as offline', async () => {
  const { sim, driver, ctx } = await start();
  await driver.connect();

  sim.dropConnections();

  await waitFor(() => ctx.lost.length > 0, 3000, 'linkLost');
  expect(ctx.lost).toHaveLength(1);
  expect(ctx.lost[0]).toMatchObject({ code: 'ROOMCTL_E_DEVICE_OFFLINE' });
  await expect(driver.execute('mute', { on: true })).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_OFFLINE' });
});
