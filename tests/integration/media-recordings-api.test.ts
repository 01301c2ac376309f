import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Recording } from '../../appliance/media/recordings-repository.js';
import { SMALL_VIDEO } from '../helpers/media-service.js';
import { startMediaRoom, type MediaRoom } from '../helpers/media-room.js';
import { waitFor } from '../helpers/test-room.js';

/**
 * Recording through the API: start and stop need the token like every mutation; listing
 * and downloading need it too (a recording shows people), and a download is the file as
 * written.
 */
let room: MediaRoom;
const auth = () => ({ authorization: `Bearer ${room.token}` });

beforeAll(async () => {
  room = await startMediaRoom({
    video: { source: { type: 'test' }, ...SMALL_VIDEO },
    recording: { allowed: true, format: 'mkv', segmentSeconds: 60, bitrateKbps: 400 },
  });
  await waitFor(() => room.media.status().summary === 'live', 15_000, 'live video');
});

afterAll(async () => {
  await room?.close();
});

it('records on request and lets only a token holder list and download it', async () => {
  expect((await fetch(`${room.baseUrl}/api/v1/media/recording/start`, { method: 'POST' })).status).toBe(401);
  const started = await fetch(`${room.baseUrl}/api/v1/media/recording/start`, {
    method: 'POST',
    headers: { ...auth(), 'content-type': 'application/json' },
    body: JSON.stringify({ meetingId: 'adhoc-1' }),
  });
  expect(started.status).toBe(201);
  const { id } = (await started.json()) as Recording;
  await waitFor(() => (room.media.status().recording.active?.files.length ?? 0) > 0, 10_000, 'the first file');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const stopped = (await (await fetch(`${room.baseUrl}/api/v1/media/recording/stop`, { method: 'POST', headers: auth() })).json()) as Recording;
  expect(stopped).toMatchObject({ id, status: 'complete', meetingId: 'adhoc-1', format: 'mkv' });

  expect((await fetch(`${room.baseUrl}/api/v1/recordings`)).status).toBe(401);
  expect((await fetch(`${room.baseUrl}/api/v1/recordings`, { headers: { authorization: 'Bearer not-the-token-at-all' } })).status).toBe(401);
  const list = (await (await fetch(`${room.baseUrl}/api/v1/recordings`, { headers: auth() })).json()) as (Recording & { files: { url: string }[] })[];
  expect(list.map((r) => r.id)).toEqual([id]);
  const file = list[0]!.files[0]!;
  expect(file.url).toBe(`/api/v1/recordings/${id}/files/part-00000.mkv`);

  expect((await fetch(`${room.baseUrl}${file.url}`)).status).toBe(401);
  const download = await fetch(`${room.baseUrl}${file.url}`, { headers: auth() });
  expect(download.status).toBe(200);
  expect(download.headers.get('content-type')).toBe('video/x-matroska');
  const body = Buffer.from(await download.arrayBuffer());
  expect(body.length).toBe((await stat(join(room.dataDir, 'recordings', id, 'part-00000.mkv'))).size);
  // EBML magic: a Matroska file, finished.
  expect(body.subarray(0, 4).toString('hex')).toBe('1a45dfa3');

  // Names outside the pattern never reach the disk.
  expect((await fetch(`${room.baseUrl}/api/v1/recordings/${id}/files/..%2F..%2Froomctl.sqlite`, { headers: auth() })).status).toBe(400);
  const gone = await fetch(`${room.baseUrl}/api/v1/recordings/${id}`, { method: 'DELETE', headers: auth() });
  expect(gone.status).toBe(204);
  await expect(stat(join(room.dataDir, 'recordings', id))).rejects.toThrow();
});
