/**
 * What linked rooms tell each other about one meeting, as records. Each record has a globally
 * unique id and is applied once by id wherever it arrives, so replays after a broker outage,
 * a re-sent outbox or a room catching up change nothing the second time. A room publishes
 * only records about itself (`room` is the sender, and the broker lets it write only under
 * its own topics). This file imports nothing: both ends of the link use exactly these shapes.
 */

/** `site/room`. */
export type RoomKey = string;

interface LinkRecordBase {
  /** Globally unique: the record's identity in every room. */
  id: string;
  /** The meeting across rooms: a digest of the invite's iCalendar UID and occurrence (link-key.ts). */
  link: string;
  /** The room that made the record. */
  room: RoomKey;
  /** ISO instant on the sending room's clock; records of one kind are ordered by (at, id). */
  at: string;
}

/** An agenda item as the host's clock has it: planned minutes and the times it actually ran. */
export interface ClockItem {
  title: string;
  owner?: string;
  minutes: number;
  startedAt: string | null;
  endedAt: string | null;
}

export type LinkChange =
  /** The room takes part (sent on every connect): its name, and whether its own calendar holds the invite. */
  | { kind: 'room.joined'; name: string }
  /** Its devices: the worst status and a short line per device that is not ok. */
  | { kind: 'room.health'; status: 'ok' | 'degraded' | 'offline' | 'unknown'; problems: string[] }
  /** The organiser's room names the rooms of the meeting. */
  | { kind: 'links.set'; rooms: RoomKey[] }
  /** Who keeps the timer: the organiser's room, the first to start, a hand-over, or the next room when the host died. */
  | { kind: 'host.set'; host: RoomKey; reason: 'organiser' | 'started' | 'handover' | 'failover' }
  /** The agenda clock's state (never ticks): the latest by (at, id) is the one every room shows. */
  | { kind: 'agenda.clock'; status: 'booked' | 'in_progress' | 'ended'; items: ClockItem[] }
  /** One person checked in at `room`; `person` is an opaque digest, `name` null when the meeting is confidential. */
  | { kind: 'checkin'; person: string; name: string | null }
  | { kind: 'minutes.entry'; entryId: string; entryKind: 'note' | 'decision'; text: string; author: string | null }
  | { kind: 'minutes.action'; actionId: string; text: string; owner: string; ownerEmail: string | null; deadline: string | null }
  /** A record of another module replicated as it is (the floor, polls): `channel` names the module. */
  | { kind: 'channel'; channel: string; record: unknown };

export type LinkRecord = LinkRecordBase & LinkChange;

/** What an organiser's room sends a room it links that may not hold the invite: enough to book it there. */
export interface LinkInvitation {
  id: string;
  link: string;
  room: RoomKey;
  at: string;
  kind: 'invitation';
  occurrenceKey: string;
  title: string;
  start: string;
  end: string;
  confidentiality: 'normal' | 'confidential';
  rooms: RoomKey[];
}

/** (at, id) order: the same in every room, whatever order the records arrived in. */
export function byTime(a: Pick<LinkRecordBase, 'at' | 'id'>, b: Pick<LinkRecordBase, 'at' | 'id'>): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
