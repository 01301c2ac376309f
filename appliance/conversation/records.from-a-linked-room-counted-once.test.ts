import { afterEach, expect, it } from 'vitest';
import { book, checkIn, start } from '../meetings/meeting-lifecycle.js';
import { roomFixture, type RoomFixture } from '../meetings/testing/room-fixture.js';
import { muteWhileFloorElsewhere } from '../room/mute-while-floor-elsewhere.js';
import { recordingRoomMute } from '../room/testing/recording-room-mute.js';
import type { ConversationRecord } from './conversation-records.js';

let fx: RoomFixture;
afterEach(() => fx.close());

it("takes a linked room's records once however often they come, sends its own on, and mutes while the other room holds the floor", async () => {
  fx = roomFixture({ start: '2026-04-01T08:00:00.000Z' });
  const ctx = fx.room.ctx;
  const m = book(ctx, { minutes: 60, title: 'Across sites' });
  checkIn(ctx, m.id, { name: 'Ann', walkIn: true }, 'tap');
  start(ctx, m.id);
  const sent: ConversationRecord[] = [];
  ctx.conversation.on('record', (r: ConversationRecord, origin: string) => origin === 'local' && sent.push(r));
  const mute = recordingRoomMute();
  muteWhileFloorElsewhere(ctx.conversation, mute, true);

  const poll = ctx.conversation.openPoll(m.id, 'Ship it?', undefined);
  ctx.conversation.vote(poll.pollId, 'yes', { name: 'Ann' });
  expect(sent.map((r) => [r.kind, r.room])).toEqual([
    ['poll.opened', 'hq/aurora'],
    ['vote.cast', 'hq/aurora'],
  ]);
  expect(JSON.stringify(sent)).not.toContain('Ann'); // a vote carries an opaque key, never a name

  const base = { meetingId: m.id, room: 'sz/lotus' };
  const remote: ConversationRecord[] = [
    { ...base, id: 'sz-1', at: '2026-04-01T08:01:00.000Z', kind: 'vote.cast', pollId: poll.pollId, option: 'no', voter: 'sz-voter-1' },
    { ...base, id: 'sz-2', at: '2026-04-01T08:01:01.000Z', kind: 'hands.counted', pollId: poll.pollId, counts: { yes: 3 } },
    { ...base, id: 'sz-3', at: '2026-04-01T08:01:02.000Z', kind: 'hand.raised', handId: 'sz-hand', who: { name: 'Wei', key: 'sz-wei' } },
  ];
  expect(remote.map((r) => ctx.conversation.apply(r))).toEqual([true, true, true]);
  expect(remote.map((r) => ctx.conversation.apply(r))).toEqual([false, false, false]); // the broker replays them after an outage
  const view = () => fx.room.view(ctx.meetings.get(m.id)!, true);
  expect(view().polls[0]!.counts).toEqual({ yes: 4, no: 1, abstain: 0 });
  expect(view().floor.queue).toEqual([expect.objectContaining({ handId: 'sz-hand', name: 'Wei', room: 'sz/lotus' })]);
  expect(sent).toHaveLength(2); // what came from the other room is not sent back

  await fx.advance(60_000);
  ctx.conversation.giveFloor(m.id, { next: true });
  expect(view().floor.speaking).toMatchObject({ name: 'Wei', room: 'sz/lotus' });
  expect(mute.calls).toEqual(['mute by floor']);
  ctx.conversation.giveFloor(m.id, { next: true }); // nobody waiting: the turn ends, the room opens again
  expect(mute.calls).toEqual(['mute by floor', 'unmute by floor']);
});

it("counts a linked room's vote that was cast before the close but arrives after it, refuses one cast after, and the decision follows the count", async () => {
  fx = roomFixture({ start: '2026-04-01T08:00:00.000Z' });
  const ctx = fx.room.ctx;
  const m = book(ctx, { minutes: 60, title: 'Across sites' });
  checkIn(ctx, m.id, { name: 'Ann', walkIn: true }, 'tap');
  start(ctx, m.id);
  const poll = ctx.conversation.openPoll(m.id, 'Ship it?', undefined);
  ctx.conversation.vote(poll.pollId, 'yes', { name: 'Ann' });
  await fx.advance(120_000);
  ctx.conversation.closePoll(poll.pollId); // 08:02
  const decision = () => ctx.minutes.entries(m.id, 'decision').map((d) => d.text);
  expect(decision()).toEqual(['Ship it? — Approved 1–0']);

  const base = { meetingId: m.id, room: 'sz/lotus', kind: 'vote.cast' as const, pollId: poll.pollId, option: 'no' };
  expect(ctx.conversation.apply({ ...base, id: 'sz-late', at: '2026-04-01T08:01:00.000Z', voter: 'sz-1' })).toBe(true); // cut off until now
  expect(ctx.conversation.apply({ ...base, id: 'sz-after', at: '2026-04-01T08:03:00.000Z', voter: 'sz-2' })).toBe(true); // stored, refused by the fold
  expect(fx.room.view(ctx.meetings.get(m.id)!, true).polls[0]).toMatchObject({ counts: { yes: 1, no: 1, abstain: 0 }, outcome: 'Tied, not approved 1–1' });
  expect(decision()).toEqual(['Ship it? — Tied, not approved 1–1']);
});
