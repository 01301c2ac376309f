import { expect, it } from 'vitest';
import { useTesira } from './test-setup.js';

const start = useTesira();

it('mute {on} drives the configured mute block', async () => {
  const { sim, driver, ctx } = await start();
  await driver.connect();

  await expect(driver.execute('mute', { on: true })).resolves.toEqual({ mute: true });

  expect(sim.tesira.received.at(-1)).toBe('MicMute set mute 1 true');
  expect(sim.tesira.blocks.get('MicMute')!.mutes[0]).toBe(true);
  expect(ctx.state.mute).toBe(true);
});

it('without a muteBlock in the config, mute says what is missing', async () => {
  const { driver } = await start({ muteBlock: undefined });
  await driver.connect();
  await expect(driver.execute('mute', { on: true })).rejects.toMatchObject({ code: 'ROOMCTL_E_NOT_SUPPORTED', message: expect.stringContaining('muteBlock') });
});
