import type { RoomMute } from './room-mute.js';

/** What the conversation tells: the floor moved to or from another room (ConversationService 'floor'). */
export interface FloorMoves {
  on(event: 'floor', listener: (change: { meetingId: string; room: string | null; elsewhere: boolean }) => unknown): unknown;
  off(event: 'floor', listener: (change: { meetingId: string; room: string | null; elsewhere: boolean }) => unknown): unknown;
}

/**
 * `meetings.floor.muteOthers`: while a speaker in a linked room holds the floor, this room's
 * microphones are muted (the room mute), and opened again when the floor comes back or is
 * released — unless someone muted the room themselves, which the floor leaves as it is.
 * Returns the function that stops listening.
 */
export function muteWhileFloorElsewhere(floor: FloorMoves, mute: Pick<RoomMute, 'muted' | 'set'>, enabled: boolean): () => void {
  if (!enabled) return () => undefined;
  let engaged = false;
  const listener = (change: { elsewhere: boolean }) => {
    if (change.elsewhere && !mute.muted) {
      engaged = true;
      void mute.set(true, { kind: 'floor' }).catch(() => undefined);
    } else if (!change.elsewhere && engaged) {
      engaged = false;
      if (mute.muted) void mute.set(false, { kind: 'floor' }).catch(() => undefined);
    }
  };
  floor.on('floor', listener);
  return () => floor.off('floor', listener);
}
