import { afterEach, expect, it } from 'vitest';
import { book } from '../meetings/meeting-lifecycle.js';
import { MEETING_LIMITS } from '../meetings/meeting-limits.js';
import { roomFixture, type RoomFixture } from '../meetings/testing/room-fixture.js';
import type { ConversationRecord } from './conversation-records.js';

/**
 * A linked room's polls and raised hands count toward what the meeting holds, as this room's
 * do: a room whose broker login was stolen cannot open a thousand polls on every linked panel.
 */
let fx: RoomFixture;
afterEach(() => fx.close());

it(`takes ${MEETING_LIMITS.polls} polls and ${MEETING_LIMITS.hands} hands from a linked room, and refuses the next of each with ROOMCTL_E_MEETING_LIMIT`, () => {
  fx = roomFixture({ start: '2026-04-01T08:00:00.000Z' });
  const ctx = fx.room.ctx;
  const m = book(ctx, { minutes: 60, title: 'Across sites' });
  const base = (n: number) => ({ meetingId: m.id, room: 'sz/thief', id: `r-${n}`, at: `2026-04-01T08:00:00.${String(n % 1000).padStart(3, '0')}Z` });
  const poll = (n: number): ConversationRecord => ({ ...base(n), kind: 'poll.opened', pollId: `p-${n}`, question: 'Ship it?', options: ['yes', 'no'] });
  const hand = (n: number): ConversationRecord => ({ ...base(10_000 + n), kind: 'hand.raised', handId: `h-${n}`, who: { name: null, key: `k-${n}` } });

  for (let n = 1; n <= MEETING_LIMITS.polls; n++) expect(ctx.conversation.apply(poll(n))).toBe(true);
  expect(() => ctx.conversation.apply(poll(MEETING_LIMITS.polls + 1))).toThrow(expect.objectContaining({ code: 'ROOMCTL_E_MEETING_LIMIT' }));
  expect(ctx.conversation.apply(poll(1))).toBe(false); // one it holds, again: a replay, not a new poll

  for (let n = 1; n <= MEETING_LIMITS.hands; n++) expect(ctx.conversation.apply(hand(n))).toBe(true);
  expect(() => ctx.conversation.apply(hand(MEETING_LIMITS.hands + 1))).toThrow(expect.objectContaining({ code: 'ROOMCTL_E_MEETING_LIMIT' }));

  const view = fx.room.view(ctx.meetings.get(m.id)!, true);
  expect(view.polls).toHaveLength(MEETING_LIMITS.polls);
  expect(view.floor.queue).toHaveLength(MEETING_LIMITS.hands);
});
