import { afterEach, expect, it } from 'vitest';
import { book, end, start } from '../meetings/meeting-lifecycle.js';
import type { RoomFixture } from '../meetings/testing/room-fixture.js';
import { invitedOccurrenceKey, linkKeyOf } from './link-key.js';
import { linkedRoomFixture } from './testing/linked-room-fixture.js';

const fixtures: RoomFixture[] = [];
afterEach(async () => {
  for (const fx of fixtures.splice(0)) await fx.close();
});

/**
 * Whom a room's mail of a kind went to, in all (the organiser's minutes come alone, with the link
 * that amends them). Queued, not delivered: nothing listens on the discard port, and the room's
 * outbox says whom each mail is for.
 */
const MAIL = { email: { host: '127.0.0.1', port: 9, from: 'room@example.com' } };
const EVERYONE = ['alice@example.com', 'bob@example.com', 'carol@example.com'];
type Room = ReturnType<typeof linkedRoomFixture>;
const mailOf = (room: Room, kind: 'reminder' | 'minutes') =>
  room.fx.room.outbox
    .list()
    .filter((e) => e.message.kind === kind && e.channel === 'email')
    .flatMap((e) => e.recipients)
    .sort();

/**
 * Aurora books a meeting with Alice (organiser), Bob and Carol, links Hudson (another site, which
 * takes Aurora's invitations and books it from the invitation), and hands Hudson the time. Hudson
 * holds none of the invite's people in its calendar: the invitation carried them. Hudson reminds
 * all three before the start and, once it has ended the meeting, sends them the minutes — as
 * Aurora would have; Aurora sends neither.
 */
it('a room an invitation brought in, handed the time, reminds the whole meeting and sends it the minutes; the organiser room sends neither', async () => {
  const aurora = linkedRoomFixture('hq/aurora', 'Aurora', fixtures, { notifications: MAIL });
  const hudson = linkedRoomFixture('ny/hudson', 'Hudson', fixtures, { acceptFrom: ['hq/aurora'], notifications: MAIL });
  const exchange = () => {
    for (const room of [aurora, hudson]) room.rooms.sync();
    const [fromAurora, fromHudson] = [aurora.sent(), hudson.sent()];
    for (const r of fromAurora) hudson.rooms.receive(r);
    for (const r of fromHudson) aurora.rooms.receive(r);
  };
  const later = async (ms: number) => {
    await Promise.all([aurora.fx.advance(ms), hudson.fx.advance(ms)]);
    exchange();
  };
  const m = book(aurora.ctx, {
    start: '2026-04-01T09:00:00.000Z',
    minutes: 30,
    title: 'Board',
    organiser: { name: 'Alice', email: 'alice@example.com' },
    attendees: [
      { name: 'Bob', email: 'bob@example.com', required: true },
      { name: 'Carol', email: 'carol@example.com', required: false },
    ],
  });
  aurora.rooms.link(m.id, ['ny/hudson']);
  for (const { invitation } of aurora.invitationsSent()) hudson.rooms.invited(invitation);
  const inHudson = hudson.ctx.meetings.byOccurrence(invitedOccurrenceKey(linkKeyOf(m.occurrenceKey)))!.id;
  // A second on: the hand-over comes after Aurora's claim of the time, by (at, id), in every room.
  await later(1000);
  aurora.rooms.handOver(m.id, 'ny/hudson');
  exchange();

  // Both rooms have heard each other long before the reminder is due (08:45).
  for (let minute = 0; minute < 50; minute += 5) await later(5 * 60_000);
  expect(mailOf(hudson, 'reminder')).toEqual(EVERYONE);
  expect(mailOf(aurora, 'reminder')).toEqual([]);

  await later(10 * 60_000);
  start(hudson.ctx, inHudson);
  exchange();
  expect(aurora.ctx.meetings.get(m.id)?.status).toBe('in_progress');
  await later(60_000);
  end(hudson.ctx, inHudson);
  exchange();
  await later(60_000);
  expect(mailOf(hudson, 'minutes')).toEqual(EVERYONE);
  expect(mailOf(aurora, 'minutes')).toEqual([]);
});
