import { afterEach, expect, it } from 'vitest';
import { startOnvifSimulator, type RunningOnvifSimulator } from '../../drivers/onvif/onvif-camera-simulator.js';
import { waitFor } from '../helpers/test-room.js';
import { hostDevices } from '../helpers/hosted-devices.js';

/**
 * Joystick moves, then `home` while the first move is still being answered (10 ms apart on
 * a camera that takes longer than that to answer). Before, the move waiting behind the one
 * on the wire went out after the `home` accepted later, and the camera was left turning with
 * no stop to come. Now a camera's motor commands reach it in the order accepted.
 */
let sim: RunningOnvifSimulator | undefined;
let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  await sim?.close();
});

it('move, move, then home while the first move is still on the wire: the camera gets home last and ends up still', async () => {
  sim = await startOnvifSimulator({ events: false });
  const room = hostDevices([{ id: 'cam', driver: 'onvif', host: '127.0.0.1', port: sim.endpoint.port }], { moveWatchdogMs: 0 });
  stop = room.stop;
  await waitFor(() => room.host.get('cam').status === 'ok', 10_000, 'the camera to connect');

  const first = room.host.execute('cam', 'move', { pan: 0.5 });
  const second = room.host.execute('cam', 'move', { pan: 0.5, tilt: 0.2 });
  const home = room.host.execute('cam', 'home', {});
  await Promise.all([first, second, home]);

  const ptz = sim.requests.map((r) => r.operation).filter((op) => ['ContinuousMove', 'Stop', 'GotoHomePosition'].includes(op));
  expect(ptz.at(-1)).toBe('GotoHomePosition');
  await waitFor(() => !sim!.ptz.moving.panTilt, 5000, 'the camera to arrive home and stop');
  expect(sim.ptz.position).toMatchObject({ pan: 0, tilt: 0 });
});
