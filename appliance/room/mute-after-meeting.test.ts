import { expect, it } from 'vitest';
import { RoomEventBus } from '../model/room-events.js';
import { clearMuteAfterMeetings } from './mute-after-meeting.js';
import type { MuteSource, RoomMuteView } from './room-mute.js';

/** The room mute as the rule sees it: whether it is on, and the calls that change it. */
function roomMute(on: boolean) {
  const calls: { on: boolean; source: string }[] = [];
  return {
    calls,
    get muted() {
      return on;
    },
    async set(value: boolean, source: MuteSource = { kind: 'panel' }): Promise<RoomMuteView> {
      calls.push({ on: value, source: source.kind });
      on = value;
      return { on, since: '', source: source.kind, devices: [] };
    },
  };
}

it('clears a muted room when a meeting ends, and only then', () => {
  const bus = new RoomEventBus();
  const mute = roomMute(true);
  clearMuteAfterMeetings(bus, mute, false);
  bus.publish({ type: 'meeting.started', meetingId: 'm1', title: 'Stand-up' });
  expect(mute.calls).toEqual([]);
  bus.publish({ type: 'meeting.ended', meetingId: 'm1', title: 'Stand-up' });
  expect(mute.calls).toEqual([{ on: false, source: 'scene' }]);
  // Not muted: nothing to clear, nothing sent to the devices.
  bus.publish({ type: 'meeting.ended', meetingId: 'm2' });
  expect(mute.calls).toHaveLength(1);
});

it('leaves the mute alone when the room is configured to keep it (meetings.keepMuteAfterMeeting)', () => {
  const bus = new RoomEventBus();
  const mute = roomMute(true);
  clearMuteAfterMeetings(bus, mute, true);
  bus.publish({ type: 'meeting.ended', meetingId: 'm1' });
  expect(mute.calls).toEqual([]);
});
