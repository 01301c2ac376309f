import { afterEach, expect, it } from 'vitest';
import type { LinkInvitation } from '../../contract/link-records.js';
import type { RoomEventEnvelope } from '../model/room-events.js';
import type { RoomFixture } from '../meetings/testing/room-fixture.js';
import { INVITED_BOOKINGS } from './invited-booking.js';
import { linkKeyOf } from './link-key.js';
import { linkedRoomFixture } from './testing/linked-room-fixture.js';

/**
 * A room whose broker login was stolen sends Aurora invitation after invitation, each with a new
 * id. From a room Aurora takes none from, five refusals a minute are reported (log and fleet
 * event), the rest counted in the next report. From a room it takes them from, an invitation
 * books at most a day, and at most INVITED_BOOKINGS.upcoming linked meetings to come.
 */
const fixtures: RoomFixture[] = [];
afterEach(async () => {
  for (const fx of fixtures.splice(0)) await fx.close();
});

const START = Date.parse('2026-04-01T09:00:00.000Z');
const invitation = (n: number, from: string, minutes = 30, startAt = START + n * 60 * 60_000): LinkInvitation => ({
  id: `inv-${n}`,
  link: linkKeyOf(`made-up-${n}`),
  room: from,
  at: '2026-04-01T08:00:00.000Z',
  kind: 'invitation',
  occurrenceKey: `made-up-${n}`,
  title: 'Nobody asked for this',
  start: new Date(startAt).toISOString(),
  end: new Date(startAt + minutes * 60_000).toISOString(),
  confidentiality: 'normal',
  rooms: [from, 'hq/aurora'],
});

it('reports five refused invitations a minute from one room, and the rest in the next report', async () => {
  const aurora = linkedRoomFixture('hq/aurora', 'Aurora', fixtures, { acceptFrom: ['hq/*'] });
  const refusals: RoomEventEnvelope[] = [];
  aurora.ctx.bus.on('event', (e) => e.event.type === 'link.refused' && refusals.push(e));
  for (let n = 1; n <= 100; n++) aurora.rooms.invited(invitation(n, 'sz/thief'));
  expect(refusals).toHaveLength(5);
  await aurora.fx.advance(60_000);
  aurora.rooms.invited(invitation(101, 'sz/thief'));
  expect(refusals).toHaveLength(6);
  expect(aurora.ctx.meetings.between('2026-01-01T00:00:00.000Z', '2030-01-01T00:00:00.000Z', ['booked'])).toEqual([]);
});

it(`books at most a day per invitation and ${INVITED_BOOKINGS.upcoming} linked meetings to come`, () => {
  const aurora = linkedRoomFixture('hq/aurora', 'Aurora', fixtures);
  const booked = () => aurora.ctx.meetings.between('2026-01-01T00:00:00.000Z', '2030-01-01T00:00:00.000Z', ['booked']).length;
  const later = START + 1000 * 3600_000; // after the hourly ones below
  aurora.rooms.invited(invitation(0, 'hq/thief', INVITED_BOOKINGS.maxMinutes + 1, later));
  aurora.rooms.invited(invitation(0, 'hq/thief', -30));
  expect(booked()).toBe(0);
  aurora.rooms.invited(invitation(0, 'hq/thief', INVITED_BOOKINGS.maxMinutes, later));
  expect(booked()).toBe(1);
  for (let n = 1; n <= INVITED_BOOKINGS.upcoming; n++) aurora.rooms.invited(invitation(n, 'hq/thief'));
  expect(booked()).toBe(INVITED_BOOKINGS.upcoming);
});
