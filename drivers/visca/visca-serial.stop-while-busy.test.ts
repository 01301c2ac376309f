import { afterEach, expect, it } from 'vitest';
import { createPtyPair, type PtyPair } from '../sim/pty-pair.js';
import { hex } from '../testing/hex.js';
import { createTestContext, waitFor } from '../testing/test-context.js';
import { ViscaSerialDriver } from './visca-serial-driver.js';
import { startViscaSerialSimulator, type RunningViscaSerialSimulator } from './visca-serial-simulator.js';

let pair: PtyPair | undefined;
let sim: RunningViscaSerialSimulator | undefined;
let driver: ViscaSerialDriver | undefined;
afterEach(async () => {
  await driver?.disconnect();
  await sim?.close();
  await pair?.close();
});

it('stop goes out while both sockets travel, and ends the travel instead of waiting for it', async () => {
  pair = await createPtyPair();
  // Slow camera: the recall and the zoom would take many seconds.
  sim = await startViscaSerialSimulator({ path: pair.simulatorPath, camera: { panTiltUnitsPerSecond: 50, lensUnitsPerSecond: 100 } });
  driver = new ViscaSerialDriver({ port: pair.devicePath, baudRate: 9600 }, createTestContext());
  await driver.connect();
  sim.camera.presets.set(9, { pan: 2000, tilt: 0, zoom: 0, focus: sim.camera.position.focus });

  const recall = driver.execute('preset.recall', { preset: 9 });
  const zoom = driver.execute('zoom.direct', { position: 0x3000 });
  await waitFor(() => sim!.received.map(hex).includes('81 01 04 47 03 00 00 00 FF'), 2000, 'zoom direct to be sent');

  const started = Date.now();
  await driver.execute('stop', {});
  expect(Date.now() - started).toBeLessThan(500);
  // Both travels were ended by the stops and completed, as a camera reports them.
  await Promise.all([recall, zoom]);
  expect(sim.camera.moving).toBe(false);
  expect(sim.camera.reported.pan).toBeLessThan(2000);
});
