import { expect, it } from 'vitest';
import { useCamera } from './test-setup.js';

const start = useCamera();

it('saves a new preset on a camera that takes only [A-Za-z0-9_.-] in a preset name, and recalls it', async () => {
  const { sim, driver } = await start({ events: false, quirks: ['restricted-preset-names'] });
  await driver.connect();
  // The camera refuses a name with a space, as such firmwares do.
  await expect(driver.execute('preset.set', { name: 'Front row' })).rejects.toMatchObject({
    code: 'ROOMCTL_E_DEVICE_REJECTED',
    details: { fault: 'ter:InvalidArgVal/ter:InvalidPresetName' },
  });

  await driver.execute('position.absolute', { pan: 0.4, tilt: -0.2 });
  await driver.execute('preset.save', { preset: 4 });

  expect([...sim.ptz.presets.values()].map((p) => p.name)).toEqual(['Preset_4']);
  await driver.execute('home', {});
  await driver.execute('preset.recall', { preset: 4 });
  expect(sim.requests.filter((r) => r.operation === 'GotoPreset').map((r) => r.status)).toEqual([200]);
});
