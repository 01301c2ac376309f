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

it('a preset name with XML in it reaches the camera as text, never as markup', async () => {
  sim = await startOnvifSimulator({ events: false });
  driver = new OnvifDriver({ host: '127.0.0.1', port: sim.endpoint.port }, createTestContext());
  await driver.connect();

  const { token } = (await driver.execute('preset.set', { name: 'Q&A <stage>' })) as { token: string };

  expect(sim.ptz.presets.get(token)?.name).toBe('Q&A <stage>');
  await driver.execute('preset.goto', { token });
  await expect(driver.execute('preset.goto', { token: '1</PresetToken><x>' })).rejects.toMatchObject({
    code: 'ROOMCTL_E_DEVICE_REJECTED',
    details: { fault: 'ter:InvalidArgVal/ter:NoToken' },
  });
});
