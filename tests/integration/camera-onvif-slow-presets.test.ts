import { afterEach, expect, it } from 'vitest';
import { startOnvifSimulator, type RunningOnvifSimulator } from '../../drivers/onvif/onvif-camera-simulator.js';
import { onvifDriver } from '../../drivers/onvif/onvif-definition.js';
import { superviseDevice } from '../helpers/supervised-device.js';

let sim: RunningOnvifSimulator | undefined;
let device: ReturnType<typeof superviseDevice> | undefined;
afterEach(async () => {
  await device?.stop();
  await sim?.close();
});

const FULL = process.env.ROOMCTL_FULL === '1';

it('a camera whose SetPreset and GotoPreset answer after 2.5 s stays ok under the supervisor; every preset command is sent once and succeeds', async () => {
  // 2.5 s: the slowest answer seen from an independent ONVIF server (the `slow-presets` profile plays 1.5 s).
  sim = await startOnvifSimulator({ events: false, quirks: ['slow-presets'], presetDelayMs: 2500 });
  device = superviseDevice(onvifDriver, { host: '127.0.0.1', port: sim.endpoint.port });
  await device.reaches('ok', 5000);
  const rounds = FULL ? 5 : 1;

  for (let i = 0; i < rounds; i++) {
    await device.supervisor.execute('position.absolute', { pan: (i + 1) / 10, tilt: 0 });
    await device.supervisor.execute('preset.save', { preset: 1 });
    await device.supervisor.execute('preset.recall', { preset: 1 });
  }

  expect(device.history.map((h) => h.status)).toEqual(['ok']);
  expect(sim.requests.filter((r) => r.operation === 'SetPreset').map((r) => r.status)).toEqual(Array(rounds).fill(200));
  expect(sim.requests.filter((r) => r.operation === 'GotoPreset').map((r) => r.status)).toEqual(Array(rounds).fill(200));
});
