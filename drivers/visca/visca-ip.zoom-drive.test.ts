import { afterEach, expect, it } from 'vitest';
import { hex } from '../testing/hex.js';
import { createTestContext, waitFor } from '../testing/test-context.js';
import { ViscaIpDriver } from './visca-ip-driver.js';
import { startViscaIpSimulator, type RunningViscaIpSimulator } from './visca-ip-simulator.js';

let sim: RunningViscaIpSimulator | undefined;
let driver: ViscaIpDriver | undefined;
afterEach(async () => {
  await driver?.disconnect();
  await sim?.close();
});

it('zooms at the standard speed without a speed, at a variable speed with one, and stops', async () => {
  sim = await startViscaIpSimulator();
  driver = new ViscaIpDriver({ host: '127.0.0.1', port: sim.endpoint.port }, createTestContext());
  await driver.connect();

  await driver.execute('zoom.drive', { direction: 'tele' });
  await waitFor(() => sim!.camera.position.zoom > 0, 2000, 'the lens to move tele');
  await driver.execute('zoom.drive', { direction: 'wide', speed: 1 });
  await driver.execute('zoom.drive', { direction: 'stop' });

  expect(sim.camera.received.map(hex).slice(1)).toEqual(['81 01 04 07 02 FF', '81 01 04 07 37 FF', '81 01 04 07 00 FF']);
  expect(sim.camera.moving).toBe(false);
});
