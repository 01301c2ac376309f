import ICAL from 'ical.js';
import { expect, it } from 'vitest';
import { waitFor } from '../../tests/helpers/test-room.js';
import { mailPart } from '../notify/testing/smtp-recorder.js';
import { book, end, start } from './meeting-lifecycle.js';
import { addActionItem, addEntry, readMinutes } from './minutes-actions.js';
import { useMailingRoom } from './testing/mailing-room.js';

const mailingRoom = useMailingRoom();

it('a Shanghai room: minutes in Shanghai time, an HTML part, Auto-Submitted, the organiser on each VTODO, and no meeting code in the group chat', async () => {
  const { fx, smtp, chat } = await mailingRoom({
    start: '2026-04-01T01:40:00.000Z',
    timezone: 'Asia/Shanghai',
    meetings: { reminderMinutes: 15, publicUrl: 'https://rooms.example.com' },
    webhooks: (url) => [{ id: 'team', format: 'slack', url: `${url}/slack` }],
    chatReply: { status: 200, body: 'ok', contentType: 'text/plain' },
  });
  const ctx = fx.room.ctx;
  const m = book(ctx, {
    start: '2026-04-01T02:00:00.000Z',
    minutes: 30,
    title: 'Budget review',
    organiser: { name: 'Alice', email: 'alice@example.com' },
    attendees: [{ name: 'Bob', email: 'bob@example.com', required: true }],
  });
  await fx.advanceTo('2026-04-01T01:46:00.000Z');
  await waitFor(() => chat.requests.length >= 1, 8000, 'the group reminder');
  // 10:00 in Shanghai is 02:00Z; the group's reminder carries no link with the meeting's code.
  expect(chat.requests[0]!.body).toContain('10:00');
  expect(chat.requests[0]!.body).not.toContain(m.code);

  await fx.advanceTo('2026-04-01T02:00:00.000Z');
  start(ctx, m.id);
  const panel = { via: 'token' as const };
  addEntry(ctx, m.id, 'decision', 'Approve the <b>Q2</b> budget', undefined, panel);
  addActionItem(ctx, m.id, { text: 'Send the budget', owner: 'Bob', ownerEmail: 'bob@example.com', deadline: '2026-04-08T09:00:00.000Z' }, panel);
  await fx.advance(20 * 60_000);
  end(ctx, m.id);

  const isMinutes = (data: string) => /^Subject: Minutes: Budget review$/m.test(data);
  await waitFor(() => smtp.messages.some((x) => isMinutes(x.data)), 8000, 'minutes by email');
  const mail = smtp.messages.find((x) => isMinutes(x.data))!.data;
  expect(mail).toMatch(/^Auto-Submitted: auto-generated$/m);
  const html = mailPart(mail, 'text/html');
  expect(html).toContain('<h2>Decisions</h2>');
  // The HTML part escapes what people typed.
  expect(html).toContain('Approve the &lt;b&gt;Q2&lt;/b&gt; budget');
  expect(html).not.toContain('<b>Q2</b>');

  const { markdown, ics } = readMinutes(ctx, m.id, panel);
  expect(markdown).toContain('booked 2026-04-01 10:00–10:30 · held 10:00–10:20 (Asia/Shanghai time)');
  expect(markdown).not.toContain('UTC');
  const todo = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vtodo')!;
  expect(todo.getFirstPropertyValue('organizer')).toBe('mailto:alice@example.com');
  expect(todo.getFirstProperty('organizer')!.getParameter('cn')).toBe('Alice');

  await waitFor(() => chat.requests.some((r) => r.body.includes('Minutes: Budget review')), 8000, 'minutes in the group chat');
  for (const r of chat.requests) expect(r.body).not.toContain(m.code);
});
