import type { MuteSource, RoomMuteView } from '../room-mute.js';

/**
 * The room mute as the room's rules see it: whether it is on, and every call that sets it,
 * recorded as "mute by floor", "unmute by scene"… (who asked is the source's kind).
 */
export function recordingRoomMute(on = false) {
  const calls: string[] = [];
  return {
    calls,
    get muted() {
      return on;
    },
    async set(value: boolean, source: MuteSource = { kind: 'panel' }): Promise<RoomMuteView> {
      calls.push(`${value ? 'mute' : 'unmute'} by ${source.kind}`);
      on = value;
      return { on, since: '', source: source.kind, devices: [] };
    },
  };
}
