import { expect, it } from 'vitest';
import { useSerialCamera } from './test-setup.js';
import { hex } from '../testing/hex.js';

const start = useSerialCamera();

it('pan right, recall a preset, then tilt up only: 81 01 06 01 .. .. 03 01 FF, the pan does not come back', async () => {
  const { sim, driver } = await start();
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
