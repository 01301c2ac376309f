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

it('a preset past what the model holds is refused with the allowed range, and nothing goes on the wire', async () => {
  sim = await startViscaIpSimulator({ camera: { model: 'lumens' } });
  driver = new ViscaIpDriver({ host: '127.0.0.1', port: sim.endpoint.port, model: 'lumens' }, createTestContext());
  await driver.connect();
  const before = sim.datagrams.length;

  await expect(driver.execute('preset.save', { preset: 200 })).rejects.toMatchObject({ code: 'ROOMCTL_E_ACTION_PARAMS', details: { allowed: '0..127' } });
  await expect(driver.execute('preset.recall', { preset: 128 })).rejects.toMatchObject({ code: 'ROOMCTL_E_ACTION_PARAMS', details: { allowed: '0..127' } });
  expect(sim.datagrams.length).toBe(before);

  // The top of the range works: presets above 64 are what people asked for.
  await driver.execute('position.absolute', { pan: 120, tilt: 40 });
  await driver.execute('preset.save', { preset: 127 });
  await driver.execute('home', {});
  await driver.execute('preset.recall', { preset: 127 });
  expect(sim.camera.reported).toMatchObject({ pan: 120, tilt: 40 });
});
