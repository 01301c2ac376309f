import { expect, it } from 'vitest';
import { waitFor } from '../testing/test-context.js';
import { useShureArray } from './test-setup.js';

const start = useShureArray();

it('a REP nobody asked for (the array muted from elsewhere) updates the room state', async () => {
  const { sim, driver, ctx } = await start();
  await driver.connect();
  expect(ctx.state.mute).toBe(false);

  sim.array.pressMute(true);

  await waitFor(() => ctx.state.mute === true, 3000, 'mute from the unsolicited REP');
  expect(ctx.patches.at(-1)).toEqual({ mute: true });
  expect(ctx.lost).toEqual([]);
});
