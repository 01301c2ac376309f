import { expect, it } from 'vitest';
import { waitFor } from '../testing/test-context.js';
import { useLgDisplay } from './test-setup.js';

const start = useLgDisplay();

it('pulling the cable loses the link; plugged back, the next connect works', async () => {
  const { pair, sim, driver, ctx } = await start({ replyTimeoutMs: 300 });
  await driver.connect();

  await pair.unplug();
  await waitFor(() => ctx.lost.length === 1, 3000, 'linkLost');
  await expect(driver.execute('power', { on: true })).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_OFFLINE' });

  await pair.replug();
  await waitFor(() => sim.isOpen, 3000, 'the display to see its cable again');
  await driver.connect();
  await expect(driver.execute('power', { on: true })).resolves.toEqual({ power: 'on' });
});
