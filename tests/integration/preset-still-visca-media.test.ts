import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { jpegInfo } from '../../drivers/core/jpeg-info.js';
import { createPtyPair, type PtyPair } from '../../drivers/sim/pty-pair.js';
import { startViscaSerialSimulator, type RunningViscaSerialSimulator } from '../../drivers/visca/visca-serial-simulator.js';
import { containsBytes } from '../helpers/panel-browser.js';
import { startStillsRoom, type StillsRoom } from '../helpers/stills-room.js';
import { waitFor } from '../helpers/test-room.js';

/**
 * A serial VISCA camera cannot hand over a picture; when the room's media picture shows it
 * (`media.video.camera`), its preset's still is the media pipeline's current frame (real
 * GStreamer, started on demand for it).
 */
const SAVE_PRESET_3 = [0x81, 0x01, 0x04, 0x3f, 0x01, 0x03, 0xff];
let dir: string;
let pty: PtyPair;
let camera: RunningViscaSerialSimulator;
let room: StillsRoom;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roomctl-still-visca-'));
  pty = await createPtyPair({ dir, name: 'cam-front' });
  camera = await startViscaSerialSimulator({ path: pty.simulatorPath });
  room = await startStillsRoom({
    devices: [{ id: 'cam-front', driver: 'visca-serial', port: pty.devicePath, baudRate: 9600 }],
    media: {
      start: 'on-demand',
      video: { source: { type: 'test', pattern: 'smpte' }, camera: 'cam-front', width: 320, height: 180, framerate: 15 },
      preview: { width: 320, height: 180, framerate: 10 },
    },
  });
  await room.ready('cam-front');
});

afterAll(async () => {
  await room?.close();
  await camera?.close();
  await pty?.close();
  await rm(dir, { recursive: true, force: true });
});

it('stores the media picture as the still of a saved VISCA preset, and serves it', async () => {
  expect(room.appliance.core.media!.status().host.state).toBe('stopped');
  const saved = await room.save('cam-front', 3);
  expect(saved.status).toBe(200);
  expect(containsBytes(camera.received, SAVE_PRESET_3)).toBe(true);
  expect(saved.thumbnail).toMatchObject({ taken: true, source: 'media' });

  const res = await room.still('cam-front', 3);
  expect(res.status).toBe(200);
  expect(jpegInfo(Buffer.from(await res.arrayBuffer()))).toEqual({ width: 320, height: 180 });
  await waitFor(async () => (await room.device('cam-front')).presetStills?.some((s) => s.preset === 3), 2000, 'the still in the device view');
});
