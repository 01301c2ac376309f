import { expect, it } from 'vitest';
import { waitFor } from '../testing/test-context.js';
import { useQsysCore } from './test-setup.js';

const start = useQsysCore();

it('a mute moved elsewhere (a UCI button) reaches the room through the AutoPoll change group', async () => {
  const { sim, driver, ctx } = await start({ follow: [{ component: 'Gain1', control: 'gain' }] });
  await driver.connect();

  sim.core.setFromOutside('MicMute', 'mute', 1);
  sim.core.setFromOutside('Gain1', 'gain', -6);

  await waitFor(() => ctx.state.mute === true, 3000, 'mute from ChangeGroup.Poll');
  await waitFor(() => (ctx.state.controls as Record<string, unknown>)['Gain1/gain'] === -6, 3000, 'gain from ChangeGroup.Poll');
});

it('mute {on} sets the configured control', async () => {
  const { sim, driver, ctx } = await start();
  await driver.connect();
  await expect(driver.execute('mute', { on: true })).resolves.toEqual({ mute: true });
  expect(sim.core.components.get('MicMute')!.get('mute')).toBe(1);
  expect(ctx.state.mute).toBe(true);
});
