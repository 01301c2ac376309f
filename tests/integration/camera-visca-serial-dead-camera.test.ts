import { afterEach, expect, it } from 'vitest';
import { createPtyPair, type PtyPair } from '../../drivers/sim/pty-pair.js';
import { viscaSerialDriver } from '../../drivers/visca/visca-serial-definition.js';
import { startViscaSerialSimulator, type RunningViscaSerialSimulator } from '../../drivers/visca/visca-serial-simulator.js';
import { superviseDevice } from '../helpers/supervised-device.js';

let pair: PtyPair | undefined;
let sim: RunningViscaSerialSimulator | undefined;
let device: ReturnType<typeof superviseDevice> | undefined;
afterEach(async () => {
  await device?.stop();
  await sim?.close();
  await pair?.close();
});

it('a camera that loses power behind a working adapter is offline within 2 s, and ok within 2 s of power coming back', async () => {
  pair = await createPtyPair();
  sim = await startViscaSerialSimulator({ path: pair.simulatorPath });
  device = superviseDevice(viscaSerialDriver, { port: pair.devicePath, baudRate: 9600 });
  await device.reaches('ok', 5000);

  // The adapter stays plugged in; only the watchdog's PowerInq can notice the silence.
  await sim.close();
  await device.reaches('offline', 2000);
  expect(device.supervisor.status.detail).toMatch(/ROOMCTL_E_DEVICE_TIMEOUT/);

  sim = await startViscaSerialSimulator({ path: pair.simulatorPath });
  await device.reaches('ok', 2000);
  await device.supervisor.execute('home', {});
});
