import { afterEach, expect, it } from 'vitest';
import { createPtyPair, type PtyPair } from '../sim/pty-pair.js';
import { hex } from '../testing/hex.js';
import { createTestContext } from '../testing/test-context.js';
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

it('pan right, recall a preset, then tilt up only: 81 01 06 01 .. .. 03 01 FF, the pan does not come back', async () => {
  pair = await createPtyPair();
  sim = await startViscaSerialSimulator({ path: pair.simulatorPath });
  driver = new ViscaSerialDriver({ port: pair.devicePath, baudRate: 9600 }, createTestContext());
  await driver.connect();
  await driver.execute('preset.save', { preset: 1 });

  await driver.execute('move', { pan: 0.5 });
  await driver.execute('preset.recall', { preset: 1 });
  const before = sim.received.length;
  await driver.execute('move', { tilt: 0.5 });

  // Tilt up alone: pan speed byte at its minimum, direction pan-stop (03) tilt-up (01).
  expect(sim.received.slice(before).map(hex)).toEqual(['81 01 06 01 01 0A 03 01 FF']);
  await driver.execute('stop', {});
});
