import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { playBack } from '../helpers/media-playback.js';
import { SMALL_VIDEO, startTestMedia, waitForSummary, type TestMedia } from '../helpers/media-service.js';
import { waitFor } from '../helpers/test-room.js';

/**
 * A meeting is recorded to segmented MP4 files (H.264 + AAC), and the files play back with
 * the length and the frames the meeting had: the segments add up to the recording's time
 * at the room's frame rate.
 */
let room: TestMedia;

beforeAll(async () => {
  room = await startTestMedia({
    video: { source: { type: 'test' }, ...SMALL_VIDEO },
    audio: { type: 'test', wave: 'sine' },
    recording: { allowed: true, format: 'mp4', segmentSeconds: 2, bitrateKbps: 500 },
  });
  await waitForSummary(room.media, 'live');
});

afterAll(async () => {
  await room?.close();
});

it('records a meeting into segments that play back for as long as it lasted', async () => {
  room.media.meetingStarted('meeting-42');
  const started = await waitFor(() => room.media.status().recording.active, 10_000, 'the recording to start');
  expect(started.meetingId).toBe('meeting-42');
  const t0 = Date.now();
  await waitFor(() => (room.media.status().recording.active?.files.length ?? 0) >= 2, 10_000, 'a second segment');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  room.media.meetingEnded('meeting-42');
  const recording = await waitFor(
    () => {
      const r = room.media.recording(started.id);
      return r?.status === 'complete' ? r : undefined;
    },
    10_000,
    'the recording to complete',
  );
  const recordedS = (Date.now() - t0) / 1000;

  expect(recording.files.length).toBeGreaterThanOrEqual(2);
  expect(recording.files.every((f) => f.complete && f.bytes > 0)).toBe(true);
  let durationS = 0;
  let frames = 0;
  for (const file of recording.files) {
    const playback = await playBack(join(room.dir, 'recordings', recording.id, file.name), 'mp4', true);
    expect(playback.audioBuffers).toBeGreaterThan(0);
    durationS += playback.durationS;
    frames += playback.frames;
  }
  // Loose bounds: the segments cover the recording (it began before t0), at 15 frames a second.
  expect(durationS).toBeGreaterThan(recordedS - 0.5);
  expect(durationS).toBeLessThan(recordedS + 3);
  expect(frames / durationS).toBeGreaterThan(SMALL_VIDEO.framerate * 0.8);
  expect(frames / durationS).toBeLessThan(SMALL_VIDEO.framerate * 1.2);
});
