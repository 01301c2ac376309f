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

it('SOAP faults become coded errors that name the fault, and the link stays up', async () => {
  // A ceiling mount: the head cannot tilt above the horizon.
  sim = await startOnvifSimulator({ events: false, ptz: { limits: { tilt: { min: -1, max: 0 } } } });
  const ctx = createTestContext();
  driver = new OnvifDriver({ host: '127.0.0.1', port: sim.endpoint.port }, ctx);
  await driver.connect();

  await expect(driver.execute('preset.goto', { token: 'no-such-preset' })).rejects.toMatchObject({
    code: 'ROOMCTL_E_DEVICE_REJECTED',
    message: expect.stringContaining('No token'),
    details: { operation: 'GotoPreset', fault: 'ter:InvalidArgVal/ter:NoToken', reason: 'No token' },
  });
  await expect(driver.execute('position.absolute', { pan: 0, tilt: 0.5 })).rejects.toMatchObject({
    code: 'ROOMCTL_E_DEVICE_REJECTED',
    details: { operation: 'AbsoluteMove', fault: 'ter:InvalidArgVal/ter:InvalidPosition', reason: 'Invalid position' },
  });

  await driver.probe();
  expect(ctx.lost).toEqual([]);
});
