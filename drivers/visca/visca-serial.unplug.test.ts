import { afterEach, expect, it } from 'vitest';
import { createPtyPair, type PtyPair } from '../sim/pty-pair.js';
import { createTestContext, waitFor } from '../testing/test-context.js';
import { ViscaSerialDriver } from './visca-serial-driver.js';
import { startViscaSerialSimulator, type RunningViscaSerialSimulator } from './visca-serial-simulator.js';

let pair: PtyPair | undefined;
let sim: RunningViscaSerialSimulator | undefined;
const drivers: ViscaSerialDriver[] = [];
afterEach(async () => {
  for (const d of drivers.splice(0)) await d.disconnect();
  await sim?.close();
  await pair?.close();
});

it('unplugging the adapter loses the link; plugging it back lets a new connect succeed', async () => {
  pair = await createPtyPair();
  sim = await startViscaSerialSimulator({ path: pair.simulatorPath });
  const ctx = createTestContext();
  const driver = new ViscaSerialDriver({ port: pair.devicePath, baudRate: 9600 }, ctx);
  drivers.push(driver);
  await driver.connect();

  await pair.unplug();
  await waitFor(() => ctx.lost.length > 0, 2000, 'linkLost');
  expect(ctx.lost[0]).toMatchObject({ code: 'ROOMCTL_E_DEVICE_OFFLINE' });
  await expect(driver.execute('home', {})).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_OFFLINE' });

  await pair.replug();
  // The host builds a fresh driver for each attempt; the old one must not be in the way.
  const again = new ViscaSerialDriver({ port: pair.devicePath, baudRate: 9600 }, createTestContext());
  drivers.push(again);
  await waitFor(() => sim!.isOpen, 2000, 'the camera to see its cable again');
  await again.connect();
  await again.execute('preset.recall', { preset: 0 });
  expect(ctx.lost).toHaveLength(1);
});

it('a command in flight when the cable goes fails as offline', async () => {
  pair = await createPtyPair();
  sim = await startViscaSerialSimulator({ path: pair.simulatorPath, camera: { panTiltUnitsPerSecond: 10 } });
  const driver = new ViscaSerialDriver({ port: pair.devicePath, baudRate: 9600 }, createTestContext());
  drivers.push(driver);
  await driver.connect();

  // Slow travel: the completion is seconds away when the adapter is pulled.
  const travel = driver.execute('position.absolute', { pan: 500, tilt: 0 });
  const failed = expect(travel).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_OFFLINE' });
  await waitFor(() => sim!.camera.moving, 2000, 'the camera to start moving');
  await pair.unplug();
  await failed;
});

it('the same driver connects again after the link was lost', async () => {
  pair = await createPtyPair();
  sim = await startViscaSerialSimulator({ path: pair.simulatorPath });
  const ctx = createTestContext();
  const driver = new ViscaSerialDriver({ port: pair.devicePath, baudRate: 9600 }, ctx);
  drivers.push(driver);
  await driver.connect();
  await pair.unplug();
  await waitFor(() => ctx.lost.length > 0, 2000, 'linkLost');
  await pair.replug();
  await waitFor(() => sim!.isOpen, 2000, 'the camera to see its cable again');

  await driver.connect();
  await driver.probe();
  expect(ctx.state.power).toBe('on');
});
