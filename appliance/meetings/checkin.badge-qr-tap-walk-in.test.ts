import { afterEach, expect, it } from 'vitest';
import { attendanceOf } from './attendance.js';
import { book, checkIn, start } from './meeting-lifecycle.js';
import { badgeCheckIn } from './checkin-service.js';
import { roomFixture, type RoomFixture } from './testing/room-fixture.js';

let fx: RoomFixture;
afterEach(() => fx.close());

it('people check in by badge, QR, tap on their name or as walk-ins; attendance says on time, late or absent', async () => {
  fx = roomFixture({ start: '2026-04-01T08:55:00.000Z' });
  const ctx = fx.room.ctx;
  const m = book(ctx, {
    start: '2026-04-01T09:00:00.000Z',
    minutes: 60,
    title: 'Board',
    attendees: [
      { name: 'Bob', email: 'bob@example.com', badge: '0004211', required: true },
      { name: 'Carol', email: 'carol@example.com', required: true },
      { name: 'Dan', email: 'dan@example.com', required: false },
      { name: 'Eve', email: 'eve@example.com', required: true },
    ],
  });
  expect(badgeCheckIn(ctx, fx.room.roomState(), '0004211')).toMatchObject({ invited: true, checkIn: { method: 'badge', email: 'bob@example.com' } });
  expect(checkIn(ctx, m.id, { email: 'CAROL@example.com' }, 'qr').checkIn.method).toBe('qr');
  expect(() => checkIn(ctx, m.id, { name: 'Mallory' }, 'tap')).toThrow(expect.objectContaining({ code: 'ROOMCTL_E_BAD_REQUEST' }));
  expect(checkIn(ctx, m.id, { name: 'Frank', walkIn: true }, 'tap')).toMatchObject({ invited: false, checkIn: { method: 'walk_in', walkIn: true } });
  // An unknown badge is somebody in the room: a walk-in.
  expect(badgeCheckIn(ctx, fx.room.roomState(), '999')).toMatchObject({ invited: false, checkIn: { badge: '999', walkIn: true } });
  start(ctx, m.id);
  await fx.advanceTo('2026-04-01T09:06:00.000Z'); // later than start + 5 min
  checkIn(ctx, m.id, { name: 'dan' }, 'tap');

  const attendance = attendanceOf(ctx.meetings.get(m.id)!, ctx.checkIns.list(m.id), ctx.rules.lateAfterMinutes);
  expect(attendance.map((a) => [a.name ?? a.badge, a.status, a.invited])).toEqual([
    ['Bob', 'on_time', true],
    ['Carol', 'on_time', true],
    ['Dan', 'late', true],
    ['Eve', 'absent', true],
    ['999', 'on_time', false],
    ['Frank', 'on_time', false],
  ]);
  expect(fx.messages.filter((msg) => msg.notice?.kind === 'checked-in').map((msg) => (msg.notice as { name: string }).name)).toEqual([
    'Bob',
    'Carol',
    'Frank',
    'badge 999',
    'Dan',
  ]);
});

it('a badge with no meeting open is refused with a coded error', async () => {
  fx = roomFixture({ start: '2026-04-01T08:00:00.000Z' });
  expect(() => badgeCheckIn(fx.room.ctx, fx.room.roomState(), '0004211')).toThrow(expect.objectContaining({ code: 'ROOMCTL_E_CHECKIN_CLOSED' }));
});
