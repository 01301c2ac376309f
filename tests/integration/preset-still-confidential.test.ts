import { afterAll, beforeAll, expect, it } from 'vitest';
import { startOnvifSimulator, type RunningOnvifSimulator } from '../../drivers/onvif/onvif-camera-simulator.js';
import { startStillsRoom, type StillsRoom } from '../helpers/stills-room.js';

/**
 * While a confidential meeting runs the room takes no pictures: a preset saved then keeps no
 * still (the camera is not even asked for one), and the result says why. Ordinary meetings
 * and the time after the confidential one are as usual.
 */
let sim: RunningOnvifSimulator;
let room: StillsRoom;

const post = async (path: string, body?: unknown) => {
  const res = await fetch(`${room.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${room.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  expect(res.status, `${path}: ${await res.clone().text()}`).toBeLessThan(300);
  return (await res.json()) as { id: string };
};
const snapshotsAsked = () => sim.requests.filter((r) => r.operation === 'GetSnapshotUri' || r.operation === 'GET snapshot').length;

beforeAll(async () => {
  sim = await startOnvifSimulator({ events: false });
  room = await startStillsRoom({ devices: [{ id: 'cam-rear', driver: 'onvif', host: '127.0.0.1', port: sim.endpoint.port }] });
  await room.ready('cam-rear');
});

afterAll(async () => {
  await room?.close();
  await sim?.close();
});

it('takes no still during a confidential meeting, and takes them again after it', async () => {
  expect((await room.save('cam-rear', 1)).thumbnail).toMatchObject({ taken: true });

  const meeting = await post('/api/v1/bookings', { minutes: 30, title: 'Board', confidentiality: 'confidential' });
  await post(`/api/v1/meetings/${meeting.id}/start`);
  const asked = snapshotsAsked();
  const saved = await room.save('cam-rear', 1);
  expect(saved.status).toBe(200);
  expect(saved.thumbnail).toMatchObject({ taken: false, source: null, reason: 'confidential-meeting' });
  expect(snapshotsAsked()).toBe(asked);
  // The still from before no longer shows what the preset does: it is gone, not kept.
  expect((await room.still('cam-rear', 1)).status).toBe(404);

  await post(`/api/v1/meetings/${meeting.id}/end`);
  expect((await room.save('cam-rear', 1)).thumbnail).toMatchObject({ taken: true, source: 'camera' });
  expect((await room.still('cam-rear', 1)).status).toBe(200);
});

it('follows meeting.started events that say confidential, as the recording does', async () => {
  room.appliance.events.publish({ type: 'meeting.started', meetingId: 'secret-2', confidential: true });
  expect((await room.save('cam-rear', 2)).thumbnail).toMatchObject({ taken: false, reason: 'confidential-meeting' });
  room.appliance.events.publish({ type: 'meeting.ended', meetingId: 'secret-2' });
  expect((await room.save('cam-rear', 2)).thumbnail).toMatchObject({ taken: true });
});
