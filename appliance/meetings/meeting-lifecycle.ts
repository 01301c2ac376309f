import { randomUUID } from 'node:crypto';
import { adHocLinks } from '../calls/online-meeting-view.js';
import { RoomctlError } from '../../drivers/core/errors.js';
import { findAttendee } from './attendance.js';
import type { CheckIn, CheckInMethod } from './checkin-repository.js';
import { minutesMs, type MeetingContext } from './meeting-context.js';
import { assertAdHocBookingFits, assertMeetingHolds } from './meeting-limits.js';
import { displayName, type AgendaItemDraft, type Attendee, type Meeting, type Person, type ReleaseReason, type ReleaseVia } from './meeting-types.js';
import { finishMinutes, type MinutesContext } from './minutes-service.js';
import { runScene } from './scenes.js';

/** What each step of a meeting's life uses of the meeting context. */
type BookingContext = Pick<MeetingContext, 'agenda' | 'changed' | 'clock' | 'meetings'>;
type StartContext = Pick<MeetingContext, 'agenda' | 'bus' | 'changed' | 'clock' | 'db' | 'devices' | 'log' | 'meetings' | 'rules' | 'startScene' | 'track'>;
/** Ending a meeting finishes its minutes, so it needs what they need. */
export type EndContext = MinutesContext & Pick<MeetingContext, 'bus' | 'changed' | 'devices' | 'endScene' | 'log' | 'track'>;
export type ReleaseContext = Pick<
  MeetingContext,
  'bus' | 'changed' | 'clock' | 'db' | 'devices' | 'endScene' | 'meetings' | 'notifier' | 'rules' | 'texts' | 'track'
>;
type CheckInFlowContext = StartContext & Pick<MeetingContext, 'checkIns'>;

interface BookInput {
  minutes: number;
  start?: string;
  title?: string;
  organiser?: Person;
  attendees?: Attendee[];
  description?: string;
  agenda?: AgendaItemDraft[];
  confidentiality?: Meeting['confidentiality'];
  /** The online meeting to join from the room (checked against the room's link policy). */
  online?: { url: string };
}

const LIVE = ['booked', 'in_progress'] as const;

/** Refuses a time range that overlaps a live booking (other than `except`). */
function assertFree(ctx: BookingContext, start: string, end: string, except?: string): void {
  const clash = ctx.meetings.between(start, end, LIVE).filter((m) => m.id !== except);
  if (clash.length === 0) return;
  const c = clash[0]!;
  throw new RoomctlError('ROOMCTL_E_BOOKING_CONFLICT', `The room is booked from ${c.start} to ${c.end}`, {
    conflicts: clash.map((m) => ({ id: m.id, start: m.start, end: m.end })),
  });
}

/** An ad-hoc booking ("book now for 30 min", or later through the API). */
export function book(ctx: BookingContext & Partial<Pick<MeetingContext, 'linkPolicy'>>, input: BookInput): Meeting {
  const now = ctx.clock.now();
  const start = input.start ? new Date(input.start) : now;
  if (Number.isNaN(start.getTime())) throw new RoomctlError('ROOMCTL_E_BAD_REQUEST', `start "${input.start}" is not a date-time`);
  if (start.getTime() < now.getTime() - 60_000) throw new RoomctlError('ROOMCTL_E_BAD_REQUEST', 'A booking cannot start in the past');
  const end = new Date(start.getTime() + minutesMs(input.minutes));
  const links = input.online ? adHocLinks(input.online.url, ctx.linkPolicy ?? {}) : undefined;
  assertFree(ctx, start.toISOString(), end.toISOString());
  assertAdHocBookingFits(ctx.meetings, start, now);
  const meeting = ctx.meetings.insert(
    {
      source: 'adhoc',
      seriesKey: null,
      occurrenceKey: `adhoc:${randomUUID()}`,
      title: input.title ?? 'Ad-hoc meeting',
      organiser: input.organiser ?? {},
      attendees: input.attendees ?? [],
      description: input.description ?? '',
      agenda: [],
      start: start.toISOString(),
      end: end.toISOString(),
      confidentiality: input.confidentiality ?? 'normal',
      ...(links ? { links } : {}),
    },
    now,
  );
  if (input.agenda?.length) ctx.agenda.replace(meeting.id, input.agenda);
  ctx.changed();
  return meeting;
}

