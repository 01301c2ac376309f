import { afterEach, expect, it } from 'vitest';
import { book, checkIn, start } from './meeting-lifecycle.js';
import { roomFixture, type RoomFixture } from './testing/room-fixture.js';

let fx: RoomFixture;
afterEach(() => fx.close());

it('with startOnFirstCheckIn the first check-in starts the meeting and its first agenda item', async () => {
  fx = roomFixture({ start: '2026-04-01T08:55:00.000Z', meetings: { startOnFirstCheckIn: true } });
  const m = book(fx.room.ctx, { start: '2026-04-01T09:00:00.000Z', minutes: 30, title: 'Kick-off', agenda: [{ title: 'Intro', minutes: 5 }] });
  checkIn(fx.room.ctx, m.id, { name: 'Ann', walkIn: true }, 'tap');
  expect(fx.room.ctx.meetings.get(m.id)).toMatchObject({ status: 'in_progress', startedAt: '2026-04-01T08:55:00.000Z' });
  expect(fx.room.roomState().state).toBe('in_meeting');
  expect(fx.room.ctx.agenda.list(m.id)[0]!.startedAt).toBe('2026-04-01T08:55:00.000Z');
  expect(fx.eventsOf('meeting.started')).toEqual([{ type: 'meeting.started', meetingId: m.id, title: 'Kick-off' }]);
});

it('without it, a check-in leaves the meeting booked until one touch starts it; a second start is refused', async () => {
  fx = roomFixture({ start: '2026-04-01T08:55:00.000Z' });
  const m = book(fx.room.ctx, { start: '2026-04-01T09:00:00.000Z', minutes: 30, title: 'Kick-off', confidentiality: 'confidential' });
  checkIn(fx.room.ctx, m.id, { name: 'Ann', walkIn: true }, 'tap');
  expect(fx.room.ctx.meetings.get(m.id)!.status).toBe('booked');
  start(fx.room.ctx, m.id);
  expect(() => start(fx.room.ctx, m.id)).toThrow(expect.objectContaining({ code: 'ROOMCTL_E_MEETING_STATE' }));
  // Confidential: the bus (and so MQTT) never carries the title.
  expect(fx.eventsOf('meeting.started')).toEqual([{ type: 'meeting.started', meetingId: m.id, confidential: true }]);
});
