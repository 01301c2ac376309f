import { afterEach, expect, it } from 'vitest';
import { viscaIpDriver } from '../../drivers/visca/visca-ip-definition.js';
import { startViscaIpSimulator, type RunningViscaIpSimulator } from '../../drivers/visca/visca-ip-simulator.js';
import { superviseDevice } from '../helpers/supervised-device.js';

let sim: RunningViscaIpSimulator | undefined;
let device: ReturnType<typeof superviseDevice> | undefined;
afterEach(async () => {
  await device?.stop();
  await sim?.close();
});

it('a VISCA-over-IP camera that goes silent is offline within 2 s, and ok within 2 s of answering again', async () => {
  sim = await startViscaIpSimulator();
  device = superviseDevice(viscaIpDriver, { host: '127.0.0.1', port: sim.endpoint.port });
  await device.reaches('ok', 5000);

  // Powered off on a real network: no replies, no ICMP. Only the watchdog can tell.
  sim.silence(true);
  await device.reaches('offline', 2000);
  expect(device.supervisor.status.detail).toMatch(/ROOMCTL_E_DEVICE_TIMEOUT|ROOMCTL_E_CONNECT_FAILED/);

  sim.silence(false);
  await device.reaches('ok', 2000);
  // The same supervisor, no restart: it reconnected by itself, and the camera works.
  await device.supervisor.execute('home', {});
  expect(sim.camera.reported).toMatchObject({ pan: 0, tilt: 0 });
});
