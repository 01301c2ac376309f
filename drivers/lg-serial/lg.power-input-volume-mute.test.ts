import { expect, it } from 'vitest';
import { useLgDisplay } from './test-setup.js';

const start = useLgDisplay();

it('ka 01 01 turns the set on (a 01 OK01x); then input, volume and mute, each confirmed', async () => {
  const { sim, driver, ctx } = await start();
  await driver.connect();

  await expect(driver.execute('power', { on: true })).resolves.toEqual({ power: 'on' });
  await expect(driver.execute('input', { input: 'hdmi2' })).resolves.toEqual({ input: 'hdmi2' });
  await expect(driver.execute('volume', { level: 40 })).resolves.toEqual({ volume: 40 });
  await expect(driver.execute('mute', { on: true })).resolves.toEqual({ mute: true });

  expect(sim.display.received.slice(1)).toEqual(['ka 01 01', 'xb 01 91', 'kf 01 28', 'ke 01 00']);
  expect(sim.display).toMatchObject({ power: true, input: 0x91, volume: 40, mute: true });
  await expect(driver.execute('status', {})).resolves.toEqual({ power: 'on', volume: 40, mute: true, input: 'hdmi2' });
  expect(ctx.state).toMatchObject({ power: 'on', volume: 40, mute: true, input: 'hdmi2' });
});