export function extend(ctx: BookingContext, id: string, minutes: number): Meeting {
  const m = ctx.meetings.require(id);
  if (m.status !== 'booked' && m.status !== 'in_progress')
    throw new RoomctlError('ROOMCTL_E_MEETING_STATE', `Meeting ${id} is ${m.status}; only a booked or running meeting can be extended`);
  const newEnd = new Date(Date.parse(m.end) + minutesMs(minutes)).toISOString();
  assertFree(ctx, m.end, newEnd, m.id);
  ctx.meetings.setEnd(m.id, newEnd);
  ctx.changed();
  return ctx.meetings.require(id);
}

export function start(ctx: StartContext, id: string): Meeting {
  const m = ctx.meetings.require(id);
  const now = ctx.clock.now();
  if (m.status !== 'booked') throw new RoomctlError('ROOMCTL_E_MEETING_STATE', `Meeting ${id} is ${m.status}; only a booked meeting can start`);
  if (now.getTime() < Date.parse(m.start) - minutesMs(ctx.rules.checkInOpensMinutes))
    throw new RoomctlError('ROOMCTL_E_MEETING_STATE', `Meeting ${id} can start from ${ctx.rules.checkInOpensMinutes} min before ${m.start}`);
  const running = ctx.meetings.inStatus(['in_progress'])[0];
  if (running) throw new RoomctlError('ROOMCTL_E_MEETING_STATE', `Meeting ${running.id} is still running; end it first`);
  ctx.meetings.setStatus(m.id, 'in_progress', now.toISOString());
  const first = ctx.agenda.list(m.id)[0];
  if (first && !first.startedAt) ctx.agenda.setStarted(m.id, first.position, now.toISOString());
  if (m.seriesKey) ctx.db.prepare('DELETE FROM series_misses WHERE series_key = ?').run(m.seriesKey);
  ctx.track(
    runScene(ctx.devices, ctx.startScene(m)).then((results) => ctx.log.info({ meeting: m.id, failed: results.filter((r) => !r.ok) }, 'start scene ran')),
  );
  ctx.bus.publish({ type: 'meeting.started', meetingId: m.id, ...(m.confidentiality === 'normal' ? { title: m.title } : { confidential: true }) });
  ctx.changed({ kind: 'started', meetingId: m.id });
  return ctx.meetings.require(id);
}

/** Ends a running meeting (or a booking people checked in to but never started). */
export function end(ctx: EndContext, id: string): Meeting {
  const m = ctx.meetings.require(id);
  const now = ctx.clock.now();
  if (m.status !== 'in_progress' && !(m.status === 'booked' && ctx.checkIns.count(m.id) > 0)) {
    throw new RoomctlError('ROOMCTL_E_MEETING_STATE', `Meeting ${id} is ${m.status}; only a running meeting can end`);
  }
  for (const item of ctx.agenda.list(m.id)) if (item.startedAt && !item.endedAt) ctx.agenda.setEnded(m.id, item.position, now.toISOString());
  // Open polls close with the meeting, so their counts reach the minutes.
  ctx.conversation.wrapUp(m.id);
  ctx.meetings.setStatus(m.id, 'ended', now.toISOString());
  if (m.status === 'in_progress')
    ctx.track(runScene(ctx.devices, ctx.endScene()).then((results) => ctx.log.info({ meeting: m.id, failed: results.filter((r) => !r.ok) }, 'end scene ran')));
  finishMinutes(ctx, ctx.meetings.require(id));
  ctx.bus.publish({ type: 'meeting.ended', meetingId: m.id, ...(m.confidentiality === 'normal' ? { title: m.title } : {}) });
  ctx.changed({ kind: 'ended', meetingId: m.id });
  return ctx.meetings.require(id);
}

/**
 * Frees the room from a booking that is not taking place, tells its organiser how, and tells the
 * fleet (`meeting.released`). Who frees it decides what it was:
 * - the rule (`'rule'`): nobody checked in — a miss of its series;
 * - a person, through a paired panel's credential or one of the room's tokens, once the check-in
 *   window has opened: freed by hand ("we are not meeting") — a miss too, since a recurring booking
 *   that keeps not taking place holds the room from others whether or not someone frees it at the door;
 * - the same before the window opens: a cancellation ahead of time, which gave the room back in
 *   time for others — no miss, and the series' count stays as it was.
 */
