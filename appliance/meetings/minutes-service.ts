import { RoomctlError } from '../../drivers/core/errors.js';
import { actionItemsIcs } from './action-items-ics.js';
import { attendanceOf, type AttendanceEntry } from './attendance.js';
import type { MeetingContext } from './meeting-context.js';
import type { Meeting } from './meeting-types.js';
import { assembleMinutes, minutesMarkdown, type Minutes } from './minutes-assemble.js';

/** What this file's functions use of the meeting context. */
export type MinutesContext = Pick<
  MeetingContext,
  | 'agenda'
  | 'audit'
  | 'checkIns'
  | 'clock'
  | 'conversation'
  | 'linked'
  | 'meetings'
  | 'minutes'
  | 'notifier'
  | 'personalMinutesUrl'
  | 'room'
  | 'rules'
  | 'texts'
>;

/**
 * Who is reading or changing minutes, and how they proved it: the room's own credential
 * (config token or paired panel), the meeting's code (its QR page), a personal link from the
 * minutes email (`who` is the email it was made for: proven, not claimed), or a rule.
 */
export type MinutesReader = { via: 'token' | 'meeting-code'; who?: undefined } | { via: 'rule'; who?: string } | { via: 'reader-link'; who: string };

export function currentMinutes(ctx: MinutesContext, m: Meeting): Minutes {
  const rooms = ctx.linked?.attendanceByRoom(m.id) ?? [];
  return assembleMinutes({
    meeting: m,
    room: { id: ctx.room.id, name: ctx.room.name, timezone: ctx.room.timezone, ...(ctx.room.locale ? { locale: ctx.room.locale } : {}) },
    polls: new Map(
      ctx.conversation
        .view(m.id, false)
        .polls.filter((p) => p.closedAt && p.question !== null)
        .map((p) => [p.pollId, { question: p.question ?? '', options: p.options, counts: p.counts }]),
    ),
    attendance: withLinkedRooms(ctx, m, attendanceOf(m, ctx.checkIns.list(m.id), ctx.rules.lateAfterMinutes)),
    ...(rooms.length > 0 ? { rooms } : {}),
    agenda: ctx.agenda.list(m.id),
    entries: ctx.minutes.entries(m.id),
    actions: ctx.minutes.actions(m.id),
    floor: ctx.conversation
      .spokenOrder(m.id)
      .map((t) => ({ name: t.speaker.name, room: t.room, since: t.since, until: t.until, allottedMinutes: t.minutes, agendaPosition: t.agendaPosition })),
    now: ctx.clock.now(),
  });
}

/** An invitee who checked in in another linked room came: on time or late by that check-in, with the room named. */
function withLinkedRooms(ctx: MinutesContext, m: Meeting, attendance: AttendanceEntry[]): AttendanceEntry[] {
  const linked = ctx.linked;
  if (!linked) return attendance;
  const lateAt = Date.parse(m.start) + ctx.rules.lateAfterMinutes * 60_000;
  return attendance.map((a) => {
    const there = a.status === 'absent' ? linked.checkedInElsewhere(m.id, a.personKey) : undefined;
    return there ? { ...a, status: Date.parse(there.at) <= lateAt ? 'on_time' : 'late', checkedInAt: there.at, room: there.roomName } : a;
  });
}

/** Invitees (present or not), the organiser and walk-ins with an email: everyone who gets the minutes. */
function minutesRecipients(ctx: MinutesContext, m: Meeting): string[] {
  const emails = [m.organiser.email, ...m.attendees.map((a) => a.email), ...ctx.checkIns.list(m.id).map((c) => c.email)];
  return [...new Set(emails.filter((e): e is string => !!e).map((e) => e.toLowerCase()))];
}

/** The organiser, proven by the personal link from their minutes email. */
export function isOrganiser(m: Meeting, reader: MinutesReader): boolean {
  return reader.via === 'reader-link' && !!m.organiser.email && reader.who === m.organiser.email.toLowerCase();
}

/** When the minutes went out; after that they are closed to all but the organiser's amendments. */
export function minutesSentAt(ctx: MinutesContext, m: Meeting): string | null {
  return ctx.minutes.storedMinutes(m.id)?.sentAt ?? null;
}

