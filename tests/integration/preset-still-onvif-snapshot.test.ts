import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startOnvifSimulator, type RunningOnvifSimulator } from '../../drivers/onvif/onvif-camera-simulator.js';
import { SIM_SNAPSHOT_JPEG } from '../../drivers/onvif/onvif-sim-snapshot-jpeg.js';
import { startStillsRoom, type StillsRoom } from '../helpers/stills-room.js';

/**
 * Saving an ONVIF camera's preset takes a still from the camera itself (GetSnapshotUri, then
 * a digest GET over real loopback HTTP), stores it in the data folder and serves it; a
 * re-save replaces it, and a re-save the camera cannot picture removes it.
 */
let sim: RunningOnvifSimulator;
let room: StillsRoom;
const auth = { username: 'operator', password: 'a-camera-password' };

beforeAll(async () => {
  sim = await startOnvifSimulator({ events: false, auth, ptz: { maxPresets: 8 } });
  room = await startStillsRoom({ devices: [{ id: 'cam-rear', driver: 'onvif', host: '127.0.0.1', port: sim.endpoint.port, ...auth }] });
  await room.ready('cam-rear');
});

afterAll(async () => {
  await room?.close();
  await sim?.close();
});

it("saves the preset, then stores and serves the camera's own still", async () => {
  const saved = await room.save('cam-rear', 2);
  expect(saved.status).toBe(200);
  expect(saved.thumbnail).toMatchObject({ taken: true, source: 'camera' });
  expect(sim.requests.filter((r) => r.operation === 'GET snapshot' && r.status === 200).map((r) => r.auth)).toEqual(['digest']);

  const view = await room.device('cam-rear');
  expect(view.presetStills).toEqual([{ preset: 2, version: saved.thumbnail!.version, savedAt: expect.any(String), bytes: SIM_SNAPSHOT_JPEG.length }]);
  // On disk where the data folder keeps it, whole, with no temp file left behind.
  expect(await readFile(join(room.dataDir, 'preset-stills', 'cam-rear', '2.jpg'))).toEqual(SIM_SNAPSHOT_JPEG);
  expect(await readdir(join(room.dataDir, 'preset-stills', 'cam-rear'))).toEqual(['2.jpg']);

  const res = await room.still('cam-rear', 2);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/jpeg');
  expect(res.headers.get('cache-control')).toContain('no-cache');
  expect(res.headers.get('etag')).toBe(`"${saved.thumbnail!.version}"`);
  expect(Date.parse(res.headers.get('last-modified') ?? '')).toBeGreaterThan(Date.now() - 60_000);
  expect(Buffer.from(await res.arrayBuffer())).toEqual(SIM_SNAPSHOT_JPEG);

  // Asked again with the copy it has: not modified.
  const again = await room.still('cam-rear', 2, { headers: { authorization: `Bearer ${room.token}`, 'if-none-match': res.headers.get('etag')! } });
  expect(again.status).toBe(304);
});

it('a re-saved preset gets a new still with a new version', async () => {
  const first = (await room.device('cam-rear')).presetStills?.find((s) => s.preset === 2);
  const changed = Buffer.concat([SIM_SNAPSHOT_JPEG.subarray(0, -2), Buffer.from([0x00, 0xff, 0xd9])]);
  sim.setSnapshot(changed);
  const saved = await room.save('cam-rear', 2);
  expect(saved.thumbnail).toMatchObject({ taken: true, source: 'camera' });
  expect(saved.thumbnail!.version).not.toBe(first?.version);
  const res = await room.still('cam-rear', 2, { headers: { authorization: `Bearer ${room.token}`, 'if-none-match': `"${first?.version}"` } });
  expect(res.status).toBe(200);
  expect(Buffer.from(await res.arrayBuffer())).toEqual(changed);
});

it('a re-save the camera cannot picture keeps the preset and drops the outdated still', async () => {
  sim.setSnapshot(Buffer.from('<html>Snapshot service busy</html>'));
  const saved = await room.save('cam-rear', 2);
  expect(saved.status).toBe(200);
  expect(saved.thumbnail).toMatchObject({ taken: false, source: null, reason: 'failed', detail: expect.stringContaining('camera:') });
  expect([...sim.ptz.presets.values()].map((p) => p.name)).toContain('Preset_2');
  expect((await room.device('cam-rear')).presetStills).toEqual([]);
  const res = await room.still('cam-rear', 2);
  expect(res.status).toBe(404);
  expect(await res.json()).toMatchObject({ code: 'ROOMCTL_E_STILL_NOT_FOUND' });
  sim.setSnapshot(SIM_SNAPSHOT_JPEG);
});
