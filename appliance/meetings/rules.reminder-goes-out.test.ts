import { expect, it } from 'vitest';
import { waitFor } from '../../tests/helpers/test-room.js';
import { book } from './meeting-lifecycle.js';
import { useMailingRoom } from './testing/mailing-room.js';

const mailingRoom = useMailingRoom();

it('15 min before the start the invitees get a reminder by email and the team chat gets one too, once', async () => {
  const { fx, smtp, chat } = await mailingRoom({
    start: '2026-04-01T08:00:00.000Z',
    webhooks: (url) => [{ id: 'team', format: 'wecom', url: `${url}/send?key=k` }],
    chatReply: { status: 200, body: '{"errcode":0,"errmsg":"ok"}' },
  });
  book(fx.room.ctx, {
    start: '2026-04-01T09:00:00.000Z',
    minutes: 30,
    title: 'Sprint review',
    organiser: { name: 'Alice', email: 'alice@example.com' },
    attendees: [
      { name: 'Bob', email: 'bob@example.com', required: true },
      { name: 'Carol', email: 'carol@example.com', required: false },
    ],
  });
  await fx.advanceTo('2026-04-01T08:44:55.000Z');
  expect(fx.room.outbox.list()).toHaveLength(0);
  await fx.advance(5_000);
  await waitFor(() => smtp.messages.length === 1 && chat.requests.length === 1, 8000, 'reminders');
  expect(smtp.messages[0]!.to).toEqual(['alice@example.com', 'bob@example.com', 'carol@example.com']);
  expect(smtp.messages[0]!.data).toMatch(/^Subject: Reminder: Sprint review in 15 min \(Aurora\)$/m);
  // 09:00 UTC is 11:00 in Berlin (CEST): people read the room's local time.
  expect(smtp.messages[0]!.data).toContain('starts at 11:00 in Aurora');
  expect(smtp.messages[0]!.data).toContain('http://room.example:8080/meeting/');
  expect(chat.requests[0]!.json).toMatchObject({
    msgtype: 'markdown',
    markdown: { content: expect.stringContaining('**Reminder: Sprint review in 15 min (Aurora)**') },
  });

  await fx.advance(10 * 60_000);
  expect(fx.room.outbox.list({ status: 'sent' })).toHaveLength(2);
  expect(fx.room.outbox.list()).toHaveLength(2);
});
