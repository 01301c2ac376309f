import { afterEach, expect, it } from 'vitest';
import { submitFeedback, submitPersonalFeedback } from './feedback-service.js';
import { book, end, start } from './meeting-lifecycle.js';
import { MEETING_LIMITS } from './meeting-limits.js';
import { roomFixture, type RoomFixture } from './testing/room-fixture.js';

let fx: RoomFixture;
afterEach(async () => fx.close());

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return 'taken';
};

it("takes one feedback per person of the meeting, besides the room's one rating, and no more people's than the bound", async () => {
  // The minutes held for review: 502 personal emails are not what this test is about.
  fx = roomFixture({ start: '2026-04-01T08:00:00.000Z', meetings: { selfTestMinutes: 0, minutesReviewMinutes: 60 } });
  const { peopleRatings } = MEETING_LIMITS;
  // A calendar's invite may name more people than the bound: every one of them has a link.
  const people = Array.from({ length: peopleRatings + 1 }, (_, i) => ({ name: `P${i}`, email: `p${i}@example.com`, required: true }));
  const m = book(fx.room.ctx, { minutes: 30, title: 'All hands', organiser: { email: 'boss@example.com' }, attendees: people });
  start(fx.room.ctx, m.id);
  end(fx.room.ctx, m.id);
  const meeting = fx.room.ctx.meetings.get(m.id)!;
  const rate = (email: string, rating: number) => code(() => submitPersonalFeedback(fx.room.ctx, meeting, email, { rating }));

  expect(rate('p0@example.com', 5)).toBe('taken');
  // A second from the same person, whatever it holds, is refused; the room's panel still rates once.
  expect(rate('p0@example.com', 1)).toBe('ROOMCTL_E_FEEDBACK_GIVEN');
  expect(code(() => submitPersonalFeedback(fx.room.ctx, meeting, 'p0@example.com', { problems: ['audio'] }))).toBe('ROOMCTL_E_FEEDBACK_GIVEN');
  expect(code(() => submitFeedback(fx.room.ctx, m.id, { rating: 3 }))).toBe('taken');
  expect(code(() => submitFeedback(fx.room.ctx, m.id, { rating: 4 }))).toBe('ROOMCTL_E_FEEDBACK_GIVEN');
  // Someone who is not one of the meeting's people (taken off the invite since the link was made) rates nothing.
  expect(rate('mallory@example.com', 1)).toBe('ROOMCTL_E_FORBIDDEN');

  // The others' ratings kept as the service keeps them (through it, the bound's test took seconds); the last two go through it.
  const at = fx.clock.now().toISOString();
  for (let i = 1; i < peopleRatings - 1; i++)
    fx.room.ctx.feedback.add({ meetingId: m.id, rating: 4, categories: [], comment: null, deviceHealth: null, givenBy: `p${i}@example.com`, at });
  expect(rate(`p${peopleRatings - 1}@example.com`, 4)).toBe('taken');
  expect(rate(`p${peopleRatings}@example.com`, 4)).toBe('ROOMCTL_E_MEETING_LIMIT');
  expect(fx.room.ctx.feedback.givenByPeople(m.id)).toBe(peopleRatings);
  // A person's rating went out as the room's own does, saying it came from a phone.
  const sent = [
    [5, 'phone'],
    [3, 'panel'],
    [4, 'phone'],
  ] as const;
  expect(fx.eventsOf('feedback')).toEqual(sent.map(([rating, via]) => ({ type: 'feedback', meetingId: m.id, rating, via })));
});
