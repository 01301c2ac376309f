import { expect, it } from 'vitest';
import { waitFor } from '../testing/test-context.js';
import { useQsysCore } from './test-setup.js';

const start = useQsysCore();

it('a Core that closes the session (idle limit, reboot) reports the link lost once', async () => {
  const { sim, driver, ctx } = await start({}, { idleTimeoutMs: 150 });
  await driver.connect();

  await waitFor(() => sim.openConnections === 0, 3000, 'the idle close');
  await waitFor(() => ctx.lost.length === 1, 3000, 'linkLost');
  expect(ctx.lost[0]).toMatchObject({ code: 'ROOMCTL_E_DEVICE_OFFLINE' });
});
