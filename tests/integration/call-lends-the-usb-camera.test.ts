/**
 * A USB camera streams to one reader: while a call holds it, the media pipeline lets it go
 * and the picture's health (`media-video`) says so, degraded rather than offline (nothing is
 * broken); after the call the camera is the pipeline's again.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startClockedRoom, type ClockedRoom } from '../helpers/clocked-room.js';
import { HEADLESS_CALL_BROWSER, startProviderPage, type ProviderPage } from '../helpers/provider-page.js';
import { until } from '../helpers/until.js';

let room: ClockedRoom;
let provider: ProviderPage;

beforeAll(async () => {
  provider = await startProviderPage();
  room = await startClockedRoom({
    start: '2026-12-08T09:00:00Z',
    configure: (config) => {
      config.calls = { browser: HEADLESS_CALL_BROWSER, allowDomains: ['127.0.0.1'] };
      // On demand: the pipeline rests until someone watches, so the test needs no real /dev/video0.
      config.media = { video: { source: { type: 'v4l2', device: '/dev/video0' } }, start: 'on-demand' };
    },
  });
});

afterAll(async () => {
  await room?.close();
  await provider?.close();
});

const video = async () => (await room.call('GET', '/api/v1/devices/media-video')).body as { status: string; detail: string | null };

it('the picture says the call has the USB camera while it runs, and gets it back after', async () => {
  await until(async () => (await video()).status === 'ok', 10_000, 'media-video ok');
  const id = (await room.call('POST', '/api/v1/bookings', { minutes: 30, online: { url: `${provider.base}/j/1` } })).body.id as string;
  await room.call('POST', `/api/v1/meetings/${id}/join`);
  const lent = await until(async () => ((await video()).status === 'degraded' ? video() : undefined), 15_000, 'media-video degraded');
  expect(lent.detail).toContain('the USB camera is in use by the online call');
  expect(room.appliance.core.media!.cameraLentTo).toBe('the online call');

  await room.call('POST', '/api/v1/call/leave');
  await until(async () => (await video()).status === 'ok', 15_000, 'media-video ok again');
  expect(room.appliance.core.media!.cameraLentTo).toBeNull();
});
