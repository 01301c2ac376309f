import { expect, it } from 'vitest';
import { useShureArray } from './test-setup.js';

const start = useShureArray();

it("sets one lobe's gain in dB (0.1 dB steps on the wire) and mutes one lobe", async () => {
  const { sim, driver, ctx } = await start();
  await driver.connect();

  await expect(driver.execute('channel.gain', { channel: 3, gainDb: -6.5 })).resolves.toEqual({ channel: 3, gainDb: -6.5 });
  expect(sim.array.received.at(-1)).toBe('SET 03 AUDIO_GAIN_HI_RES 1035');
  expect(sim.array.channels[2]!.gain).toBe(1035);

  await expect(driver.execute('channel.mute', { channel: 8, on: true })).resolves.toEqual({ channel: 8, mute: true });
  expect(sim.array.channels[7]!.mute).toBe(true);
  expect(ctx.state.channels).toMatchObject({ 3: { gainDb: -6.5, mute: false }, 8: { mute: true } });

  await expect(driver.execute('channel.mute', { channel: 9, on: true })).rejects.toMatchObject({ code: 'ROOMCTL_E_ACTION_PARAMS' });
});
