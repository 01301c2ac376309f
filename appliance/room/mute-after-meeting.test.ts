import { expect, it } from 'vitest';
import { RoomEventBus } from '../model/room-events.js';
import { clearMuteAfterMeetings } from './mute-after-meeting.js';
import { recordingRoomMute } from './testing/recording-room-mute.js';

it('clears a muted room when a meeting ends, and only then', () => {
  const bus = new RoomEventBus();
  const mute = recordingRoomMute(true);
  clearMuteAfterMeetings(bus, mute, false);
  bus.publish({ type: 'meeting.started', meetingId: 'm1', title: 'Stand-up' });
  expect(mute.calls).toEqual([]);
  bus.publish({ type: 'meeting.ended', meetingId: 'm1', title: 'Stand-up' });
  expect(mute.calls).toEqual(['unmute by scene']);
  // Not muted: nothing to clear, nothing sent to the devices.
  bus.publish({ type: 'meeting.ended', meetingId: 'm2' });
  expect(mute.calls).toHaveLength(1);
});

it('leaves the mute alone when the room is configured to keep it (meetings.keepMuteAfterMeeting)', () => {
  const bus = new RoomEventBus();
  const mute = recordingRoomMute(true);
  clearMuteAfterMeetings(bus, mute, true);
  bus.publish({ type: 'meeting.ended', meetingId: 'm1' });
  expect(mute.calls).toEqual([]);
});
