import { RoomctlError } from '../../drivers/core/errors.js';
import { actionItemsIcs } from './action-items-ics.js';
import { attendanceOf } from './attendance.js';
import type { MeetingContext } from './meeting-context.js';
import type { Meeting } from './meeting-types.js';
import { assembleMinutes, minutesMarkdown, type Minutes } from './minutes-assemble.js';

/** Who is reading or changing minutes, and how they proved it. */
export interface MinutesReader {
  via: 'token' | 'meeting-code' | 'rule';
  /** Email or badge id of the person, required for confidential meetings */
  who?: string;
}

export function currentMinutes(ctx: MeetingContext, m: Meeting): Minutes {
  return assembleMinutes({
    meeting: m,
    room: { id: ctx.room.id, name: ctx.room.name, timezone: ctx.room.timezone },
    attendance: attendanceOf(m, ctx.checkIns.list(m.id), ctx.rules.lateAfterMinutes),
    agenda: ctx.agenda.list(m.id),
    entries: ctx.minutes.entries(m.id),
    actions: ctx.minutes.actions(m.id),
    now: ctx.clock.now(),
  });
}

/** Invitees (present or not), the organiser and walk-ins with an email: everyone who gets the minutes. */
export function minutesRecipients(ctx: MeetingContext, m: Meeting): string[] {
  const emails = [m.organiser.email, ...m.attendees.map((a) => a.email), ...ctx.checkIns.list(m.id).map((c) => c.email)];
  return [...new Set(emails.filter((e): e is string => !!e).map((e) => e.toLowerCase()))];
}

/**
 * Confidential minutes are for the people of the meeting only: the reader must name
 * themselves (email or badge) and be the organiser, an invitee or someone who checked in.
 */
export function assertMayRead(ctx: MeetingContext, m: Meeting, reader: MinutesReader): void {
  if (m.confidentiality !== 'confidential' || reader.via === 'rule') return;
  const who = reader.who?.trim().toLowerCase();
  const people = [m.organiser, ...m.attendees, ...ctx.checkIns.list(m.id)];
  const ok = !!who && people.some((p) => p.email?.toLowerCase() === who || p.badge?.toLowerCase() === who);
  if (!ok) {
    ctx.audit.record({ meetingId: m.id, action: 'denied', who: reader.who ?? null, via: reader.via, detail: 'not a participant of a confidential meeting' }, ctx.clock.now());
    throw new RoomctlError('ROOMCTL_E_FORBIDDEN', 'The minutes of a confidential meeting are for its participants; send X-Roomctl-Reader with your email or badge id');
  }
}

export function minutesExports(ctx: MeetingContext, min: Minutes): { markdown: string; json: string; ics: string } {
  return { markdown: minutesMarkdown(min), json: `${JSON.stringify(min, null, 2)}\n`, ics: actionItemsIcs(min.actionItems, min.meeting.title, ctx.clock.now(), min.meeting.organiser) };
}

/** Assembles the minutes as they stand and stores them (at the end, and after each correction until they are sent). */
export function storeMinutes(ctx: MeetingContext, m: Meeting): Minutes {
  const min = currentMinutes(ctx, m);
  ctx.minutes.saveMinutes(m.id, min, ctx.clock.now());
  return min;
}

/**
 * At the end: assemble and store the minutes, and send them — at once, or after
 * `meetings.minutesReviewMinutes` (a rule sends them then, or a person earlier), which leaves
 * time to correct notes, decisions and action items from the panel or a phone.
 */
export function finishMinutes(ctx: MeetingContext, m: Meeting): Minutes {
  const min = storeMinutes(ctx, m);
  ctx.audit.record({ meetingId: m.id, action: 'assemble', who: 'room', via: 'rule', detail: null }, ctx.clock.now());
  if (ctx.rules.minutesReviewMinutes === 0) sendMinutes(ctx, m);
  return min;
}

/** When held minutes go out by themselves: the review time after the end. */
export function minutesSendAt(ctx: MeetingContext, m: Meeting): string | null {
  if (!m.endedAt) return null;
  return new Date(Date.parse(m.endedAt) + ctx.rules.minutesReviewMinutes * 60_000).toISOString();
}

/** Sends the minutes (assembled afresh, with every correction) to attendees and absentees alike; once. */
export function sendMinutes(ctx: MeetingContext, m: Meeting, by: MinutesReader = { via: 'rule', who: 'room' }): Minutes {
  const now = ctx.clock.now();
  const stored = ctx.minutes.storedMinutes(m.id);
  if (stored?.sentAt) return stored.body as Minutes;
  const min = storeMinutes(ctx, m);
  const files = minutesExports(ctx, min);
  const message = ctx.texts.minutes(min, [
    { filename: 'minutes.md', content: files.markdown, contentType: 'text/markdown; charset=utf-8' },
    { filename: 'minutes.json', content: files.json, contentType: 'application/json' },
    ...(min.actionItems.length ? [{ filename: 'action-items.ics', content: files.ics, contentType: 'text/calendar; charset=utf-8; component=VTODO' }] : []),
  ]);
  const recipients = minutesRecipients(ctx, m);
  const ids = ctx.notifier.notify(message, { emails: recipients, groups: m.confidentiality === 'normal' });
  ctx.minutes.markMinutesSent(m.id, now);
  ctx.audit.record({ meetingId: m.id, action: 'send', who: by.who ?? null, via: by.via, detail: `${recipients.length} recipients, ${ids.length} outbox entries` }, now);
  return min;
}

/** The rule: held minutes whose review time is over go out. */
export function sendDueMinutes(ctx: MeetingContext): void {
  const now = ctx.clock.now().getTime();
  for (const id of ctx.minutes.unsent()) {
    const m = ctx.meetings.get(id);
    const at = m && minutesSendAt(ctx, m);
    if (m && at && Date.parse(at) <= now) sendMinutes(ctx, m);
  }
}
