import { expect, it } from 'vitest';
import { useShureArray } from './test-setup.js';

const start = useShureArray();

it('on connect the driver reads model, device mute, every lobe, the LED and the preset', async () => {
  const { sim, driver, ctx } = await start({ channels: 2 }, { channels: 2 });
  sim.array.deviceMute = true;
  sim.array.channels[1]!.gain = 1050;

  await driver.connect();

  expect(sim.array.received).toEqual([
    'GET MODEL',
    'GET DEVICE_AUDIO_MUTE',
    'GET 01 AUDIO_MUTE',
    'GET 01 AUDIO_GAIN_HI_RES',
    'GET 02 AUDIO_MUTE',
    'GET 02 AUDIO_GAIN_HI_RES',
    'GET DEV_LED_IN_STATE',
    'GET PRESET',
  ]);
  expect(ctx.state).toMatchObject({
    model: 'MXA910',
    mute: true,
    channels: { 1: { mute: false, gainDb: 0 }, 2: { mute: false, gainDb: -5 } },
    led: { on: true },
    preset: 1,
  });
});
