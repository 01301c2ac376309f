import { expect, it } from 'vitest';
import { useQsysCore } from './test-setup.js';

const start = useQsysCore();

it('Mixer.SetInputMute mutes a range of inputs; an input past the mixer is ACTION_PARAMS', async () => {
  const { sim, driver } = await start();
  await driver.connect();

  await driver.execute('mixer.inputMute', { name: 'Mixer1', inputs: '2-4', on: true });
  expect(sim.core.mixers.get('Mixer1')).toEqual([false, true, true, true, false, false, false, false]);

  await expect(driver.execute('mixer.inputMute', { name: 'Mixer1', inputs: '9', on: true })).rejects.toMatchObject({
    code: 'ROOMCTL_E_ACTION_PARAMS',
    details: { qrcCode: 9 },
  });
});
