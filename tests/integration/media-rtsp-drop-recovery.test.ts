import { afterAll, beforeAll, expect, it } from 'vitest';
import { previewFrames, SMALL_VIDEO, startTestMedia, waitForSummary, type TestMedia } from '../helpers/media-service.js';
import { startRtspTestServer, type RtspTestServer } from '../helpers/rtsp-test-server.js';

/**
 * The IP camera vanishes (SIGKILL: no RTSP TEARDOWN, the socket just dies) and comes back
 * on the same address. The room says "video recovering" meanwhile, keeps the same media
 * host (a source problem is not a host problem), and plays again once the camera is back.
 */
const CAMERA = { width: SMALL_VIDEO.width, height: SMALL_VIDEO.height, fps: SMALL_VIDEO.framerate };
let camera: RtspTestServer;
let room: TestMedia;

beforeAll(async () => {
  camera = await startRtspTestServer(CAMERA);
  room = await startTestMedia({ video: { source: { type: 'rtsp', uri: camera.uri, latencyMs: 50 }, ...SMALL_VIDEO } });
});

afterAll(async () => {
  await room?.close();
  await camera?.close();
});

it('reports the camera lost, then plays again when it comes back', async () => {
  await waitForSummary(room.media, 'live');
  const hostPid = room.media.status().host.pid;

  await camera.kill();
  await waitForSummary(room.media, 'recovering');
  expect(room.media.status().detail).toMatch(/^video recovering: /);
  expect(room.media.signalHealth('video').available).toBe(false);

  camera = await startRtspTestServer({ ...CAMERA, port: camera.port });
  await waitForSummary(room.media, 'live', 20_000);
  expect(await previewFrames(room.media, 2)).toHaveLength(2);
  const status = room.media.status();
  expect(status.host.pid).toBe(hostPid);
  expect(status.video.rebuilds).toBeGreaterThanOrEqual(1);
});
