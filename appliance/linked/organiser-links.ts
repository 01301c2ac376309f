import { RoomctlError } from '../../drivers/core/errors.js';
import type { RoomKey } from '../../contract/link-records.js';
import { isRoomKey } from '../../contract/link-topics.js';
import type { MeetingContext } from '../meetings/meeting-context.js';
import type { Meeting } from '../meetings/meeting-types.js';
import type { LinkInvitations } from './link-invitations.js';
import { linkKeyOf } from './link-key.js';
import type { FoldedLink } from './linked-fold.js';
import type { LinkStore } from './link-store.js';
import type { OwnRecords } from './own-records.js';

const MAX_LINKED_ROOMS = 50;

interface OrganiserDeps {
  self: RoomKey;
  ctx: MeetingContext;
  store: LinkStore;
  own: OwnRecords;
  invitations: LinkInvitations;
  fold(link: string): FoldedLink;
  /** The room that keeps the time of a link now (RoomPresence.hostOf). */
  hostOf(link: string): RoomKey;
}

/** What a person in this room does to a linked meeting: link rooms to it, hand the timer on. */
export class OrganiserLinks {
  constructor(private readonly deps: OrganiserDeps) {}

  /** The organiser links rooms to a meeting of this room: this room hosts it, the others are invited. */
  link(meetingId: string, rooms: readonly string[]): Meeting {
    const { ctx, self, own } = this.deps;
    const m = ctx.meetings.get(meetingId);
    if (!m) throw new RoomctlError('ROOMCTL_E_MEETING_NOT_FOUND', `No meeting "${meetingId}" in this room`);
    if (m.status !== 'booked' && m.status !== 'in_progress')
      throw new RoomctlError('ROOMCTL_E_MEETING_STATE', `Meeting ${meetingId} is ${m.status}; only a booked or running meeting can be linked`);
    const bad = rooms.filter((r) => !isRoomKey(r) || r === self);
    if (bad.length > 0 || rooms.length === 0 || rooms.length > MAX_LINKED_ROOMS)
      throw new RoomctlError(
        'ROOMCTL_E_LINK_ROOM',
        `Rooms to link: ${bad.length ? bad.map((r) => JSON.stringify(r)).join(', ') : `${rooms.length}`} not accepted`,
        { rooms: bad },
      );
    const link = linkKeyOf(m.occurrenceKey);
    // A room brought in by an invitation holds its own proof, not the invite's key: it cannot make another room's, so it links none.
    if (this.deps.store.invitedProof(link))
      throw new RoomctlError(
        'ROOMCTL_E_LINK_NOT_ORGANISER',
        `This room was linked to meeting ${meetingId} by another room: only a room whose calendar holds the invite links rooms to it`,
      );
    const now = ctx.clock.now();
    this.deps.store.link(link, m.id, now);
    const named = [...new Set([self, ...rooms])].sort();
    own.publish(link, { kind: 'links.set', rooms: named });
    if (this.deps.fold(link).host === null) own.publish(link, { kind: 'host.set', host: self, reason: 'organiser' });
    this.deps.invitations.send(link, m, named, now);
    return m;
  }

  /**
   * Whether this room may hand the time of a link to another room: a room whose calendar holds the
   * invite always (and may take it); a room an invitation brought in only while it keeps the time —
   * it holds none of the invite's people, so taking the roll call and the minutes from a room that
   * does is not its to decide (the organiser's room decides who takes part, and who keeps the time).
   */
  handsTimeOver(link: string): boolean {
    // Kept by the records (a hand-over gave it the time), not only while the host is offline: the others take its hand-over only then (handOverTaken).
    return !this.deps.store.invitedProof(link) || (this.deps.fold(link).host === this.deps.self && this.deps.hostOf(link) === this.deps.self);
  }

  /** Hands the timer (and the roll call and minutes, unless done) to another linked room, or takes it. */
  handOver(meetingId: string, to: RoomKey): void {
    const m = this.deps.ctx.meetings.get(meetingId);
    if (!m) throw new RoomctlError('ROOMCTL_E_MEETING_NOT_FOUND', `No meeting "${meetingId}" in this room`);
    const link = linkKeyOf(m.occurrenceKey);
    // Taking the time here is handing it to this room: only where the calendar holds the invite.
    if (!this.handsTimeOver(link) || (to === this.deps.self && this.deps.store.invitedProof(link)))
      throw new RoomctlError(
        'ROOMCTL_E_LINK_NOT_ORGANISER',
        `This room was linked to meeting ${meetingId} by another room: it hands the time on only while it keeps it; the organiser's room gives the time or takes it`,
      );
    if (!this.deps.fold(link).rooms.has(to) && to !== this.deps.self)
      throw new RoomctlError('ROOMCTL_E_LINK_ROOM', `${to} is not a room of this meeting`, { rooms: [to] });
    this.deps.own.publish(link, { kind: 'host.set', host: to, reason: 'handover' });
  }
}
