import type { RoomKey } from '../../contract/link-records.js';

/**
 * Which rooms may link this room to their meetings (`meetings.links.acceptFrom`): each entry
 * a room (`site/room`), every room of a site (`site/*`) or every room (`*` for both). Without the
 * setting, the rooms of this room's own site: a room of another site, which the shared broker
 * lets publish an invitation, books nothing here unless the config names it.
 */
export function invitationPolicy(self: RoomKey, acceptFrom: readonly string[] | undefined): (from: RoomKey) => boolean {
  const [ownSite = ''] = self.split('/');
  const patterns = (acceptFrom ?? [`${ownSite}/*`]).map((p) => p.split('/') as [string, string]);
  return (from) => {
    const [site, room] = from.split('/');
    return patterns.some(([s, r]) => (s === '*' || s === site) && (r === '*' || r === room));
  };
}
