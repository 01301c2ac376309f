import { afterEach, expect, it } from 'vitest';
import { createTestContext } from '../testing/test-context.js';
import { startOnvifSimulator, type RunningOnvifSimulator } from './onvif-camera-simulator.js';
import { OnvifDriver } from './onvif-driver.js';

let sim: RunningOnvifSimulator | undefined;
let driver: OnvifDriver | undefined;
afterEach(async () => {
  await driver?.disconnect();
  await sim?.close();
});

it('saves a new preset on a camera that takes only [A-Za-z0-9_.-] in a preset name, and recalls it', async () => {
  sim = await startOnvifSimulator({ events: false, quirks: ['restricted-preset-names'] });
  driver = new OnvifDriver({ host: '127.0.0.1', port: sim.endpoint.port }, createTestContext());
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
