import { afterEach, expect, it } from 'vitest';
import { startOnvifSimulator, type RunningOnvifSimulator } from '../../drivers/onvif/onvif-camera-simulator.js';
import { onvifDriver } from '../../drivers/onvif/onvif-definition.js';
import { superviseDevice } from '../helpers/supervised-device.js';

let sim: RunningOnvifSimulator | undefined;
let device: ReturnType<typeof superviseDevice> | undefined;
afterEach(async () => {
  await device?.stop();
  await sim?.close();
});

it('an ONVIF camera that loses power is offline within 2 s, and ok within 2 s of coming back, without a restart', async () => {
  sim = await startOnvifSimulator({ auth: { username: 'admin', password: 'secret' } });
  device = superviseDevice(onvifDriver, { host: '127.0.0.1', port: sim.endpoint.port, username: 'admin', password: 'secret' });
  await device.reaches('ok', 5000);

  await sim.unplug();
  await device.reaches('offline', 2000);
  expect(device.supervisor.status.detail).toMatch(/ROOMCTL_E_DEVICE_OFFLINE/);

  await sim.replug();
  await device.reaches('ok', 2000);
  await device.supervisor.execute('position.absolute', { pan: 0.25, tilt: 0 });
});
