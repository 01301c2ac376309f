import { expect, it } from 'vitest';
import { useSerialCamera } from './test-setup.js';
import { hex } from '../testing/hex.js';
import { waitFor } from '../testing/test-context.js';

const start = useSerialCamera();

it('stop goes out while both sockets travel, and ends the travel instead of waiting for it', async () => {
  // Slow camera: the recall and the zoom would take many seconds.
  const { sim, driver } = await start({ camera: { panTiltUnitsPerSecond: 50, lensUnitsPerSecond: 100 } });
  await driver.connect();
  sim.camera.presets.set(9, { pan: 2000, tilt: 0, zoom: 0, focus: sim.camera.position.focus });

  const recall = driver.execute('preset.recall', { preset: 9 });
  const zoom = driver.execute('zoom.direct', { position: 0x3000 });
  await waitFor(() => sim.received.map(hex).includes('81 01 04 47 03 00 00 00 FF'), 2000, 'zoom direct to be sent');

  const started = Date.now();
  await driver.execute('stop', {});
  expect(Date.now() - started).toBeLessThan(500);
  // Both travels were ended by the stops and completed, as a camera reports them.
  await Promise.all([recall, zoom]);
  expect(sim.camera.moving).toBe(false);
  expect(sim.camera.reported.pan).toBeLessThan(2000);
});
