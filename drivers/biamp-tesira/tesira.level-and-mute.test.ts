import { expect, it } from 'vitest';
import { useTesira } from './test-setup.js';

const start = useTesira();

it('gets, sets and steps levels and sets and toggles mutes by instance tag and channel', async () => {
  const { sim, driver } = await start();
  await driver.connect();

  await expect(driver.execute('level.set', { instanceTag: 'Level1', channel: 2, level: -10 })).resolves.toEqual({ level: -10 });
  expect(sim.tesira.received.at(-1)).toBe('Level1 set level 2 -10');
  await expect(driver.execute('level.get', { instanceTag: 'Level1', channel: 2 })).resolves.toEqual({ level: -10 });
  await expect(driver.execute('level.step', { instanceTag: 'Level1', channel: 2, step: -3 })).resolves.toEqual({ level: -13 });
  expect(sim.tesira.received).toContain('Level1 decrement level 2 3');

  await driver.execute('mute.set', { instanceTag: 'Mute1', channel: 3, on: true });
  expect(sim.tesira.blocks.get('Mute1')!.mutes[2]).toBe(true);
  await expect(driver.execute('mute.toggle', { instanceTag: 'Mute1', channel: 3 })).resolves.toEqual({ mute: false });
  await expect(driver.execute('mute.get', { instanceTag: 'Mute1', channel: 3 })).resolves.toEqual({ mute: false });
});
