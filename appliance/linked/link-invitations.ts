import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger.js';
import type { MeetingContext } from '../meetings/meeting-context.js';
import type { Meeting } from '../meetings/meeting-types.js';
import { LINK_BOUNDS, type LinkInvitation, type RoomKey } from '../../contract/link-records.js';
import type { InvitedProof, LinkStore } from './link-store.js';
import { linkTopics } from '../../contract/link-topics.js';
import type { RecordSender } from './record-sender.js';
import { invitedOccurrenceKey, linkKeyOf, memberProof, provesMembership, verifyKeyOf } from './link-key.js';
import { RefusalLogs } from './refusal-log.js';
import { followInvitation, INVITED_BOOKINGS, invitedLengthRefused, invitedPeople } from './invited-booking.js';
import { splitRoomKey } from './room-presence.js';
import { REFUSALS_KEPT, REFUSALS_MINUTE_MS, REFUSALS_REPORTED_PER_MINUTE } from './link-timings.js';

/** Why an invitation links nothing here (one log line a minute each). */
const MISMATCHES = {
  otherMeetingsLink: "an invitation named a link its occurrence key does not make (another meeting's): nothing linked",
  unproven: "an invitation's proof for this room is not one its verifying key accepts: nothing linked",
  ownMeeting: 'an invitation named a meeting this room holds of its own, at another time: nothing booked',
};

interface InvitationDeps {
  self: RoomKey;
  ctx: MeetingContext;
  store: LinkStore;
  sender: RecordSender;
  log: Logger;
  /** Whether an invitation from this room may link this room to a meeting (`meetings.links.acceptFrom`). */
  accepts(from: RoomKey): boolean;
  /** Whether this room hears a room without proof (`meetings.links.withoutProof`): a room of an earlier release, which is sent the invite's key. */
  heardWithoutProof(room: RoomKey): boolean;
  /** A meeting of this room was linked: send what there is to send, redraw the panels. */
  linked(): void;
}

/**
 * Invitations between linked rooms: the organiser's room sends one to each room it names (enough
 * to book the meeting there, and that room's own proof that it is one of the meeting's, not the
 * invite's key that makes every room's); an invited room holds the meeting — the same one if its
 * calendar has it, else a booking made for it when the room is free — if the inviting room is one
 * it takes invitations from.
 */
export class LinkInvitations {
  private readonly refused = new Set<string>();
  /** Per link, what this room's last invitations said of its booking (invitationContent): sent again when it changes. */
  private readonly sentAs = new Map<string, string>();
  /** Per inviting room: when its reports this minute began, how many were made, and how many were left unreported. */
  private readonly reported = new Map<string, { since: number; reported: number; unreported: number }>();
  private readonly mismatched: RefusalLogs<keyof typeof MISMATCHES>;

  constructor(private readonly deps: InvitationDeps) {
    this.mismatched = new RefusalLogs(deps.log, MISMATCHES);
  }

  /** Invitations refused since start because their link is not the one their occurrence key makes, or is this room's own meeting at another time. */
  get mismatches(): number {
    return this.mismatched.total;
  }

  /** One invitation to each named room but this one. */
  send(link: string, m: Meeting, named: readonly RoomKey[], now: Date): void {
    const { self } = this.deps;
    this.sentAs.set(link, invitationContent(m));
    for (const to of named.filter((r) => r !== self)) {
      const invitation: LinkInvitation = {
        id: randomUUID(),
        link,
        room: self,
        at: now.toISOString(),
        kind: 'invitation',
        // The invited room's proof, and what checks the others'; the key that makes proofs only to a room of an earlier release.
        ticket: memberProof(m.occurrenceKey, link, to),
        verifyKey: verifyKeyOf(m.occurrenceKey),
        ...(this.deps.heardWithoutProof(to) ? { occurrenceKey: m.occurrenceKey } : {}),
        title: m.confidentiality === 'confidential' ? '' : m.title,
        start: m.start,
        end: m.end,
        confidentiality: m.confidentiality,
        rooms: [...named],
        organiser: { name: m.organiser.name, email: m.organiser.email },
        attendees: m.attendees.slice(0, LINK_BOUNDS.attendees).map((a) => ({ name: a.name, email: a.email, required: a.required })),
      };
      this.deps.sender.enqueue(linkTopics.invitation(self, to), JSON.stringify(invitation), { qos: 1, retain: false });
    }
  }

  /**
   * This room's booking of a meeting it linked rooms to changed before it began (the calendar
   * moved it, or changed its people): the rooms it named are invited again, and their bookings
   * follow (followInvitation). Sent once per change, and once after a restart.
   */
  sendAgainIfChanged(link: string, m: Meeting, now: Date): void {
    const content = invitationContent(m);
    if (m.status !== 'booked' || this.sentAs.get(link) === content) return;
    this.sentAs.set(link, content);
    // A booking an invitation made here: another room invites.
    if (this.deps.store.invitedProof(link)) return;
    const named = new Set<RoomKey>();
    for (const r of this.deps.store.records(link, this.deps.self)) if (r.kind === 'links.set') for (const room of r.rooms) named.add(room);
    if (named.size > 0) this.send(link, m, [...named].sort(), now);
  }

  forget(link: string): void {
    this.sentAs.delete(link);
  }

