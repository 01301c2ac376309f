import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DeviceView } from '../../appliance/api/api-types.js';
import type { RunningOnvifSimulator } from '../../drivers/onvif/onvif-camera-simulator.js';
import type { RunningViscaIpSimulator } from '../../drivers/visca/visca-ip-simulator.js';
import { startTestRoom, waitFor, type TestRoom } from '../helpers/test-room.js';

let room: TestRoom;
const post = (path: string, body: unknown) =>
  fetch(`${room.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${room.token}` },
    body: JSON.stringify(body),
  });
const device = async (id: string) => ((await (await fetch(`${room.baseUrl}/api/v1/devices`)).json()) as DeviceView[]).find((d) => d.id === id)!;

beforeAll(async () => {
  room = await startTestRoom();
  await waitFor(async () => (await device('cam-rear'))?.status === 'ok' && (await device('cam-side'))?.status === 'ok', 8000, 'both new cameras ok');
});
afterAll(() => room?.close());

it('the demo room has an ONVIF camera whose RTSP URI is in its state and behind an action, for the media pipeline', async () => {
  const rear = await device('cam-rear');
  expect(rear).toMatchObject({ driver: 'onvif', kind: 'camera' });
  const sim = room.demo.simulators.get('cam-rear') as RunningOnvifSimulator;
  expect(rear.state.streamUri).toBe(`rtsp://127.0.0.1:8554/sim/profile_main`);
  const res = await post('/api/v1/devices/cam-rear/actions/stream.uri', {});
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ ok: true, result: { uri: rear.state.streamUri } });

  expect((await post('/api/v1/devices/cam-rear/actions/position.absolute', { pan: 0.5, tilt: 0.25 })).status).toBe(200);
  await waitFor(() => !sim.ptz.moving.panTilt && sim.ptz.position.pan === 0.5, 3000, 'the camera to arrive');
});

it('the demo room has a VISCA-over-IP camera the API moves', async () => {
  const sim = room.demo.simulators.get('cam-side') as RunningViscaIpSimulator;
  expect((await post('/api/v1/devices/cam-side/actions/move', { pan: -1, tilt: 0 })).status).toBe(200);
  await waitFor(() => sim.camera.position.pan < 0, 3000, 'the camera to pan left');
  expect((await post('/api/v1/devices/cam-side/actions/stop', {})).status).toBe(200);
  const refused = await post('/api/v1/devices/cam-side/actions/preset.recall', { preset: 300 });
  expect(refused.status).toBe(400);
});
