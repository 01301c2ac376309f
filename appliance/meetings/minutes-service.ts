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

/** At the end: assemble, store and send the minutes to attendees and absentees alike. */
export function finishMinutes(ctx: MeetingContext, m: Meeting): Minutes {
  const now = ctx.clock.now();
  const min = currentMinutes(ctx, m);
  ctx.minutes.saveMinutes(m.id, min, now);
  ctx.audit.record({ meetingId: m.id, action: 'assemble', who: 'room', via: 'rule', detail: null }, now);
  const files = minutesExports(ctx, min);
  const message = ctx.texts.minutes(min, [
    { filename: 'minutes.md', content: files.markdown, contentType: 'text/markdown; charset=utf-8' },
    { filename: 'minutes.json', content: files.json, contentType: 'application/json' },
    ...(min.actionItems.length ? [{ filename: 'action-items.ics', content: files.ics, contentType: 'text/calendar; charset=utf-8; component=VTODO' }] : []),
  ]);
  const recipients = minutesRecipients(ctx, m);
  const ids = ctx.notifier.notify(message, { emails: recipients, groups: m.confidentiality === 'normal' });
  ctx.minutes.markMinutesSent(m.id, now);
  ctx.audit.record({ meetingId: m.id, action: 'send', who: 'room', via: 'rule', detail: `${recipients.length} recipients, ${ids.length} outbox entries` }, now);
  return min;
}
