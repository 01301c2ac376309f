import { afterAll, beforeAll, expect, it } from 'vitest';
import { SMALL_VIDEO } from '../helpers/media-service.js';
import { startMediaRoom, type MediaRoom } from '../helpers/media-room.js';
import { waitFor } from '../helpers/test-room.js';

/**
 * On-demand media (the demo room's mode): no media host while nobody watches; a preview
 * request starts one and gets a frame; the host stops again once the viewer is gone. Waking
 * for a viewer is planned, not a fault: the picture and sound devices stay ok throughout
 * (a flap to offline would raise and clear a fault in the fleet at every preview or still).
 */
let room: MediaRoom;

beforeAll(async () => {
  room = await startMediaRoom({ start: 'on-demand', video: { source: { type: 'test' }, ...SMALL_VIDEO } }, { idleStopMs: 300 });
});

afterAll(async () => {
  await room?.close();
});

it('starts the media host for a viewer and stops it when idle', async () => {
  await waitFor(() => room.appliance.core.devices.get('media-video').status === 'ok', 10_000, 'media-video ok while idle');
  expect(room.media.status()).toMatchObject({ summary: 'idle', host: { state: 'stopped', pid: null } });
  const statuses: string[] = [];
  const onDevice = (device: { id: string; status: string; detail: string | null }) => {
    // The detail too, so a failure says which verdict it was.
    if (device.id.startsWith('media-')) statuses.push(`${device.id} ${device.status}${device.status === 'ok' ? '' : `: ${device.detail}`}`);
  };
  room.appliance.core.devices.on('device', onDevice);

  const frame = await fetch(`${room.baseUrl}/api/v1/media/preview.jpg`, { headers: { authorization: `Bearer ${room.token}` } });
  expect(frame.status).toBe(200);
  expect(frame.headers.get('content-type')).toBe('image/jpeg');
  expect(
    Buffer.from(await frame.arrayBuffer())
      .subarray(0, 2)
      .toString('hex'),
  ).toBe('ffd8');
  expect(room.media.status().host.state).toBe('running');

  await waitFor(() => room.media.status().host.state === 'stopped', 10_000, 'the idle host to stop');
  expect(room.media.status().summary).toBe('idle');
  expect(room.appliance.core.devices.get('media-video').status).toBe('ok');
  room.appliance.core.devices.off('device', onDevice);
  expect(statuses.filter((s) => !s.endsWith(' ok'))).toEqual([]);
});
