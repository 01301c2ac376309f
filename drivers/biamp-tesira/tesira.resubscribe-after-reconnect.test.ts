import { expect, it } from 'vitest';
import { waitFor } from '../testing/test-context.js';
import { useTesira } from './test-setup.js';

const start = useTesira();

it('subscriptions die with the session; the next connect makes them again and pushes flow', async () => {
  const { sim, driver, ctx } = await start();
  await driver.connect();

  sim.dropConnections();
  await waitFor(() => ctx.lost.length === 1, 3000, 'linkLost');
  expect(ctx.lost[0]).toMatchObject({ code: 'ROOMCTL_E_DEVICE_OFFLINE' });

  await driver.connect(); // what the device host does after its backoff
  expect(sim.connectionCount).toBe(2);
  expect(sim.tesira.received.filter((l) => l.startsWith('MicMute subscribe'))).toHaveLength(2);

  sim.tesira.setFromOutside('MicMute', 'mute', 1, true);
  await waitFor(() => ctx.state.mute === true, 3000, 'a push on the new session');
});
