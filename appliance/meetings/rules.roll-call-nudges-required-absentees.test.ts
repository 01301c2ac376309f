import { afterEach, expect, it } from 'vitest';
import { waitFor } from '../../tests/helpers/test-room.js';
import { startSmtpRecorder, type SmtpRecorder } from '../notify/testing/smtp-recorder.js';
import { book, checkIn } from './meeting-lifecycle.js';
import { roomFixture, type RoomFixture } from './testing/room-fixture.js';

let fx: RoomFixture;
let smtp: SmtpRecorder;
afterEach(async () => {
  await fx.close();
  await smtp.close();
});

it('at the start, required invitees who have not checked in get a nudge; optional ones and those present do not', async () => {
  smtp = await startSmtpRecorder();
  fx = roomFixture({
    start: '2026-04-01T08:00:00.000Z',
    meetings: { reminderMinutes: 0 },
    notifications: { email: { host: '127.0.0.1', port: smtp.port, from: 'aurora@example.com' } },
  });
  const m = book(fx.room.ctx, {
    start: '2026-04-01T08:10:00.000Z',
    minutes: 30,
    title: 'Ops sync',
    attendees: [
      { name: 'Bob', email: 'bob@example.com', badge: 'B-1', required: true },
      { name: 'Dan', email: 'dan@example.com', required: true },
      { name: 'Carol', email: 'carol@example.com', required: false },
    ],
  });
  await fx.advanceTo('2026-04-01T08:05:00.000Z');
  checkIn(fx.room.ctx, m.id, { badge: 'B-1' }, 'badge');
  await fx.advanceTo('2026-04-01T08:09:55.000Z');
  expect(smtp.messages).toHaveLength(0);
  await fx.advance(5_000);
  await waitFor(() => smtp.messages.length === 1, 8000, 'the nudge');
  await fx.advance(60_000);
  expect(smtp.messages).toHaveLength(1);
  expect(smtp.messages[0]!.to).toEqual(['dan@example.com']);
  expect(smtp.messages[0]!.data).toContain('Dan, the meeting started at 10:10 and you have not checked in.');
});
