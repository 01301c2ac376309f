import { afterEach, expect, it } from 'vitest';
import { checkIn, end, start, book } from '../meetings/meeting-lifecycle.js';
import { minutesMarkdown, type Minutes } from '../meetings/minutes-assemble.js';
import { MEETING_LIMITS } from '../meetings/meeting-limits.js';
import { roomFixture, type RoomFixture } from '../meetings/testing/room-fixture.js';

let fx: RoomFixture;
afterEach(() => fx.close());

it('counts phone votes once each plus the show of hands, refuses a late vote, and puts the count in the minutes', async () => {
  fx = roomFixture({ start: '2026-04-01T08:00:00.000Z' });
  const ctx = fx.room.ctx;
  const m = book(ctx, { minutes: 60, title: 'Budget', organiser: { name: 'Org', email: 'org@example.com' } });
  for (const name of ['Ann', 'Bo', 'Cy']) checkIn(ctx, m.id, { name, walkIn: true }, 'tap');
  start(ctx, m.id);
  const poll = ctx.conversation.openPoll(m.id, 'Approve the budget?', undefined);
  expect(poll).toMatchObject({ options: ['yes', 'no', 'abstain'], status: 'open', counts: { yes: 0, no: 0, abstain: 0 } });

  ctx.conversation.vote(poll.pollId, 'yes', { name: 'Ann' });
  ctx.conversation.vote(poll.pollId, 'no', { name: 'Bo' });
  expect(() => ctx.conversation.vote(poll.pollId, 'no', { name: 'Ann' })).toThrowError(expect.objectContaining({ code: 'ROOMCTL_E_ALREADY_VOTED' }));
  expect(() => ctx.conversation.vote(poll.pollId, 'maybe', { name: 'Cy' })).toThrowError(expect.objectContaining({ code: 'ROOMCTL_E_BAD_REQUEST' }));
  ctx.conversation.countHands(poll.pollId, { yes: 4, abstain: 2 });
  ctx.conversation.countHands(poll.pollId, { yes: 5, no: 1, abstain: 1 }); // corrected: replaces the room's first count
  const closed = ctx.conversation.closePoll(poll.pollId);
  expect(closed).toMatchObject({ status: 'closed', counts: { yes: 6, no: 2, abstain: 1 }, votes: 2, outcome: 'Approved 6–2, 1 abstained' });
  expect(() => ctx.conversation.vote(poll.pollId, 'yes', { name: 'Cy' })).toThrowError(expect.objectContaining({ code: 'ROOMCTL_E_POLL_CLOSED' }));

  // A poll still open at the end closes with the meeting.
  const second = ctx.conversation.openPoll(m.id, 'Venue?', ['Hall', 'Garden']);
  ctx.conversation.vote(second.pollId, 'Garden', { name: 'Cy' });
  end(ctx, m.id);
  const minutes = ctx.minutes.storedMinutes(m.id)!.body as Minutes;
  expect(minutes.decisions.map((d) => d.text)).toEqual(['Approve the budget? — Approved 6–2, 1 abstained', 'Venue? — Garden 1, Hall 0']);
  // The minutes email's text is this Markdown.
  expect(minutesMarkdown(minutes)).toContain('## Decisions\n\n- Approve the budget? — Approved 6–2, 1 abstained\n- Venue? — Garden 1, Hall 0\n');
});

it(`takes ${MEETING_LIMITS.handCounts} entries of the show of hands for one poll, the last one standing, and refuses the next, coded, keeping the count`, async () => {
  fx = roomFixture({ start: '2026-04-01T08:00:00.000Z' });
  const ctx = fx.room.ctx;
  const m = book(ctx, { minutes: 60, title: 'Budget' });
  start(ctx, m.id);
  const poll = ctx.conversation.openPoll(m.id, 'Approve the budget?', undefined);
  for (let i = 1; i <= MEETING_LIMITS.handCounts; i++) ctx.conversation.countHands(poll.pollId, { yes: i });
  expect(() => ctx.conversation.countHands(poll.pollId, { yes: 1 })).toThrowError(
    expect.objectContaining({ code: 'ROOMCTL_E_MEETING_LIMIT', details: { limit: MEETING_LIMITS.handCounts, what: 'handCounts' } }),
  );
  expect(ctx.conversation.closePoll(poll.pollId).counts).toEqual({ yes: MEETING_LIMITS.handCounts, no: 0, abstain: 0 });
  // Another poll of the meeting has its own bound.
  expect(ctx.conversation.countHands(ctx.conversation.openPoll(m.id, 'Venue?', ['Hall', 'Garden']).pollId, { Hall: 3 }).counts).toEqual({ Hall: 3, Garden: 0 });
});
