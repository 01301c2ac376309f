import { afterEach, expect, it } from 'vitest';
import { book, checkIn } from './meeting-lifecycle.js';
import { roomFixture, type RoomFixture } from './testing/room-fixture.js';

let fx: RoomFixture;
afterEach(() => fx.close());

it('the check-in window opens 10 min before the start and the room turns booked; it closes when the booking ends', async () => {
  fx = roomFixture({ start: '2026-04-01T08:00:00.000Z' });
  const m = book(fx.room.ctx, {
    start: '2026-04-01T08:30:00.000Z',
    minutes: 30,
    title: 'Design review',
    attendees: [{ email: 'bob@example.com', required: true }],
  });
  expect(fx.room.roomState().state).toBe('idle');
  expect(() => checkIn(fx.room.ctx, m.id, { email: 'bob@example.com' }, 'tap')).toThrow(expect.objectContaining({ code: 'ROOMCTL_E_CHECKIN_CLOSED' }));

  await fx.advanceTo('2026-04-01T08:19:55.000Z');
  expect(fx.room.roomState().state).toBe('idle');
  await fx.advance(5_000);
  expect(fx.room.roomState()).toMatchObject({ state: 'booked', current: { id: m.id } });
  expect(fx.messages.some((msg) => msg.notice?.kind === 'checkin-open' && msg.notice.meetingId === m.id)).toBe(true);
  expect(checkIn(fx.room.ctx, m.id, { email: 'bob@example.com' }, 'tap')).toMatchObject({
    invited: true,
    checkIn: { method: 'tap', at: '2026-04-01T08:20:00.000Z' },
  });

  // Nobody starts it; people were there, so it ends at end + grace instead of being released.
  await fx.advanceTo('2026-04-01T09:05:00.000Z');
  expect(fx.room.ctx.meetings.get(m.id)!.status).toBe('ended');
  expect(fx.room.roomState().state).toBe('idle');
  expect(() => checkIn(fx.room.ctx, m.id, { email: 'bob@example.com' }, 'tap')).toThrow(expect.objectContaining({ code: 'ROOMCTL_E_CHECKIN_CLOSED' }));
});
