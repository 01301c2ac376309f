import { afterEach, expect, it } from 'vitest';
import { book, extend, start } from './meeting-lifecycle.js';
import { roomFixture, type RoomFixture } from './testing/room-fixture.js';

let fx: RoomFixture;
afterEach(() => fx.close());

it('warns 5 and 1 min before the end, warns again after an extension, refuses to extend into the next booking, and ends at end + grace', async () => {
  fx = roomFixture({ start: '2026-04-01T08:00:00.000Z' });
  const m = book(fx.room.ctx, { minutes: 30, title: 'Retro' });
  book(fx.room.ctx, { start: '2026-04-01T08:45:00.000Z', minutes: 30, title: 'Next team' });
  start(fx.room.ctx, m.id);
  const warnings = () => fx.messages.flatMap((msg) => (msg.notice?.kind === 'end-warning' ? [msg.notice.minutesLeft] : []));

  await fx.advanceTo('2026-04-01T08:25:00.000Z');
  expect(warnings()).toEqual([5]);
  await fx.advanceTo('2026-04-01T08:29:00.000Z');
  expect(warnings()).toEqual([5, 1]);

  expect(() => extend(fx.room.ctx, m.id, 30)).toThrow(expect.objectContaining({ code: 'ROOMCTL_E_BOOKING_CONFLICT' }));
  expect(extend(fx.room.ctx, m.id, 15).end).toBe('2026-04-01T08:45:00.000Z');
  await fx.advanceTo('2026-04-01T08:40:00.000Z');
  expect(warnings()).toEqual([5, 1, 5]);

  await fx.advanceTo('2026-04-01T08:49:55.000Z');
  expect(fx.room.ctx.meetings.get(m.id)!.status).toBe('in_progress');
  await fx.advance(5_000);
  expect(fx.room.ctx.meetings.get(m.id)).toMatchObject({ status: 'ended', endedAt: '2026-04-01T08:50:00.000Z' });
  expect(fx.eventsOf('meeting.ended')).toEqual([{ type: 'meeting.ended', meetingId: m.id, title: 'Retro' }]);
});
