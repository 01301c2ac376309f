import { randomUUID } from 'node:crypto';
import { RoomctlError } from '../../drivers/core/errors.js';
import type { FeedbackRecord, ProblemCategory } from './feedback-repository.js';
import type { MeetingContext } from './meeting-context.js';
import { assertMeetingHolds } from './meeting-limits.js';
import type { Meeting } from './meeting-types.js';

/** What this file's functions use of the meeting context. */
type FeedbackContext = Pick<MeetingContext, 'bus' | 'checkIns' | 'clock' | 'devices' | 'feedback' | 'meetings' | 'notifier' | 'texts'>;

/** Every device's health at this moment, as facilities needs it with a problem report. */
function deviceHealthSnapshot(ctx: FeedbackContext): Record<string, unknown> {
  return Object.fromEntries(ctx.devices.list().map((d) => [d.id, { status: d.status, since: d.since, detail: d.detail, kind: d.kind, driver: d.driver }]));
}

interface FeedbackInput {
  rating?: number;
  problems?: ProblemCategory[];
  comment?: string;
}

/**
 * A rating (1–5) and/or a problem report, for a meeting or for the room. The rating goes out
 * as `feedback`; a problem report as `problem.reported` carrying every device's health, and
 * to facilities through the notification channels. The room rates a meeting once: a second rating (a
 * double tap, a second panel) is refused with ROOMCTL_E_FEEDBACK_GIVEN and nothing is kept, so
 * it cannot count twice in the room's figures; a problem report without a rating is always taken.
 */
export function submitFeedback(ctx: FeedbackContext, meetingId: string | null, input: FeedbackInput): FeedbackRecord {
  if (meetingId && input.rating !== undefined && ctx.feedback.rated(meetingId))
    throw new RoomctlError('ROOMCTL_E_FEEDBACK_GIVEN', `Meeting ${meetingId} has been rated already`);
  return keepFeedback(ctx, meetingId, input, null);
}

/**
 * One person's feedback from their phone, proven by the personal link of their minutes email
 * (`email`): one each, rating or not — a second is refused with ROOMCTL_E_FEEDBACK_GIVEN — and
 * only from the meeting's people (its organiser, invitees and those who checked in with an
 * email), at most MEETING_LIMITS.peopleRatings of them. It counts and travels as the panel's does.
 */
export function submitPersonalFeedback(ctx: FeedbackContext, meeting: Meeting, email: string, input: FeedbackInput): FeedbackRecord {
  if (personalFeedback(ctx, meeting, email).given)
    throw new RoomctlError('ROOMCTL_E_FEEDBACK_GIVEN', `${email} has given meeting ${meeting.id} their feedback already`);
  assertMeetingHolds(meeting.id, 'peopleRatings', ctx.feedback.givenByPeople(meeting.id));
  return keepFeedback(ctx, meeting.id, input, email);
}

/** What one person gave the meeting from their phone (`given: false`: nothing yet), for their eyes only: nobody else's. */
interface PersonalFeedback {
  given: boolean;
  /** Their rating; null when they have not rated, or told a problem without one. */
  rating: number | null;
  at: string | null;
}

/**
 * One person's own feedback on the meeting (by the email of their personal link), so the phone
 * page shows it rather than asking again; only while they are one of the meeting's people, as
 * for giving it.
 */
export function personalFeedback(ctx: FeedbackContext, meeting: Meeting, email: string): PersonalFeedback {
  const people = [meeting.organiser, ...meeting.attendees, ...ctx.checkIns.list(meeting.id)];
  // A link outlives a person taken off the invite; rating is for who is still one of the meeting's people.
  if (!people.some((p) => p.email?.toLowerCase() === email))
    throw new RoomctlError('ROOMCTL_E_FORBIDDEN', `${email} is no longer one of the people of meeting ${meeting.id}`);
  const given = ctx.feedback.givenBy(meeting.id, email);
  return given ? { given: true, rating: given.rating, at: given.at } : { given: false, rating: null, at: null };
}

/** Keeps the feedback and tells the room of it: the rating as `feedback`, a problem to facilities with every device's health. */
function keepFeedback(ctx: FeedbackContext, meetingId: string | null, input: FeedbackInput, givenBy: string | null): FeedbackRecord {
  const meeting = meetingId ? ctx.meetings.get(meetingId) : null;
  if (meetingId && !meeting) throw new RoomctlError('ROOMCTL_E_MEETING_NOT_FOUND', `No meeting "${meetingId}" in this room`);
  if (input.rating === undefined && !input.problems?.length && !input.comment)
    throw new RoomctlError('ROOMCTL_E_BAD_REQUEST', 'Send a rating, a problem category or a comment');
  const problems = input.problems ?? [];
  const health = problems.length > 0 ? deviceHealthSnapshot(ctx) : null;
  const record = ctx.feedback.add({
    meetingId,
    rating: input.rating ?? null,
    categories: problems,
    comment: input.comment ?? null,
    deviceHealth: health,
    givenBy,
    at: ctx.clock.now().toISOString(),
  });
  // Where it came from: a personal link is a person's phone; anything else the room's panel.
  const via = givenBy ? 'phone' : 'panel';
  if (input.rating !== undefined && meetingId) ctx.bus.publish({ type: 'feedback', meetingId, rating: input.rating, via });
  if (problems.length > 0) {
    ctx.bus.publish({
      type: 'problem.reported',
      reportId: record.id || randomUUID(),
      categories: problems,
      ...(input.rating !== undefined ? { rating: input.rating } : {}),
      ...(input.comment ? { comment: input.comment } : {}),
      ...(meetingId ? { meetingId } : {}),
      deviceHealth: health ?? {},
      via,
    });
    ctx.notifier.notifyFacilities(ctx.texts.facilities.problem(problems, input.comment ?? null, meeting ?? null, ctx.clock.now()));
  }
  return record;
}
