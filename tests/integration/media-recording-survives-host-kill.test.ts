import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { playBack } from '../helpers/media-playback.js';
import { SMALL_VIDEO, startTestMedia, waitForSummary, type TestMedia } from '../helpers/media-service.js';
import { waitFor } from '../helpers/test-room.js';

/**
 * The media host dies in the middle of a meeting's recording. The recording is not lost:
 * the file being written stays (Matroska is readable without its end), and once a new host
 * is up the recording goes on in the next file.
 */
let room: TestMedia;

beforeAll(async () => {
  room = await startTestMedia({
    video: { source: { type: 'test' }, ...SMALL_VIDEO },
    recording: { allowed: true, format: 'mkv', segmentSeconds: 60, bitrateKbps: 400 },
  });
  await waitForSummary(room.media, 'live');
});

afterAll(async () => {
  await room?.close();
});

it('goes on recording in a new file after the host is killed', async () => {
  const { id } = await room.media.startRecording({ meetingId: 'm-crash' });
  await waitFor(() => room.media.status().recording.active?.files.length === 1, 10_000, 'the first file');
  // splitmuxsink holds a GOP (2 s) before it writes, and the file sink buffers: a crash loses
  // about that much, so let some be written first.
  await new Promise((resolve) => setTimeout(resolve, 4000));

  process.kill(room.media.status().host.pid!, 'SIGKILL');
  await waitFor(() => room.media.status().recording.active?.files.length === 2, 20_000, 'the second file, from the new host');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const recording = (await room.media.stopRecording())!;

  expect(recording).toMatchObject({ id, status: 'complete', meetingId: 'm-crash' });
  expect(recording.files.map((f) => [f.name, f.complete])).toEqual([
    ['part-00000.mkv', false],
    ['part-00001.mkv', true],
  ]);
  for (const file of recording.files) {
    expect(file.bytes).toBeGreaterThan(0);
    const playback = await playBack(join(room.dir, 'recordings', id, file.name), 'mkv', false);
    expect(playback.frames).toBeGreaterThan(SMALL_VIDEO.framerate / 2);
  }
});
