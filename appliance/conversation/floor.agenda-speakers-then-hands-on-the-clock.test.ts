import { afterEach, expect, it } from 'vitest';
import { book, checkIn, start } from '../meetings/meeting-lifecycle.js';
import { roomFixture, type RoomFixture } from '../meetings/testing/room-fixture.js';

let fx: RoomFixture;
afterEach(() => fx.close());

it("gives the floor to the agenda's named speakers in order, then to raised hands, and warns on the speaker's time", async () => {
  fx = roomFixture({ start: '2026-04-01T08:00:00.000Z', meetings: { floor: { speakerMinutes: 2 } } });
  const ctx = fx.room.ctx;
  const m = book(ctx, {
    minutes: 60,
    title: 'Review',
    agenda: [
      {
        title: 'Reports',
        minutes: 20,
        speakers: [
          { name: 'Lin', minutes: 5 },
          { name: 'Omar', minutes: 3 },
        ],
      },
    ],
  });
  checkIn(ctx, m.id, { name: 'Ann', walkIn: true }, 'tap');
  expect(() => ctx.conversation.raiseHand(m.id, { name: 'Ann' })).toThrow(/runs/);
  start(ctx, m.id);
  expect(() => ctx.conversation.raiseHand(m.id, { name: 'Zed' })).toThrowError(expect.objectContaining({ code: 'ROOMCTL_E_NOT_CHECKED_IN' }));
  const hand = ctx.conversation.raiseHand(m.id, { name: 'ann' });
  expect(hand).toMatchObject({ name: 'Ann', room: 'hq/aurora' });
  expect(() => ctx.conversation.raiseHand(m.id, { name: 'Ann' })).toThrowError(expect.objectContaining({ code: 'ROOMCTL_E_HAND_ALREADY_RAISED' }));

  const speaking = () => fx.room.view(ctx.meetings.get(m.id)!, true).floor.speaking;
  ctx.conversation.giveFloor(m.id, { next: true });
  expect(speaking()).toMatchObject({ name: 'Lin', minutes: 5, agendaPosition: 1, handId: null });
  await fx.advance(60_000);
  ctx.conversation.giveFloor(m.id, { next: true });
  expect(speaking()).toMatchObject({ name: 'Omar', minutes: 3 });
  await fx.advance(60_000);
  ctx.conversation.giveFloor(m.id, { next: true });
  expect(speaking()).toMatchObject({ name: 'Ann', minutes: 2, handId: hand.handId });
  expect(fx.room.view(ctx.meetings.get(m.id)!, true).floor.queue).toEqual([]);

  const warnings = () => fx.messages.flatMap((msg) => (msg.notice?.kind === 'speaker-warning' ? [`${msg.notice.name}@${msg.notice.percent}`] : []));
  await fx.advance(95_000); // 1:35 of 2:00
  expect(warnings()).toEqual([]);
  await fx.advance(5_000); // 1:40 = 83 %
  expect(warnings()).toEqual(['Ann@80']);
  await fx.advance(20_000);
  expect(warnings()).toEqual(['Ann@80', 'Ann@100']);
  expect(speaking()!.remainingSeconds).toBe(0);

  ctx.conversation.giveFloor(m.id, { next: true }); // nobody left: the turn ends
  expect(speaking()).toBeNull();
  expect(ctx.conversation.spokenOrder(m.id).map((t) => t.speaker.name)).toEqual(['Lin', 'Omar', 'Ann']);
});