  /** An invitation to this room: the same meeting if its calendar holds it, else a booking made for it (when the room is free). */
  invited(invitation: LinkInvitation): void {
    const { ctx } = this.deps;
    if (!this.deps.accepts(invitation.room)) return this.refuse(invitation);
    const { link, occurrenceKey, ticket, verifyKey } = invitation;
    let invited: InvitedProof | undefined;
    if (occurrenceKey !== undefined) {
      // The link is a digest of the occurrence key (link-key.ts): one naming another meeting's link with this key would join
      // this room's meeting of that key, or a booking made for it, to a meeting it is not — its records there, the other's here.
      if (link !== linkKeyOf(occurrenceKey))
        return this.mismatched.refused('otherMeetingsLink', { code: 'ROOMCTL_E_LINK_MISMATCH', from: invitation.room, invitation: invitation.id, link });
    } else {
      if (!ticket || !verifyKey || !provesMembership(verifyKey, { link, room: this.deps.self, proof: ticket }))
        return this.mismatched.refused('unproven', { code: 'ROOMCTL_E_LINK_MISMATCH', from: invitation.room, invitation: invitation.id, link });
      invited = { ticket, verifyKey };
    }
    // The same meeting when the calendar holds the invite (its occurrence key makes this link), else a booking made for an invitation to it.
    let m =
      (occurrenceKey === undefined ? this.heldByTheCalendar(invitation) : ctx.meetings.byOccurrence(occurrenceKey)) ??
      ctx.meetings.byOccurrence(invitedOccurrenceKey(link));
    if (!m) {
      // This room's own meeting of the link (the organiser's room, say), which the invitation does not find at its time: a booking
      // made for it would be a second meeting of the link here, and would take this room at a time nobody booked it for.
      const own = this.deps.store.ownMeetingOf(link);
      if (own !== undefined)
        return this.mismatched.refused('ownMeeting', {
          code: 'ROOMCTL_E_LINK_OWN_MEETING',
          from: invitation.room,
          invitation: invitation.id,
          link,
          meeting: own,
        });
      const bound = this.bookingRefused(invitation);
      if (bound) {
        this.deps.log.warn({ code: 'ROOMCTL_E_MEETING_LIMIT', from: invitation.room, start: invitation.start, end: invitation.end }, bound);
        return;
      }
      const clash = ctx.meetings.between(invitation.start, invitation.end, ['booked', 'in_progress']);
      if (clash.length > 0) {
        this.deps.log.warn({ from: invitation.room, start: invitation.start }, 'a room linked this room to a meeting while it is booked: not linked');
        return;
      }
      m = ctx.meetings.insert(
        {
          source: 'adhoc',
          seriesKey: null,
          occurrenceKey: occurrenceKey ?? invitedOccurrenceKey(link),
          title: invitation.title || 'Linked meeting',
          ...invitedPeople(invitation),
          description: '',
          agenda: [],
          start: invitation.start,
          end: invitation.end,
          confidentiality: invitation.confidentiality,
        },
        ctx.clock.now(),
      );
    } else followInvitation(ctx, this.deps.log, m, invitation);
    // A room whose calendar holds the invite makes its own proofs from its key; a booking made for the invitation shows the one it was given.
    this.deps.store.link(link, m.id, ctx.clock.now(), m.occurrenceKey === invitedOccurrenceKey(link) ? invited : undefined);
    this.deps.linked();
  }

  /** This room's meeting of the invite an invitation without its key is about: one at that time whose occurrence key makes the link. */
  private heldByTheCalendar(invitation: LinkInvitation): Meeting | undefined {
    return this.deps.ctx.meetings
      .between(invitation.start, invitation.end, ['booked', 'in_progress'])
      .find((m) => m.occurrenceKey !== invitedOccurrenceKey(invitation.link) && linkKeyOf(m.occurrenceKey) === invitation.link);
  }

  /** An invitation from a room this room does not take them from: nothing booked; logged and reported once (the broker may deliver it again). */
  private refuse(invitation: LinkInvitation): void {
    if (this.refused.has(invitation.id)) return;
    if (this.refused.size >= REFUSALS_KEPT) this.refused.clear();
    this.refused.add(invitation.id);
    const now = this.deps.ctx.clock.now().getTime();
    let counted = this.reported.get(invitation.room);
    if (!counted || now - counted.since >= REFUSALS_MINUTE_MS) {
      if (this.reported.size >= REFUSALS_KEPT) this.reported.clear();
      this.reported.set(invitation.room, (counted = { since: now, reported: 0, unreported: counted?.unreported ?? 0 }));
    }
    if (counted.reported >= REFUSALS_REPORTED_PER_MINUTE) {
      counted.unreported++;
      return;
    }
    counted.reported++;
    const alsoRefused = counted.unreported;
    counted.unreported = 0;
    const reason = `${invitation.room} may not link this room to its meetings: it is not in meetings.links.acceptFrom (by default the rooms of ${splitRoomKey(this.deps.self).site})`;
    this.deps.log.warn({ code: 'ROOMCTL_E_LINK_REFUSED', from: invitation.room, invitation: invitation.id, start: invitation.start, alsoRefused }, reason);
    this.deps.ctx.bus.publish({ type: 'link.refused', invitationId: invitation.id, from: invitation.room, code: 'ROOMCTL_E_LINK_REFUSED', reason });
  }

  /** Why an invitation may not book a meeting here, if it may not (INVITED_BOOKINGS). */
  private bookingRefused(invitation: LinkInvitation): string | undefined {
    const tooLong = invitedLengthRefused(invitation);
    if (tooLong) return tooLong;
    const upcoming = this.deps.store.upcomingLinked(this.deps.ctx.clock.now().toISOString());
    if (upcoming >= INVITED_BOOKINGS.upcoming)
      return `this room holds ${upcoming} linked meetings to come, as many as invitations may book; the one from ${invitation.room} is not booked`;
    return undefined;
  }
}

/** What an invitation says of the organiser's booking: what the invited rooms' bookings follow. */
function invitationContent(m: Meeting): string {
  return JSON.stringify([m.title, m.start, m.end, m.confidentiality, m.organiser, m.attendees]);
}
