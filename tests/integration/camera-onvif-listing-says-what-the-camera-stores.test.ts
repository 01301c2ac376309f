/**
 * A camera that stores eight presets: once connected, the room's listing and its checks say
 * 1..8, not the 0..255 every ONVIF camera is listed with before it has said anything.
 */
import { afterEach, expect, it } from 'vitest';
import { createLogger } from '../../appliance/logger.js';
import { DeviceHost } from '../../appliance/devices/device-host.js';
import { startOnvifSimulator, type RunningOnvifSimulator } from '../../drivers/onvif/onvif-camera-simulator.js';
import { DRIVERS } from '../../drivers/registry.js';
import { waitFor } from '../helpers/test-room.js';

let sim: RunningOnvifSimulator | undefined;
let host: DeviceHost | undefined;
afterEach(async () => {
  await host?.stop();
  await sim?.close();
});

it('lists and checks presets 1..8 for a camera that stores eight', async () => {
  sim = await startOnvifSimulator({ events: false, quirks: ['eight-presets'] });
  host = new DeviceHost({
    drivers: DRIVERS,
    devices: [{ id: 'cam', driver: 'onvif', host: '127.0.0.1', port: sim.endpoint.port }],
    log: createLogger({ level: 'silent', pretty: false }),
  });
  expect(host.get('cam').capabilities.find((c) => c.name === 'ptz')?.traits).toEqual({ presets: 255 });
  host.start();
  await waitFor(() => host!.get('cam').status === 'ok' && host!.get('cam').state.maxPresets === 8, 8000, 'the camera connected and counted its presets');

  expect(host.get('cam').capabilities.find((c) => c.name === 'ptz')?.traits).toEqual({ presets: 8, firstPreset: 1 });
  await expect(host.execute('cam', 'preset.recall', { preset: 9 })).rejects.toMatchObject({
    code: 'ROOMCTL_E_ACTION_PARAMS',
    details: { issues: [expect.objectContaining({ allowed: expect.stringContaining('8') })] },
  });
  await expect(host.execute('cam', 'preset.save', { preset: 8 })).resolves.toBeDefined();
});
