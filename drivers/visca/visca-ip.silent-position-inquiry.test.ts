import { afterEach, expect, it } from 'vitest';
import { createTestContext } from '../testing/test-context.js';
import { ViscaIpDriver } from './visca-ip-driver.js';
import { startViscaIpSimulator, type RunningViscaIpSimulator } from './visca-ip-simulator.js';

let sim: RunningViscaIpSimulator | undefined;
let driver: ViscaIpDriver | undefined;
afterEach(async () => {
  await driver?.disconnect();
  await sim?.close();
});

it('a camera that never answers PanTiltPosInq: relative moves still work and inquire still reports the rest', async () => {
  sim = await startViscaIpSimulator({ camera: { quirks: ['silent-position-inquiry'] } });
  const ctx = createTestContext();
  driver = new ViscaIpDriver({ host: '127.0.0.1', port: sim.endpoint.port }, ctx);
  await driver.connect();

  await expect(driver.execute('position.relative', { pan: -300, tilt: 50 })).resolves.toMatchObject({ position: null });
  expect(sim.camera.reported).toMatchObject({ pan: -300, tilt: 50 });
  await expect(driver.execute('inquire', {})).resolves.toMatchObject({ power: 'on', unsupported: ['PanTiltPosInq'] });
  expect(ctx.lost).toEqual([]);
});
