import type { RoomKey } from '../../contract/link-records.js';

/** Whether a room is one of `patterns`: a room (`site/room`), every room of a site (`site/*`) or every room (`*` for both). */
function roomsMatching(patterns: readonly string[]): (from: RoomKey) => boolean {
  const parsed = patterns.map((p) => p.split('/') as [string, string]);
  return (from) => {
    const [site, room] = from.split('/');
    return parsed.some(([s, r]) => (s === '*' || s === site) && (r === '*' || r === room));
  };
}

/**
 * Which rooms may link this room to their meetings (`meetings.links.acceptFrom`). Without the
 * setting, the rooms of this room's own site: a room of another site, which the shared broker
 * lets publish an invitation, books nothing here unless the config names it.
 */
export function invitationPolicy(self: RoomKey, acceptFrom: readonly string[] | undefined): (from: RoomKey) => boolean {
  const [ownSite = ''] = self.split('/');
  return roomsMatching(acceptFrom ?? [`${ownSite}/*`]);
}

/**
 * Which rooms take part in this room's linked meetings without showing they hold the invite
 * (`meetings.links.withoutProof`): rooms of an earlier release, which make no proof, while a
 * site upgrades. None by default — a room whose broker login was stolen, of this site or any
 * other, is not heard on a meeting it does not hold, whatever invitations this room takes from it.
 */
export function withoutProofPolicy(withoutProof: readonly string[] | undefined): (from: RoomKey) => boolean {
  return roomsMatching(withoutProof ?? []);
}
