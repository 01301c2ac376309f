import { afterEach, expect, it } from 'vitest';
import { forOtherRooms, type ConversationRecord } from '../conversation/conversation-records.js';
import { book, checkIn, start } from '../meetings/meeting-lifecycle.js';
import type { RoomFixture } from '../meetings/testing/room-fixture.js';
import { linkedRoomFixture } from './testing/linked-room-fixture.js';
import { replicateLog } from './replicated-log.js';

const fixtures: RoomFixture[] = [];
afterEach(async () => {
  for (const fx of fixtures.splice(0)) await fx.close();
});

function linkedRoom(self: string, name: string) {
  const room = linkedRoomFixture(self, name, fixtures);
  replicateLog<ConversationRecord>(
    room.rooms,
    'conversation',
    room.ctx.conversation,
    (id) => room.ctx.meetings.get(id),
    (r, m) => forOtherRooms(r, m.confidentiality === 'confidential'),
  );
  return room;
}

it("a hand raised in one linked room is in the other's queue, and votes from both rooms are counted once however often they arrive", () => {
  const a = linkedRoom('hq/aurora', 'Aurora');
  const b = linkedRoom('sz/lotus', 'Shenzhen');
  const ids = [a, b].map((r) => {
    const m = book(r.ctx, { minutes: 60, title: 'Across sites' });
    r.ctx.db.prepare('UPDATE meetings SET occurrence_key = ? WHERE id = ?').run('across@example.com', m.id);
    return m.id;
  });
  checkIn(a.ctx, ids[0]!, { name: 'Ann', walkIn: true }, 'tap');
  checkIn(b.ctx, ids[1]!, { name: 'Wei', walkIn: true }, 'tap');
  start(a.ctx, ids[0]!);
  start(b.ctx, ids[1]!);
  const exchange = () => {
    const fromA = a.sent();
    const fromB = b.sent();
    for (const r of [...fromB, ...fromB]) a.rooms.receive(r);
    for (const r of [...fromA, ...fromA]) b.rooms.receive(r);
  };
  a.rooms.sync();
  b.rooms.sync();
  exchange();

  b.ctx.conversation.raiseHand(ids[1]!, { name: 'Wei' });
  const poll = a.ctx.conversation.openPoll(ids[0]!, 'Ship it?', undefined);
  a.ctx.conversation.vote(poll.pollId, 'yes', { name: 'Ann' });
  exchange();
  b.ctx.conversation.vote(poll.pollId, 'no', { name: 'Wei' });
  exchange();
  exchange(); // a second delivery of everything changes nothing

  const viewA = a.fx.room.view(a.ctx.meetings.get(ids[0]!)!, true);
  const viewB = b.fx.room.view(b.ctx.meetings.get(ids[1]!)!, true);
  // (Both fixtures are the same room to the meetings; the link layer tells them apart.)
  expect(viewA.floor.queue).toEqual([expect.objectContaining({ name: 'Wei' })]);
  expect(viewA.polls[0]!.counts).toEqual({ yes: 1, no: 1, abstain: 0 });
  expect(viewB.polls[0]!.counts).toEqual({ yes: 1, no: 1, abstain: 0 });
});
