import { expect, it } from 'vitest';
import { waitFor } from '../testing/test-context.js';
import { useTesira } from './test-setup.js';

const start = useTesira();

it('the mute block is subscribed on connect; a change made elsewhere arrives as state', async () => {
  const { sim, driver, ctx } = await start({ subscriptions: [{ instanceTag: 'Level1', channel: 1, attribute: 'level' }] });
  await driver.connect();
  expect(sim.tesira.received).toEqual(['SESSION get aliases', 'MicMute subscribe mute 1 roomctl_0_mute 100', 'Level1 subscribe level 1 roomctl_1_level 100']);
  await waitFor(() => ctx.state.mute === false, 3000, 'the first push');

  sim.tesira.setFromOutside('MicMute', 'mute', 1, true);
  sim.tesira.setFromOutside('Level1', 'level', 1, -20);

  await waitFor(() => ctx.state.mute === true, 3000, 'mute pushed');
  await waitFor(() => (ctx.state.blocks as Record<string, unknown>)['Level1/level/1'] === -20, 3000, 'level pushed');
});
