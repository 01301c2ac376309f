import { expect, it } from 'vitest';
import { useShureArray } from './test-setup.js';

const start = useShureArray();

it('mute {on} sets DEVICE_AUDIO_MUTE and resolves on the REP that confirms it', async () => {
  const { sim, driver, ctx } = await start();
  await driver.connect();

  await expect(driver.execute('mute', { on: true })).resolves.toEqual({ mute: true });

  expect(sim.array.received.at(-1)).toBe('SET DEVICE_AUDIO_MUTE ON');
  expect(sim.array.deviceMute).toBe(true);
  expect(ctx.state.mute).toBe(true);

  await driver.execute('mute', { on: false });
  expect(sim.array.deviceMute).toBe(false);
  expect(ctx.state.mute).toBe(false);
});
