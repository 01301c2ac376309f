import { expect, it } from 'vitest';
import { useShureArray } from './test-setup.js';

const start = useShureArray();

it('led turns the ring off, dims it, and flashes it to find the array', async () => {
  const { sim, driver, ctx } = await start();
  await driver.connect();

  await expect(driver.execute('led', { on: false, brightness: 2, flash: true })).resolves.toEqual({ led: { on: false, brightness: 2, flash: true } });

  expect(sim.array.received.slice(-3)).toEqual(['SET DEV_LED_IN_STATE OFF', 'SET LED_BRIGHTNESS 2', 'SET FLASH ON']);
  expect(sim.array).toMatchObject({ ledOn: false, ledBrightness: 2, flashing: true });
  expect(ctx.state.led).toEqual({ on: false, brightness: 2, flash: true });
});
