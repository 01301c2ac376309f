import { afterAll, beforeAll, expect, it } from 'vitest';
import { SMALL_VIDEO, startTestMedia, waitForSummary, type TestMedia } from '../helpers/media-service.js';
import { waitFor } from '../helpers/test-room.js';

/**
 * A camera that still streams but whose picture stopped changing (a hung encoder repeats
 * its last frame): the frames keep coming, so the pipeline is fine — the picture is not.
 * Time is moved by hand; the frames are real (a still test pattern: pinwheel, since smpte
 * carries a patch of noise and so, rightly, never reads as frozen).
 */
let now = Date.parse('2026-03-02T09:00:00Z');
let room: TestMedia;

beforeAll(async () => {
  room = await startTestMedia(
    { video: { source: { type: 'test', pattern: 'pinwheel', moving: false }, ...SMALL_VIDEO }, health: { frozenSeconds: 5 } },
    { now: () => now },
  );
  await waitForSummary(room.media, 'live');
  await waitFor(() => room.media.status().video.metrics.luma !== null, 5000, 'analysed frames');
});

afterAll(async () => {
  await room?.close();
});

it('calls a still picture frozen once the rule time has passed', async () => {
  now += 4000;
  await new Promise((resolve) => setTimeout(resolve, 1200));
  expect(room.media.signalHealth('video').verdict.degraded).toBe(false);

  now += 2000;
  await waitFor(() => room.media.signalHealth('video').verdict.degraded, 5000, 'the frozen verdict');
  expect(room.media.signalHealth('video').verdict.detail).toMatch(/^The picture has been frozen for [67] s$/);
  expect(room.media.status()).toMatchObject({ summary: 'degraded', video: { state: 'playing' } });
});
