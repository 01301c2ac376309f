import { expect, it } from 'vitest';
import { waitFor } from '../../tests/helpers/test-room.js';
import { book } from './meeting-lifecycle.js';
import { useMailingRoom } from './testing/mailing-room.js';

const mailingRoom = useMailingRoom();

it('a booking nobody checks in to is released 10 min after its start and the organiser is told by email', async () => {
  const { fx, smtp } = await mailingRoom({
    start: '2026-04-01T08:00:00.000Z',
    meetings: { reminderMinutes: 0 },
  });
  const m = book(fx.room.ctx, { start: '2026-04-01T08:30:00.000Z', minutes: 60, title: 'Budget', organiser: { name: 'Alice', email: 'alice@example.com' } });

  await fx.advanceTo('2026-04-01T08:39:55.000Z');
  expect(fx.room.ctx.meetings.get(m.id)!.status).toBe('booked');
  await fx.advance(5_000);
  expect(fx.room.ctx.meetings.get(m.id)).toMatchObject({ status: 'released', releasedAt: '2026-04-01T08:40:00.000Z' });
  expect(fx.room.roomState().state).toBe('idle');
  expect(fx.messages.at(-1)!.now.bookNowMinutes).toEqual([15, 30, 60]);

  await waitFor(() => smtp.messages.find((mail) => mail.to.includes('alice@example.com')), 8000, 'release email');
  const mail = smtp.messages.find((x) => x.to.includes('alice@example.com'))!;
  expect(mail.data).toMatch(/^Subject: Aurora released: nobody checked in to Budget$/m);
  expect(mail.data).toContain('within 10 min of the start (10:30)');
});
