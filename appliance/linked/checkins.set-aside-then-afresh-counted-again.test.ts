import { afterEach, expect, it } from 'vitest';
import { checkIn } from '../meetings/meeting-lifecycle.js';
import type { RoomFixture } from '../meetings/testing/room-fixture.js';
import { sameInviteInTwoRooms } from './testing/linked-room-fixture.js';

const fixtures: RoomFixture[] = [];
afterEach(async () => {
  for (const fx of fixtures.splice(0)) await fx.close();
});

/**
 * Wei's check-in at Shenzhen, set aside there when the booking moved (`moveToStart`), is no longer
 * counted at Aurora; Wei checks in afresh — the same person, whose check-in record Aurora already
 * holds (it is sent once, by id) — and Aurora counts Wei at Shenzhen again. Each change crosses once.
 */
it('a check-in set aside in one room, then made afresh, is counted in the other room again', async () => {
  const { rooms, meetings, exchange, aSecondLater } = sameInviteInTwoRooms(fixtures, {
    minutes: 60,
    title: 'Across sites',
    attendees: [{ name: 'Wei', email: 'wei@example.com', required: true }],
  });
  const [aurora, shenzhen] = rooms;
  const [inAurora, inShenzhen] = meetings;
  const wei = { email: 'wei@example.com' };
  const atShenzhen = () => aurora.rooms.rooms(inAurora).find((r) => r.name === 'Shenzhen')?.present;
  const setAsideRecords = () => shenzhen.sent().filter((r) => r.kind === 'channel' && r.channel === 'checkin.set-aside');

  checkIn(shenzhen.ctx, inShenzhen, wei, 'tap');
  exchange();
  expect(atShenzhen()).toBe(1);
  expect(aurora.rooms.checkedInElsewhere(inAurora, 'email:wei@example.com')).toMatchObject({ room: 'sz/lotus' });

  await aSecondLater();
  const start = shenzhen.ctx.meetings.get(inShenzhen)!.start;
  shenzhen.ctx.checkIns.moveToStart(inShenzhen, start, new Date(Date.parse(start) + 3_600_000).toISOString());
  exchange();
  expect(atShenzhen()).toBe(0);
  expect(aurora.rooms.checkedInElsewhere(inAurora, 'email:wei@example.com')).toBeUndefined();

  await aSecondLater();
  checkIn(shenzhen.ctx, inShenzhen, wei, 'tap');
  exchange();
  expect(atShenzhen()).toBe(1);
  expect(aurora.rooms.checkedInElsewhere(inAurora, 'email:wei@example.com')).toMatchObject({ room: 'sz/lotus' });
  // Told once: nothing more to tell.
  shenzhen.rooms.sync();
  expect(setAsideRecords()).toEqual([]);
});