/**
 * Confidential minutes are for the people of the meeting only, and a name typed into a
 * request proves nothing. Readers prove it: with the personal link from the minutes email
 * (the organiser, an invitee, or someone who checked in with an email), or by being in the
 * room — the room's credential or the meeting's code while the meeting runs and someone has
 * checked in there.
 */
export function assertMayRead(ctx: MinutesContext, m: Meeting, reader: MinutesReader): void {
  if (m.confidentiality !== 'confidential' || reader.via === 'rule') return;
  if (reader.via === 'reader-link') {
    const people = [m.organiser, ...m.attendees, ...ctx.checkIns.list(m.id)];
    if (people.some((p) => p.email?.toLowerCase() === reader.who)) return;
  } else if (m.status === 'in_progress' && ctx.checkIns.list(m.id).length > 0) {
    return;
  }
  ctx.audit.recordRead(
    { meetingId: m.id, action: 'denied', who: reader.who ?? null, via: reader.via, detail: 'not proven a participant of a confidential meeting' },
    ctx.clock.now(),
  );
  throw new RoomctlError(
    'ROOMCTL_E_FORBIDDEN',
    'The minutes of a confidential meeting are for its participants: open them with the personal link from your minutes email, or in the room while the meeting runs',
  );
}

export function minutesExports(ctx: MinutesContext, min: Minutes): { markdown: string; json: string; ics: string } {
  return {
    markdown: minutesMarkdown(min),
    json: `${JSON.stringify(min, null, 2)}\n`,
    ics: actionItemsIcs(min.actionItems, min.meeting.title, ctx.clock.now(), min.meeting.organiser),
  };
}

/** Assembles the minutes as they stand and stores them (at the end, and after each correction until they are sent). */
export function storeMinutes(ctx: MinutesContext, m: Meeting): Minutes {
  const min = currentMinutes(ctx, m);
  ctx.minutes.saveMinutes(m.id, min, ctx.clock.now());
  return min;
}

/**
 * At the end: assemble and store the minutes, and send them — at once, or after
 * `meetings.minutesReviewMinutes` (a rule sends them then, or a person earlier), which leaves
 * time to correct notes, decisions and action items from the panel or a phone.
 */
export function finishMinutes(ctx: MinutesContext, m: Meeting): Minutes {
  const min = storeMinutes(ctx, m);
  ctx.audit.record({ meetingId: m.id, action: 'assemble', who: 'room', via: 'rule', detail: null }, ctx.clock.now());
  if (ctx.rules.minutesReviewMinutes === 0) sendMinutes(ctx, m);
  return min;
}

/** When held minutes go out by themselves: the review time after the end. */
export function minutesSendAt(ctx: MinutesContext, m: Meeting): string | null {
  if (!m.endedAt) return null;
  return new Date(Date.parse(m.endedAt) + ctx.rules.minutesReviewMinutes * 60_000).toISOString();
}

/** Sends the minutes (assembled afresh, with every correction) to attendees and absentees alike; once. */
/** How long "send the minutes now" waits for a linked room to have heard the others (they re-send within 15 s). */
const DECIDE_WITHIN_MS = 20_000;

/**
 * "Send the minutes now", asked by a person: sent, or a coded refusal that says why not — for
 * a linked meeting only the host room sends them (the other rooms' notes went to it). A room
 * that is still hearing the other rooms (it joined the link seconds ago) waits for that first.
 */
