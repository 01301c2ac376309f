import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DeviceView } from '../../appliance/api/api-types.js';
import { SMALL_VIDEO } from '../helpers/media-service.js';
import { startMediaRoom, type MediaRoom } from '../helpers/media-room.js';
import { waitFor } from '../helpers/test-room.js';

/**
 * A microphone that is connected and "fine" but hears nothing once the meeting has begun
 * (muted at the amplifier, cable cut after the DSP): the `level` element reads silence
 * (−700 dB), and ten minutes into the meeting the `media-audio` device turns degraded.
 * The meeting comes from the room's event bus; time is moved by hand.
 */
let now = Date.parse('2026-03-02T09:00:00Z');
let room: MediaRoom;

beforeAll(async () => {
  room = await startMediaRoom(
    { video: { source: { type: 'test' }, ...SMALL_VIDEO }, audio: { type: 'test', wave: 'silence' }, health: { silentMeetingMinutes: 10 } },
    { now: () => now },
  );
});

afterAll(async () => {
  await room?.close();
});

const micDevice = () => room.appliance.core.devices.get('media-audio') as DeviceView;

it('degrades the microphone when a meeting stays silent', async () => {
  await waitFor(() => micDevice().status === 'ok', 15_000, 'media-audio ok');
  await waitFor(() => room.media.status().audio?.metrics.rmsDb === -120, 5000, 'silence measured');
  // Its health carries the level it hears as its signal (the fleet draws it over time).
  await waitFor(() => room.appliance.health.get('media-audio')?.signal?.value === -120, 15_000, 'the level as the signal');
  expect(room.appliance.health.get('media-audio')?.signal).toEqual({ value: -120, unit: 'dBFS' });
  expect(room.appliance.health.get('media-video')?.signal?.unit).toBe('fps');

  room.appliance.events.publish({ type: 'meeting.started', meetingId: 'm-quiet' });
  now += 9 * 60_000;
  await new Promise((resolve) => setTimeout(resolve, 1200));
  expect(micDevice().status).toBe('ok');

  now += 60_000;
  await waitFor(() => micDevice().status === 'degraded', 5000, 'media-audio degraded');
  expect(micDevice().detail).toBe('The microphone has heard nothing since the meeting started 10 min ago');
});
