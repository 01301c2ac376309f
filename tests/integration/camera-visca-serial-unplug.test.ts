import { afterEach, expect, it } from 'vitest';
import { createPtyPair, type PtyPair } from '../../drivers/sim/pty-pair.js';
import { viscaSerialDriver } from '../../drivers/visca/visca-serial-definition.js';
import { startViscaSerialSimulator, type RunningViscaSerialSimulator } from '../../drivers/visca/visca-serial-simulator.js';
import { superviseDevice } from '../helpers/supervised-device.js';
import { waitFor } from '../helpers/test-room.js';

let pair: PtyPair | undefined;
let sim: RunningViscaSerialSimulator | undefined;
let device: ReturnType<typeof superviseDevice> | undefined;
afterEach(async () => {
  await device?.stop();
  await sim?.close();
  await pair?.close();
});

it('an unplugged USB adapter turns the camera offline within 2 s; plugged back, it is ok within 2 s, no restart', async () => {
  pair = await createPtyPair();
  sim = await startViscaSerialSimulator({ path: pair.simulatorPath });
  device = superviseDevice(viscaSerialDriver, { port: pair.devicePath, baudRate: 9600 });
  await device.reaches('ok', 5000);

  await pair.unplug();
  await device.reaches('offline', 2000);
  expect(device.supervisor.status.detail).toMatch(/ROOMCTL_E_(DEVICE_OFFLINE|PORT_NOT_FOUND)/);

  await pair.replug();
  await waitFor(() => sim!.isOpen, 2000, 'the camera end to reopen');
  await device.reaches('ok', 2000);
  await device.supervisor.execute('preset.recall', { preset: 0 });
});
