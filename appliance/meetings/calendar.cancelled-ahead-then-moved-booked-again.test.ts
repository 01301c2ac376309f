/**
 * A booking freed on the panel before its check-in opened gave up that time. The organiser then
 * edits the invite in the calendar: a new title leaves the room free; a new time is the meeting
 * still wanted, so the room is booked again at it — with its own reminder, though the old time's
 * had already gone out. A booking still booked and moved gets the same: what is timed from its
 * start comes again for the new start, and nothing twice for one start.
 */
import { afterEach, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../schedule/testing/feed-server.js';
import { calendarOf } from '../schedule/testing/ics-text.js';
import { checkIn, release } from './meeting-lifecycle.js';
import { roomFixture, type RoomFixture } from './testing/room-fixture.js';

let server: FeedServer;
let fx: RoomFixture;
afterEach(async () => {
  await fx.close();
  await server.close();
});

/** A room at 09:00 on 1 April, a minute per tick, reading the feed server's calendar when told (and mailing nowhere). */
const roomReadingTheFeed = (meetings: Record<string, number>) =>
  roomFixture({
    start: '2026-04-01T09:00:00.000Z',
    tickMs: 60_000,
    notifyPollMs: 3_600_000,
    meetings,
    notifications: { email: { host: '127.0.0.1', port: 9, from: 'aurora@example.com' } },
    calendar: { url: `${server.url}/room.ics`, refreshMinutes: 600 },
  });

const invite = (summary: string, start: string, end: string) =>
  calendarOf([['UID:design@example.com', `DTSTART:${start}`, `DTEND:${end}`, `SUMMARY:${summary}`, 'ORGANIZER:mailto:alice@example.com']]);

it('a booking cancelled ahead of time stays free when only its title changes, and is booked again when its invite moves to another time', async () => {
  server = await startFeedServer();
  server.routes.set('/room.ics', { body: invite('Design review', '20260401T100000Z', '20260401T110000Z') });
  fx = roomReadingTheFeed({ reminderMinutes: 15, checkInOpensMinutes: 10 });
  const { ctx } = fx.room;
  await fx.room.calendar.refresh();
  const booking = () => ctx.meetings.byOccurrence('design@example.com')!;
  const reminders = () => fx.room.outbox.list().filter((e) => e.kind === 'reminder' && e.meetingId === booking().id);

  // The reminder went out at 09:45; at 09:47, before check-in opens at 09:50, the room is given back.
  await fx.advanceTo('2026-04-01T09:47:00.000Z');
  expect(reminders()).toHaveLength(1);
  release(ctx, booking().id, 'panel');
  expect(booking()).toMatchObject({ status: 'released', releasedBy: 'ahead-of-time' });

  // The same time under another title: still the time given up.
  server.routes.set('/room.ics', { body: invite('Design review (cancelled?)', '20260401T100000Z', '20260401T110000Z') });
  expect(await fx.room.calendar.refresh()).toEqual({ added: 0, updated: 0, cancelled: 0 });
  expect(booking()).toMatchObject({ status: 'released', releasedBy: 'ahead-of-time', title: 'Design review' });

  // Moved to 14:00: the organiser still meets, then. Booked again, the release forgotten.
  server.routes.set('/room.ics', { body: invite('Design review', '20260401T140000Z', '20260401T150000Z') });
  expect(await fx.room.calendar.refresh()).toEqual({ added: 0, updated: 1, cancelled: 0 });
  expect(booking()).toMatchObject({
    status: 'booked',
    start: '2026-04-01T14:00:00.000Z',
    releasedAt: null,
    releasedBy: null,
    releasedVia: null,
  });
  // The new time has its own reminder, and its check-in and release as any booking.
  await fx.advanceTo('2026-04-01T13:46:00.000Z');
  expect(reminders()).toHaveLength(2);
  await fx.advanceTo('2026-04-01T14:11:00.000Z');
  expect(booking()).toMatchObject({ status: 'released', releasedBy: 'no-check-in' });
});

const invited = (start: string, end: string) =>
  calendarOf([
    [
      'UID:planning@example.com',
      `DTSTART:${start}`,
      `DTEND:${end}`,
      'SUMMARY:Planning',
      'ORGANIZER:mailto:alice@example.com',
      'ATTENDEE;ROLE=REQ-PARTICIPANT:mailto:bob@example.com',
    ],
  ]);

it('a booking moved to another start gets its reminder, self-test and check-in call again; moved back, or only its end, nothing twice; a roll call made stays made', async () => {
  server = await startFeedServer();
  const feed = async (start: string, end: string) => {
    server.routes.set('/room.ics', { body: invited(start, end) });
    return fx.room.calendar.refresh();
  };
  fx = roomReadingTheFeed({ reminderMinutes: 15, selfTestMinutes: 10, checkInOpensMinutes: 10 });
  const booking = () => fx.room.ctx.meetings.byOccurrence('planning@example.com')!;
  const sent = (kind: 'reminder' | 'nudge') =>
    fx.room.outbox
      .list()
      .filter((e) => e.kind === kind && e.meetingId === booking().id)
      .sort((a, b) => a.id - b.id);
  // What went out for the booking so far: reminders, self-tests, check-in calls on the panel, roll-call nudges.
  const sofar = () => ({
    reminders: sent('reminder').length,
    selfTests: fx.eventsOf('selftest.result').filter((e) => e.meetingId === booking().id).length,
    checkInCalls: fx.messages.filter((msg) => msg.notice?.kind === 'checkin-open' && msg.notice.meetingId === booking().id).length,
    nudges: sent('nudge').length,
  });
  await feed('20260401T100000Z', '20260401T110000Z');

  // 10:00 (12:00 in Berlin): the reminder at 09:45, the self-test and the check-in call at 09:50.
  await fx.advanceTo('2026-04-01T09:51:00.000Z');
  expect(sofar()).toEqual({ reminders: 1, selfTests: 1, checkInCalls: 1, nudges: 0 });
  // Only the end moves: the start's steps were for this start, done.
  expect(await feed('20260401T100000Z', '20260401T113000Z')).toMatchObject({ updated: 1 });
  await fx.advanceTo('2026-04-01T09:52:00.000Z');
  expect(sofar()).toEqual({ reminders: 1, selfTests: 1, checkInCalls: 1, nudges: 0 });
  // Moved to 15:00, then back to 10:00 before the next read: 10:00's reminder went out already.
  expect(await feed('20260401T150000Z', '20260401T160000Z')).toMatchObject({ updated: 1 });
  await fx.advanceTo('2026-04-01T09:53:00.000Z');
  expect(await feed('20260401T100000Z', '20260401T110000Z')).toMatchObject({ updated: 1 });
  await fx.advanceTo('2026-04-01T09:55:00.000Z');
  expect(sofar()).toEqual({ reminders: 1, selfTests: 1, checkInCalls: 1, nudges: 0 });

  // Moved to 15:00 for good: the reminder before 15:00 names 17:00 Berlin time, and the room checks itself again.
  expect(await feed('20260401T150000Z', '20260401T160000Z')).toMatchObject({ updated: 1 });
  await fx.advanceTo('2026-04-01T14:51:00.000Z');
  expect(sofar()).toEqual({ reminders: 2, selfTests: 2, checkInCalls: 2, nudges: 0 });
  expect(sent('reminder')[1]!.message.text).toContain('Planning starts at 17:00 in Aurora (17:00–18:00).');

  // At 15:00 Bob, required, is not there: nudged. Moved after it began, to 17:00: a new reminder, no second roll call.
  await fx.advanceTo('2026-04-01T15:01:00.000Z');
  expect(sofar()).toEqual({ reminders: 2, selfTests: 2, checkInCalls: 2, nudges: 1 });
  expect(await feed('20260401T170000Z', '20260401T180000Z')).toMatchObject({ updated: 1 });
  await fx.advanceTo('2026-04-01T17:01:00.000Z');
  expect(sofar()).toEqual({ reminders: 3, selfTests: 3, checkInCalls: 3, nudges: 1 });
});

const twoInvites = (planning: [string, string], retro: [string, string]) =>
  calendarOf(
    [
      ['planning@example.com', 'Planning', 'bob@example.com', planning],
      ['retro@example.com', 'Retro', 'carol@example.com', retro],
    ].map(([uid, summary, attendee, [start, end]]) => [
      `UID:${uid}`,
      `DTSTART:${start}`,
      `DTEND:${end}`,
      `SUMMARY:${summary}`,
      'ORGANIZER:mailto:alice@example.com',
      `ATTENDEE;ROLE=REQ-PARTICIPANT:mailto:${attendee}`,
    ]),
  );

it('a check-in belongs to the start it was made for: moved before the start, nobody is present at the new time; moved after it began, those there stay', async () => {
  server = await startFeedServer();
  let planning: [string, string] = ['20260401T100000Z', '20260401T110000Z'];
  let retro: [string, string] = ['20260401T120000Z', '20260401T130000Z'];
  const feed = async () => {
    server.routes.set('/room.ics', { body: twoInvites(planning, retro) });
    return fx.room.calendar.refresh();
  };
  fx = roomReadingTheFeed({ reminderMinutes: 15, checkInOpensMinutes: 10, autoReleaseMinutes: 10 });
  const { ctx } = fx.room;
  const booking = (uid: string) => ctx.meetings.byOccurrence(uid)!;
  const present = (uid: string) => ctx.checkIns.list(booking(uid).id).map((c) => c.email);
  const nudged = (email: string) => fx.room.outbox.list().filter((e) => e.kind === 'nudge' && e.recipients.includes(email)).length;
  await feed();

  // Bob checks in at 09:55 for 10:00. Moved to 10:05, whose check-in has opened at 09:55: he is in it.
  await fx.advanceTo('2026-04-01T09:55:00.000Z');
  checkIn(ctx, booking('planning@example.com').id, { email: 'bob@example.com' }, 'tap');
  planning = ['20260401T100500Z', '20260401T110500Z'];
  await feed();
  expect(present('planning@example.com')).toEqual(['bob@example.com']);
  // Moved to 14:00 and back before the start: still there.
  planning = ['20260401T140000Z', '20260401T150000Z'];
  await feed();
  expect(present('planning@example.com')).toEqual([]);
  planning = ['20260401T100000Z', '20260401T110000Z'];
  await feed();
  expect(present('planning@example.com')).toEqual(['bob@example.com']);

  // Moved to 15:00 for good: his check-in was for 10:00. It stays on record, set aside under 10:00.
  await fx.advanceTo('2026-04-01T09:56:00.000Z');
  planning = ['20260401T150000Z', '20260401T160000Z'];
  await feed();
  expect(present('planning@example.com')).toEqual([]);
  expect(ctx.db.prepare('SELECT person_key, at, set_aside_for FROM checkins WHERE meeting_id = ?').all(booking('planning@example.com').id)).toEqual([
    { person_key: 'email:bob@example.com', at: '2026-04-01T09:55:00.000Z', set_aside_for: '2026-04-01T10:00:00.000Z' },
  ]);

  // Carol checks in at 11:55 for the retro at 12:00; at 12:02 the retro has begun, and moves to 16:00, then to 17:00.
  await fx.advanceTo('2026-04-01T11:55:00.000Z');
  checkIn(ctx, booking('retro@example.com').id, { email: 'carol@example.com' }, 'qr');
  await fx.advanceTo('2026-04-01T12:02:00.000Z');
  retro = ['20260401T160000Z', '20260401T170000Z'];
  await feed();
  await fx.advanceTo('2026-04-01T12:03:00.000Z');
  retro = ['20260401T170000Z', '20260401T180000Z'];
  await feed();
  expect(present('retro@example.com')).toEqual(['carol@example.com']);

  // 15:00: Bob is not there, so the roll call nudges him, and at 15:10 the planning is released: nobody checked in.
  await fx.advanceTo('2026-04-01T15:11:00.000Z');
  expect(nudged('bob@example.com')).toBe(1);
  expect(booking('planning@example.com')).toMatchObject({ status: 'released', releasedBy: 'no-check-in' });
  // 17:11: Carol is still in the retro; it is not released, and nobody nudges her.
  await fx.advanceTo('2026-04-01T17:11:00.000Z');
  expect(booking('retro@example.com')).toMatchObject({ status: 'booked' });
  expect(nudged('carol@example.com')).toBe(0);
});