export function release(ctx: ReleaseContext, id: string, who: 'rule' | ReleaseVia): Meeting {
  const m = ctx.meetings.require(id);
  if (m.status !== 'booked') throw new RoomctlError('ROOMCTL_E_MEETING_STATE', `Meeting ${id} is ${m.status}; only a booking can be released`);
  const now = ctx.clock.now();
  const checkInOpens = Date.parse(m.start) - minutesMs(ctx.rules.checkInOpensMinutes);
  const by: ReleaseReason = who === 'rule' ? 'no-check-in' : now.getTime() < checkInOpens ? 'ahead-of-time' : 'by-hand';
  const via = who === 'rule' ? null : who;
  ctx.meetings.setReleased(m.id, now.toISOString(), by, via);
  const told = via === null ? ctx.texts.released(m, ctx.rules.autoReleaseMinutes) : ctx.texts.freedByHand(m, now, by === 'ahead-of-time', via);
  ctx.notifier.notify(told, { emails: m.organiser.email ? [m.organiser.email] : [], groups: false });
  if (m.seriesKey && by !== 'ahead-of-time') countMiss(ctx, m, now);
  // The self-test may have turned the display on for nobody.
  ctx.track(runScene(ctx.devices, ctx.endScene()));
  ctx.bus.publish({
    type: 'meeting.released',
    meetingId: m.id,
    ...(m.confidentiality === 'normal' ? { title: m.title } : {}),
    releasedBy: by,
    ...(via ? { via } : {}),
  });
  ctx.changed({ kind: 'released', meetingId: m.id, by });
  return ctx.meetings.require(id);
}

/** One more occurrence of a series that did not take place; at the rule's count, its organiser and facilities are asked to cancel it. */
function countMiss(ctx: ReleaseContext, m: Meeting, now: Date): void {
  ctx.db
    .prepare(
      'INSERT INTO series_misses (series_key, misses, updated_at) VALUES (?, 1, ?) ON CONFLICT(series_key) DO UPDATE SET misses = misses + 1, updated_at = excluded.updated_at',
    )
    .run(m.seriesKey, now.toISOString());
  const row = ctx.db.prepare('SELECT misses, flagged_at FROM series_misses WHERE series_key = ?').get(m.seriesKey) as {
    misses: number;
    flagged_at: string | null;
  };
  if (row.misses >= ctx.rules.missedInARowFlag && !row.flagged_at) {
    ctx.db.prepare('UPDATE series_misses SET flagged_at = ? WHERE series_key = ?').run(now.toISOString(), m.seriesKey);
    const message = ctx.texts.flagged(m, row.misses);
    ctx.notifier.notify(message, { emails: m.organiser.email ? [m.organiser.email] : [], groups: false });
    ctx.notifier.notifyFacilities(message);
  }
}

interface CheckInRequest {
  badge?: string;
  email?: string;
  name?: string;
  walkIn?: boolean;
}

/** Checks a person in to a meeting whose window is open; walk-ins are added when asked (or by badge). */
export function checkIn(
  ctx: CheckInFlowContext,
  id: string,
  who: CheckInRequest,
  method: CheckInMethod,
): { checkIn: CheckIn; meeting: Meeting; invited: boolean } {
  const m = ctx.meetings.require(id);
  const now = ctx.clock.now().getTime();
  const opens = Date.parse(m.start) - minutesMs(ctx.rules.checkInOpensMinutes);
  if (!(m.status === 'booked' || m.status === 'in_progress') || now < opens || (m.status === 'booked' && now >= Date.parse(m.end))) {
    throw new RoomctlError(
      'ROOMCTL_E_CHECKIN_CLOSED',
      `Check-in to meeting ${id} is closed (status ${m.status}, window opens ${new Date(opens).toISOString()})`,
    );
  }
  const attendee = findAttendee(m, who);
  if (!attendee && !who.walkIn && method !== 'badge') {
    throw new RoomctlError(
      'ROOMCTL_E_BAD_REQUEST',
      `${who.email ?? who.name ?? 'That person'} is not invited to this meeting; check in as a walk-in (walkIn: true)`,
    );
  }
  const person: Person = attendee ?? {
    ...(who.name ? { name: who.name } : {}),
    ...(who.email ? { email: who.email } : {}),
    ...(who.badge ? { badge: who.badge } : {}),
  };
  // A walk-in is a new row each time (and the minutes go to their address): bounded per meeting.
  if (!attendee && !ctx.checkIns.has(m.id, person)) assertMeetingHolds(m.id, 'walkIns', ctx.checkIns.walkIns(m.id));
  const first = ctx.checkIns.count(m.id) === 0;
  const result = ctx.checkIns.add(m.id, person, attendee ? method : method === 'badge' ? 'badge' : 'walk_in', !attendee, ctx.clock.now());
  if (first && ctx.rules.startOnFirstCheckIn && m.status === 'booked') start(ctx, m.id);
  ctx.changed(result.first ? { kind: 'checked-in', meetingId: m.id, name: displayName(person) } : undefined);
  return { checkIn: result.checkIn, meeting: ctx.meetings.require(id), invited: attendee !== undefined };
}
