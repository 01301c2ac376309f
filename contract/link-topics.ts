import { ROOM_KEY, type RoomKey } from './link-records.js';

/**
 * Where linked rooms talk to each other (docs/LINKED-ROOMS.md), beside the room–fleet topics of `topics.ts`. Every room writes only under its own base
 * `roomctl/<site>/<room>/`, which is all the broker lets a room identity write; it reads the
 * other rooms' meeting records, the invitations addressed to it and their `status`.
 */
export const linkTopics = {
  /** A room's records about one linked meeting. */
  records: (from: RoomKey, link: string) => `roomctl/${from}/meetings/${link}/records`,
  /** Every room's records about one linked meeting (what a room subscribes to). */
  allRecords: (link: string) => `roomctl/+/+/meetings/${link}/records`,
  /** An invitation from `from` to `to` (the organiser linked `to` from `from`'s panel or API). */
  invitation: (from: RoomKey, to: RoomKey) => `roomctl/${from}/links/${to}`,
  /** Every invitation to `to`. */
  invitationsTo: (to: RoomKey) => `roomctl/+/+/links/${to}`,
  /** A room's retained online/offline (its last will): how the others learn the host died; `+/+` for every room's. */
  status: (room: RoomKey) => `roomctl/${room}/status`,
};

/** The sender of a topic under `roomctl/<site>/<room>/…`, and what follows. */
export function senderOf(topic: string): { room: RoomKey; rest: string[] } | undefined {
  const parts = topic.split('/');
  if (parts.length < 4 || parts[0] !== 'roomctl') return undefined;
  return { room: `${parts[1]}/${parts[2]}`, rest: parts.slice(3) };
}

/** A `site/room` that can stand in a topic: two plain segments. */
export function isRoomKey(value: string): boolean {
  return ROOM_KEY.test(value);
}
