import type { CheckInElsewhere, LinkedMeetingsPort, LinkedRoomView, RoomAttendance } from '../meetings/linked-port.js';
import type { MeetingContext } from '../meetings/meeting-context.js';
import { linkKeyOf, personDigest } from './link-key.js';
import type { RoomKey } from '../../contract/link-records.js';
import type { FoldedLink } from './linked-fold.js';
import { localHealth, type DeviceList } from './local-facts.js';
import { splitRoomKey, type RoomPresence } from './room-presence.js';

interface ViewDeps {
  self: RoomKey;
  roomName: string;
  ctx: MeetingContext;
  devices: DeviceList;
  presence: RoomPresence;
  /** The linked meeting as every room's records make it. */
  fold(link: string): FoldedLink;
}

/** What the meetings read of their linked rooms (the meetings' LinkedMeetingsPort): the rooms, who hosts, where people checked in. Who does the host's duties is LinkedDuties' (it knows when this room has heard the others). */
export class LinkedMeetingViews implements Omit<LinkedMeetingsPort, 'dutyBy' | 'dutyTaken' | 'forgetGoneMeetings' | 'linksRooms' | 'handsTimeOver'> {
  constructor(private readonly deps: ViewDeps) {}

  rooms(meetingId: string): LinkedRoomView[] {
    const { ctx, self, presence } = this.deps;
    const m = ctx.meetings.get(meetingId);
    if (!m) return [];
    const fold = this.deps.fold(linkKeyOf(m.occurrenceKey));
    const others = [...fold.rooms.values()].filter((r) => r.room !== self);
    if (others.length === 0) return [];
    const host = presence.hostOf(fold);
    const own: LinkedRoomView = {
      ...splitRoomKey(self),
      name: this.deps.roomName,
      host: host === self,
      present: ctx.checkIns.count(m.id),
      expected: false,
      online: true,
      health: localHealth(this.deps.devices),
      released: m.status === 'released' && m.releasedBy && m.releasedAt ? { by: m.releasedBy, at: m.releasedAt } : null,
    };
    const views = others.map((r) => ({
      ...splitRoomKey(r.room),
      name: r.name ?? r.room,
      host: host === r.room,
      present: r.checkIns.size,
      expected: !r.heard,
      online: r.heard && presence.isOnline(r.room),
      health: r.health ?? { status: 'unknown' as const, problems: [] },
      released: r.released,
    }));
    return [own, ...views].sort((a, b) => `${a.site}/${a.room}`.localeCompare(`${b.site}/${b.room}`));
  }

  /** Another room hosts this meeting: this room neither nudges absentees nor sends the minutes. */
  followsAnotherRoom(meetingId: string): boolean {
    const m = this.deps.ctx.meetings.get(meetingId);
    if (!m) return false;
    const fold = this.deps.fold(linkKeyOf(m.occurrenceKey));
    if (![...fold.rooms.keys()].some((r) => r !== this.deps.self)) return false;
    return this.deps.presence.hostOf(fold) !== this.deps.self;
  }

  checkedInElsewhere(meetingId: string, personKey: string): CheckInElsewhere | undefined {
    const m = this.deps.ctx.meetings.get(meetingId);
    if (!m) return undefined;
    const link = linkKeyOf(m.occurrenceKey);
    const person = personDigest(link, personKey);
    for (const r of this.deps.fold(link).rooms.values()) {
      const c = r.room === this.deps.self ? undefined : r.checkIns.get(person);
      if (c) return { room: r.room, roomName: r.name ?? r.room, at: c.at };
    }
    return undefined;
  }

  attendanceByRoom(meetingId: string): RoomAttendance[] {
    const { ctx, self } = this.deps;
    const m = ctx.meetings.get(meetingId);
    if (!m || this.rooms(meetingId).length === 0) return [];
    const confidential = m.confidentiality === 'confidential';
    const fold = this.deps.fold(linkKeyOf(m.occurrenceKey));
    const own = ctx.checkIns.list(m.id);
    const rows: RoomAttendance[] = [
      { room: self, name: this.deps.roomName, present: own.length, names: confidential ? [] : own.map((c) => c.name ?? c.email ?? '?') },
    ];
    for (const r of fold.rooms.values()) {
      if (r.room === self || !r.heard) continue;
      rows.push({
        room: r.room,
        name: r.name ?? r.room,
        present: r.checkIns.size,
        names: confidential ? [] : [...r.checkIns.values()].map((c) => c.name ?? '?'),
        ...(r.released ? { released: r.released.by } : {}),
      });
    }
    return rows.sort((a, b) => a.room.localeCompare(b.room));
  }
}
