import { afterAll, beforeAll, expect, it } from 'vitest';
import { startViscaIpSimulator, type RunningViscaIpSimulator } from '../../drivers/visca/visca-ip-simulator.js';
import { startStillsRoom, type StillsRoom } from '../helpers/stills-room.js';

/**
 * A camera that gives no picture, in a room whose media does not show it: the preset is
 * saved as always, the result says no still was taken and why, and asking for the still
 * is a coded 404 (the panel shows the named button).
 */
let sim: RunningViscaIpSimulator;
let room: StillsRoom;

beforeAll(async () => {
  sim = await startViscaIpSimulator({ camera: { model: 'sony' } });
  room = await startStillsRoom({ devices: [{ id: 'cam-side', driver: 'visca-ip', host: '127.0.0.1', port: sim.endpoint.port, model: 'sony' }] });
  await room.ready('cam-side');
});

afterAll(async () => {
  await room?.close();
  await sim?.close();
});

it('saves the preset, says there was no source, and has no still to serve', async () => {
  const saved = await room.save('cam-side', 1);
  expect(saved.status).toBe(200);
  expect(saved.body).toMatchObject({ ok: true });
  expect(saved.thumbnail).toEqual({ taken: false, source: null, reason: 'no-source', detail: expect.stringContaining('media.video.camera') });
  expect((await room.device('cam-side')).presetStills).toEqual([]);

  const res = await room.still('cam-side', 1);
  expect(res.status).toBe(404);
  expect(await res.json()).toMatchObject({ code: 'ROOMCTL_E_STILL_NOT_FOUND', hint: expect.stringContaining('Save the preset again') });
});
