import type { LinkChange, RoomKey } from '../../contract/link-records.js';
import { ROOM_RELEASED_CHANNEL, type RoomReleasedWire } from '../../contract/room-release-wire.js';
import type { Meeting } from '../meetings/meeting-types.js';
import { stableId } from './link-key.js';
import type { FoldedLink } from './linked-fold.js';

/**
 * What this room tells the other rooms of a linked meeting about its own booking, when the
 * records do not say it yet: that it left (its booking released — nobody checked in, freed by
 * hand, cancelled ahead of time), or that it is back (booked again once its invite moved after a
 * cancellation ahead of time). Under an id made from the release, so working it out again sends
 * nothing twice. Only this room's own booking: another room's release frees nothing here.
 */
export function ownReleaseRecord(m: Meeting, link: string, self: RoomKey, fold: FoldedLink): { id: string; change: LinkChange; at?: string } | undefined {
  const said = fold.rooms.get(self)?.released ?? null;
  if (m.status === 'released' && m.releasedBy && m.releasedAt) {
    if (said?.at === m.releasedAt) return undefined;
    const id = stableId(link, self, 'released', m.releasedAt);
    return { id, at: m.releasedAt, change: releaseChange({ id, releasedBy: m.releasedBy }) };
  }
  if (said && m.status !== 'released') {
    const id = stableId(link, self, 'booked-again', said.at);
    return { id, change: releaseChange({ id, releasedBy: null }) };
  }
  return undefined;
}

const releaseChange = (record: RoomReleasedWire): LinkChange => ({ kind: 'channel', channel: ROOM_RELEASED_CHANNEL, record });
