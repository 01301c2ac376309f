import { afterEach, expect, it } from 'vitest';
import { startOnvifSimulator, type RunningOnvifSimulator } from '../../drivers/onvif/onvif-camera-simulator.js';
import { waitFor } from '../helpers/test-room.js';
import { hostDevices } from '../helpers/hosted-devices.js';

/**
 * The joystick's dead-man's switch lives in the device host. Before, it sat in the HTTP route:
 * a `move` from an MQTT command or a scene (which call the host directly, as here) was never
 * stopped, and a `preset.goto` did not cancel a pending auto-stop, so the stop landed in the
 * middle of the trip to the preset.
 */
let sim: RunningOnvifSimulator | undefined;
let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  await sim?.close();
});

async function hostedCamera() {
  sim = await startOnvifSimulator({ events: false });
  const room = hostDevices([{ id: 'cam', driver: 'onvif', host: '127.0.0.1', port: sim.endpoint.port }], { moveWatchdogMs: 200 });
  stop = room.stop;
  await waitFor(() => room.host.get('cam').status === 'ok', 10_000, 'the camera to connect');
  return room;
}

const operations = () => sim!.requests.map((r) => r.operation);

it('a move sent past the HTTP API and never renewed is stopped by the host', async () => {
  const { host } = await hostedCamera();

  await host.execute('cam', 'move', { pan: 0.5 });
  expect(sim!.ptz.moving.panTilt).toBe(true);

  await waitFor(() => operations().includes('Stop'), 3000, 'the auto-stop');
  expect(sim!.ptz.moving).toEqual({ panTilt: false, zoom: false });
  expect(host.moveWatchdog.stopsSent).toBe(1);
});

it('a preset.goto during a move cancels the pending auto-stop: the trip is not cut short', async () => {
  const { host } = await hostedCamera();
  const { token } = (await host.execute('cam', 'preset.set', { name: 'door' })) as { token: string };

  await host.execute('cam', 'move', { pan: 0.5 });
  await host.execute('cam', 'preset.goto', { token });
  await new Promise((resolve) => setTimeout(resolve, 500));

  expect(operations().slice(operations().indexOf('GotoPreset'))).not.toContain('Stop');
  expect(host.moveWatchdog.stopsSent).toBe(0);
});
