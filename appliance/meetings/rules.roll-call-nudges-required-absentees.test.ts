import { expect, it } from 'vitest';
import { waitFor } from '../../tests/helpers/test-room.js';
import { book, checkIn } from './meeting-lifecycle.js';
import { useMailingRoom } from './testing/mailing-room.js';

const mailingRoom = useMailingRoom();

it('at the start, required invitees who have not checked in get a nudge; optional ones and those present do not', async () => {
  const { fx, smtp } = await mailingRoom({
    start: '2026-04-01T08:00:00.000Z',
    meetings: { reminderMinutes: 0 },
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
