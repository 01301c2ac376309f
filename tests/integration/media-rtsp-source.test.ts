import { afterAll, beforeAll, expect, it } from 'vitest';
import { previewFrames, SMALL_VIDEO, startTestMedia, waitForSummary, type TestMedia } from '../helpers/media-service.js';
import { startRtspTestServer, type RtspTestServer } from '../helpers/rtsp-test-server.js';

/** An IP camera over RTSP (a real gst-rtsp-server on loopback) → live picture and preview. */
let camera: RtspTestServer;
let room: TestMedia;

beforeAll(async () => {
  camera = await startRtspTestServer({ width: 320, height: 180, fps: 15 });
  room = await startTestMedia({ video: { source: { type: 'rtsp', uri: camera.uri, latencyMs: 50 }, ...SMALL_VIDEO } });
});

afterAll(async () => {
  await room?.close();
  await camera?.close();
});

it('plays the camera stream and serves it as JPEG preview frames', async () => {
  await waitForSummary(room.media, 'live');
  const frames = await previewFrames(room.media, 3);
  for (const jpeg of frames) {
    expect(jpeg.subarray(0, 2).toString('hex')).toBe('ffd8');
    expect(jpeg.subarray(-2).toString('hex')).toBe('ffd9');
  }
  const { video } = room.media.status();
  expect(video.state).toBe('playing');
  // The test pattern is bright and moving: neither black nor frozen.
  expect(video.metrics.luma).toBeGreaterThan(40);
  expect(video.signal.degraded).toBe(false);
});
