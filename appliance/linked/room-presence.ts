import type { RoomKey } from '../../contract/link-records.js';
import { effectiveHost, type FoldedLink } from './linked-fold.js';

/**
 * Which rooms are on the broker (their retained `status`, `offline` being the last will) and,
 * from that, which room keeps a linked meeting's timer: the recorded host, its successor while
 * it is offline, or before anyone claimed it the first online room by key.
 */
export class RoomPresence {
  private readonly online = new Map<RoomKey, boolean>();

  constructor(private readonly self: RoomKey) {}

  /** A room's status arrived; false when it says nothing new (or is this room). */
  set(room: RoomKey, online: boolean): boolean {
    if (room === this.self || this.online.get(room) === online) return false;
    this.online.set(room, online);
    return true;
  }

  isOnline(room: RoomKey): boolean {
    return room === this.self || this.online.get(room) !== false;
  }

  /** The rooms seen on the broker, to link a meeting with from the panel. */
  known(): { site: string; room: string; online: boolean }[] {
    return [...this.online]
      .map(([key, online]) => ({ ...splitRoomKey(key), online }))
      .sort((a, b) => `${a.site}/${a.room}`.localeCompare(`${b.site}/${b.room}`));
  }

  /**
   * The room that keeps the timer now. Before any room claimed it, the first room in `site/room`
   * order that takes part (it said so) and is online stands in: a first room that is down, or
   * named but never there, must not leave the roll call to nobody — nor one that released its booking.
   */
  hostOf(fold: FoldedLink): RoomKey {
    const online = (r: RoomKey) => this.isOnline(r);
    const there = [...fold.rooms.values()].filter((r) => r.heard && !r.released).map((r) => r.room);
    // This room stands in too, unless it released its booking (then another room keeps the time).
    const self = fold.rooms.get(this.self)?.released ? [] : [this.self];
    return effectiveHost(fold, online) ?? [...there, ...self].sort().find(online) ?? this.self;
  }

  /**
   * The recorded host is another room, offline, and this room is next in line: it should claim the
   * timer. Not a room an invitation brought in: the others take no fail-over from it (claimTaken);
   * it keeps the time while the host is offline, as every room computes it.
   */
  shouldTakeOver(fold: FoldedLink): boolean {
    return fold.host !== null && fold.host !== this.self && !fold.invited.has(this.self) && effectiveHost(fold, (r) => this.isOnline(r)) === this.self;
  }
}

export function splitRoomKey(key: RoomKey): { site: string; room: string } {
  const [site = '', room = ''] = key.split('/');
  return { site, room };
}
