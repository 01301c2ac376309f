import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMediaRoom, type MediaRoom } from '../helpers/media-room.js';
import { SMALL_VIDEO, waitForSummary } from '../helpers/media-service.js';
import { waitFor } from '../helpers/test-room.js';

/** Recording follows the meeting, except a confidential one: that is never recorded. */
let room: MediaRoom;

beforeAll(async () => {
  room = await startMediaRoom({
    video: { source: { type: 'test' }, ...SMALL_VIDEO },
    audio: { type: 'test', wave: 'sine' },
    recording: { allowed: true, withMeetings: true, format: 'mkv', segmentSeconds: 2, bitrateKbps: 300 },
  });
  await waitForSummary(room.media, 'live');
});

afterAll(async () => {
  await room?.close();
});

it('does not record a confidential meeting, and records the next ordinary one', async () => {
  room.appliance.events.publish({ type: 'meeting.started', meetingId: 'secret-1', confidential: true });
  // Give a recording the time it would need to start, then check none did.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(room.media.status().recording.active).toBeFalsy();
  room.appliance.events.publish({ type: 'meeting.ended', meetingId: 'secret-1' });

  room.appliance.events.publish({ type: 'meeting.started', meetingId: 'ordinary-2', title: 'Weekly' });
  const active = await waitFor(() => room.media.status().recording.active, 10_000, 'the ordinary meeting to be recorded');
  expect(active.meetingId).toBe('ordinary-2');
  room.appliance.events.publish({ type: 'meeting.ended', meetingId: 'ordinary-2' });
  await waitFor(() => !room.media.status().recording.active, 10_000, 'the recording to stop');
});