export async function sendMinutesNow(ctx: MinutesContext, m: Meeting, by: MinutesReader): Promise<string> {
  if (m.status !== 'ended') throw new RoomctlError('ROOMCTL_E_MEETING_STATE', `Meeting ${m.id} is ${m.status}; the minutes go out once it has ended`);
  const duty = () => (ctx.minutes.storedMinutes(m.id)?.sentAt ? 'here' : (ctx.linked?.dutyBy(m.id, 'minutes') ?? 'here'));
  const deadline = ctx.clock.now().getTime() + DECIDE_WITHIN_MS;
  while (duty() === 'wait' && ctx.clock.now().getTime() < deadline) await new Promise((r) => ctx.clock.setTimeout(() => r(undefined), 200));
  const decided = duty();
  if (decided === 'done') throw new RoomctlError('ROOMCTL_E_MINUTES_SENT', `The host room of linked meeting ${m.id} has sent its minutes`);
  if (decided === 'another-room')
    throw new RoomctlError('ROOMCTL_E_MEETING_STATE', `Linked meeting ${m.id}: its host room sends the minutes, with this room's notes in them`);
  if (decided === 'wait')
    throw new RoomctlError('ROOMCTL_E_MEETING_STATE', `Linked meeting ${m.id}: this room has not yet heard the other rooms; try again in a few seconds`);
  sendMinutes(ctx, m, by);
  const sentAt = minutesSentAt(ctx, m);
  if (!sentAt) throw new RoomctlError('ROOMCTL_E_INTERNAL', `The minutes of ${m.id} were not recorded as sent`);
  return sentAt;
}

function sendMinutes(ctx: MinutesContext, m: Meeting, by: MinutesReader = { via: 'rule', who: 'room' }): Minutes {
  const now = ctx.clock.now();
  const stored = ctx.minutes.storedMinutes(m.id);
  if (stored?.sentAt) return stored.body as Minutes;
  // One set of minutes for a linked meeting: the host room sends them (this room's notes went to it), once — not again
  // by a room that hosts after it (a fail-over after the end, the old host back). Kept unsent here; the rule asks again.
  if (ctx.linked && ctx.linked.dutyBy(m.id, 'minutes') !== 'here') return storeMinutes(ctx, m);
  const min = storeMinutes(ctx, m);
  ctx.linked?.dutyTaken(m.id, 'minutes');
  const files = minutesExports(ctx, min);
  const message = ctx.texts.minutes(min, [
    { filename: 'minutes.md', content: files.markdown, contentType: 'text/markdown; charset=utf-8' },
    { filename: 'minutes.json', content: files.json, contentType: 'application/json' },
    ...(min.actionItems.length ? [{ filename: 'action-items.ics', content: files.ics, contentType: 'text/calendar; charset=utf-8; component=VTODO' }] : []),
  ]);
  const recipients = minutesRecipients(ctx, m);
  // Every recipient gets an email of their own carrying their personal link: the meeting's page
  // opens only with a proof (the meeting's code or such a link), and the bare page address, in a
  // shared email, opened to "scan its QR code again" for someone who had left the room. The
  // organiser's link also amends the minutes once sent. A normal meeting's minutes still go to
  // the group channels, there with the page's address.
  const organiser = m.organiser.email?.toLowerCase();
  const ids: number[] = [];
  if (m.confidentiality === 'normal') ids.push(...ctx.notifier.notify(message, { emails: [], groups: true }));
  const { link: _bare, ...personalMessage } = message;
  for (const email of recipients) {
    const link = ctx.personalMinutesUrl(m, email);
    // The same link opens the person's own rating of the room (`#rate`): one each, counted with the panel's.
    const text = `${message.text}\n\n${ctx.texts.personalLink(link, email === organiser)}\n\n${ctx.texts.ratingLink(`${link}#rate`)}`;
    ids.push(...ctx.notifier.notify({ ...personalMessage, text }, { emails: [email], groups: false }));
  }
  ctx.minutes.markMinutesSent(m.id, now);
  ctx.audit.record(
    {
      meetingId: m.id,
      action: 'send',
      who: by.who ?? null,
      via: by.via,
      detail: `${recipients.length} recipients, each with a personal link, ${ids.length} outbox entries`,
    },
    now,
  );
  return min;
}

/** The rule: held minutes whose review time is over go out. */
export function sendDueMinutes(ctx: MinutesContext): void {
  const now = ctx.clock.now().getTime();
  for (const id of ctx.minutes.unsent()) {
    const m = ctx.meetings.get(id);
    const at = m && minutesSendAt(ctx, m);
    if (m && at && Date.parse(at) <= now) sendMinutes(ctx, m);
  }
}
