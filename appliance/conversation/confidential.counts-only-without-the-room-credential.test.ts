import { afterEach, expect, it } from 'vitest';
import { book, checkIn, start } from '../meetings/meeting-lifecycle.js';
import { roomFixture, type RoomFixture } from '../meetings/testing/room-fixture.js';
import { forOtherRooms, type ConversationRecord } from './conversation-records.js';

let fx: RoomFixture;
afterEach(() => fx.close());

it("shows a confidential meeting's floor and polls as counts only on the public stream, and sends no names to other rooms", async () => {
  fx = roomFixture({ start: '2026-04-01T08:00:00.000Z' });
  const ctx = fx.room.ctx;
  const m = book(ctx, { minutes: 60, title: 'Reorganisation', confidentiality: 'confidential' });
  checkIn(ctx, m.id, { name: 'Ann', email: 'ann@example.com', walkIn: true }, 'tap');
  start(ctx, m.id);
  const sent: ConversationRecord[] = [];
  ctx.conversation.on('record', (r: ConversationRecord) => sent.push(forOtherRooms(r, true)));
  ctx.conversation.raiseHand(m.id, { email: 'ann@example.com' });
  const poll = ctx.conversation.openPoll(m.id, 'Merge the two teams?', undefined);
  ctx.conversation.vote(poll.pollId, 'no', { name: 'Ann' });

  const stream = fx.room.streamMessage().now.current!;
  expect(stream.floor.queue).toEqual([expect.objectContaining({ name: null })]);
  expect(stream.polls).toEqual([expect.objectContaining({ question: null, counts: { yes: 0, no: 1, abstain: 0 } })]);
  expect(fx.room.view(m, true).floor.queue[0]!.name).toBe('Ann'); // the room's credential sees the names
  const wire = JSON.stringify(sent);
  expect(wire).not.toMatch(/Ann|ann@example\.com/);
  expect(sent.map((r) => r.kind)).toEqual(['hand.raised', 'poll.opened', 'vote.cast']);
});
