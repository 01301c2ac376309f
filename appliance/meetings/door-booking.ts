import { RoomctlError } from '../../drivers/core/errors.js';
import { endOfLocalDay } from '../schedule/zoned-time.js';
import { DOOR_CODE_BOOKINGS } from './door-codes.js';
import { minutesMs, type MeetingContext } from './meeting-context.js';
import { book } from './meeting-lifecycle.js';
import type { Meeting } from './meeting-types.js';
import { meetingView } from './meeting-view-builders.js';
import type { DoorScheduleView } from './meeting-views.js';

/** What this file's functions use of the meeting context. */
type DoorBookingContext = Pick<
  MeetingContext,
  'agenda' | 'audit' | 'changed' | 'checkIns' | 'clock' | 'conversation' | 'db' | 'meetings' | 'room' | 'rules' | 'selfTests'
>;

/** Who books from the door's page: a phone with the door code of one window, or a client with the API token. */
export type DoorCaller = { via: 'door-code'; window: number; expiresAt: Date } | { via: 'token' };

interface DoorBookingInput {
  minutes: number;
  /** Default: now. */
  start?: string;
  title: string;
  organiser: { name: string; email?: string };
}

/** A booking must start no earlier than this before now (the time the request took on the way). */
const PAST_TOLERANCE_MS = 60_000;

/**
 * A booking made from a phone at the door: an ad-hoc booking like "book now" on the panel
 * (same conflicts, check-in window, auto-release), within the limits a person expects of a
 * QR code on a door — today only, one of the lengths the room offers, not in the past, and
 * a few bookings per door code. Each one is written to the audit log with how it came.
 */
export function bookFromDoor(ctx: DoorBookingContext, input: DoorBookingInput, caller: DoorCaller): Meeting {
  const now = ctx.clock.now();
  const offered = ctx.rules.adHocMinutes;
  if (offered.length === 0)
    throw new RoomctlError('ROOMCTL_E_FORBIDDEN', 'This room takes no bookings from the door: it offers no lengths (meetings.adHocMinutes is empty)');
  if (!offered.includes(input.minutes)) throw badField('body.minutes', `must be one of ${offered.join(', ')} (minutes)`, offered.join(', '));
  const start = input.start ? new Date(input.start) : now;
  const dayEnd = endOfLocalDay(now, ctx.room.timezone);
  if (start.getTime() < now.getTime() - PAST_TOLERANCE_MS) throw badField('body.start', 'is in the past');
  if (start.getTime() + minutesMs(input.minutes) > dayEnd.getTime())
    throw badField('body.start', `is not today: from the door the room is booked for today only (until ${dayEnd.toISOString()})`);
  const audit = auditOf(caller);
  return ctx.db.transaction(() => {
    if (audit.detail && ctx.audit.count(audit) >= DOOR_CODE_BOOKINGS) {
      throw new RoomctlError('ROOMCTL_E_DOOR_CODE_USED_UP', `This door code has made ${DOOR_CODE_BOOKINGS} bookings already`, { limit: DOOR_CODE_BOOKINGS });
    }
    const meeting = book(ctx, {
      minutes: input.minutes,
      ...(input.start ? { start: input.start } : {}),
      title: input.title.trim(),
      organiser: input.organiser,
    });
    ctx.audit.record({ ...audit, meetingId: meeting.id, who: input.organiser.email ?? input.organiser.name }, now);
    return meeting;
  })();
}

/** The rest of today for the door's phone page: busy times and, as on the door, no confidential title. */
export function doorSchedule(ctx: DoorBookingContext, caller: DoorCaller): DoorScheduleView {
  const now = ctx.clock.now();
  const dayEnd = endOfLocalDay(now, ctx.room.timezone);
  // A meeting running over its booked end still holds the room: it is busy until now at least.
  const running = ctx.meetings.inStatus(['in_progress']);
  const later = ctx.meetings.between(now.toISOString(), dayEnd.toISOString(), ['booked', 'in_progress']).filter((m) => !running.some((r) => r.id === m.id));
  const audit = auditOf(caller);
  return {
    room: { name: ctx.room.name, timezone: ctx.room.timezone },
    time: now.toISOString(),
    dayEnd: dayEnd.toISOString(),
    durations: [...ctx.rules.adHocMinutes],
    busy: [...running, ...later].map((m) => {
      // The door's rule (meetingView unauthorised): a confidential meeting shows its time only.
      const view = meetingView(ctx, m, false);
      return { start: view.start, end: Date.parse(view.end) < now.getTime() ? now.toISOString() : view.end, status: view.status, title: view.title };
    }),
    bookingsLeft: audit.detail ? Math.max(0, DOOR_CODE_BOOKINGS - ctx.audit.count(audit)) : null,
    codeExpiresAt: caller.via === 'door-code' ? caller.expiresAt.toISOString() : null,
  };
}

/** The audit entry's how: a door code's bookings are counted by its window. */
function auditOf(caller: DoorCaller) {
  return { action: 'book', via: caller.via, detail: caller.via === 'door-code' ? `door code of window ${caller.window}` : null };
}

/** A refusal shaped like the schema validator's, so the phone can point at the field. */
function badField(path: string, message: string, allowed?: string): RoomctlError {
  return new RoomctlError('ROOMCTL_E_BAD_REQUEST', `Invalid request: ${path} ${message}`, { issues: [{ path, message, ...(allowed ? { allowed } : {}) }] });
}
