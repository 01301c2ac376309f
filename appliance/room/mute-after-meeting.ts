import type { RoomEventBus, RoomEventEnvelope } from '../model/room-events.js';
import type { RoomMute } from './room-mute.js';

/**
 * The end of a meeting clears the room mute, with the rest of the end scene: the next
 * meeting must not start with its microphones muted by the last one (a muted room looks
 * like broken sound). `meetings.keepMuteAfterMeeting: true` leaves it as it is.
 * Returns the function that stops listening.
 */
export function clearMuteAfterMeetings(bus: RoomEventBus, mute: Pick<RoomMute, 'muted' | 'set'>, keep: boolean): () => void {
  if (keep) return () => undefined;
  const listener = (envelope: RoomEventEnvelope) => {
    if (envelope.event.type !== 'meeting.ended' || !mute.muted) return;
    // The devices answer in their own time; a device that does not is corrected when it is back.
    void mute.set(false, { kind: 'scene' }).catch(() => undefined);
  };
  bus.on('event', listener);
  return () => bus.off('event', listener);
}
