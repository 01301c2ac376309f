import type { MeetingContext } from '../meetings/meeting-context.js';
import type { Meeting } from '../meetings/meeting-types.js';
import { linkKeyOf } from './link-key.js';
import type { LinkStore } from './link-store.js';

const HOUR_MS = 3_600_000;
/** Records come in bursts: the list of active links is kept this long for them. */
const CACHE_MS = 1000;

/**
 * The meetings this room takes part in across rooms now — from shortly before check-in opens
 * until an hour after the end — by link: those of its calendar and bookings, and those it was
 * invited to (whose link key is not its own meeting's). A booking released here stays on its
 * link, so the other rooms hear (and, joining late, hear again) that this room left.
 */
export class ActiveLinks {
  private cache: { at: number; links: Map<string, string> } | undefined;

  constructor(
    private readonly ctx: MeetingContext,
    private readonly store: LinkStore,
  ) {}

  list(): { link: string; meeting: Meeting }[] {
    const { ctx } = this;
    const now = ctx.clock.now().getTime();
    const lead = Math.max(ctx.rules.checkInOpensMinutes, 15) * 60_000;
    const out = new Map<string, Meeting>();
    for (const m of ctx.meetings.between(new Date(now - HOUR_MS).toISOString(), new Date(now + lead).toISOString())) {
      const live =
        m.status === 'booked' ||
        m.status === 'in_progress' ||
        m.status === 'released' ||
        (m.status === 'ended' && m.endedAt !== null && Date.parse(m.endedAt) > now - HOUR_MS);
      if (live) out.set(linkKeyOf(m.occurrenceKey), m);
    }
    for (const { link, meetingId } of this.store.linkedMeetings(new Date(now - HOUR_MS).toISOString())) {
      const m = ctx.meetings.get(meetingId);
      if (m) out.set(link, m);
    }
    return [...out].map(([link, meeting]) => ({ link, meeting }));
  }

  /** The meeting a record is about, if this room holds it. */
  meetingOf(link: string): Meeting | undefined {
    const now = Date.now();
    if (!this.cache || now - this.cache.at > CACHE_MS || !this.cache.links.has(link)) {
      this.cache = { at: now, links: new Map(this.list().map((a) => [a.link, a.meeting.id])) };
    }
    const id = this.cache.links.get(link);
    return id === undefined ? undefined : this.ctx.meetings.get(id);
  }
}
