import ICAL from 'ical.js';
import { expect, it } from 'vitest';
import { waitFor } from '../../tests/helpers/test-room.js';
import { advanceAgenda } from './agenda-service.js';
import { book, checkIn, end, start } from './meeting-lifecycle.js';
import { addActionItem, addEntry, readMinutes } from './minutes-actions.js';
import { useMailingRoom } from './testing/mailing-room.js';

const mailingRoom = useMailingRoom();

it('at the end the minutes (attendance, agenda with actual times, decisions, action items) go to attendees and absentees, with Markdown, JSON and VTODO files', async () => {
  const { fx, smtp, chat } = await mailingRoom({
    start: '2026-04-01T08:58:00.000Z',
    meetings: { reminderMinutes: 0 },
    webhooks: (url) => [{ id: 'team', format: 'slack', url: `${url}/slack`, kinds: ['minutes'] }],
  });
  const ctx = fx.room.ctx;
  const m = book(ctx, {
    start: '2026-04-01T09:00:00.000Z',
    minutes: 30,
    title: 'Budget review',
    organiser: { name: 'Alice', email: 'alice@example.com' },
    attendees: [
      { name: 'Bob', email: 'bob@example.com', required: true },
      { name: 'Eve', email: 'eve@example.com', required: true },
    ],
    agenda: [
      { title: 'Numbers', owner: 'Bob', minutes: 10 },
      { title: 'Decisions', minutes: 10 },
    ],
  });
  checkIn(ctx, m.id, { email: 'bob@example.com' }, 'tap');
  await fx.advanceTo('2026-04-01T09:00:00.000Z');
  start(ctx, m.id);
  const panel = { via: 'token' as const };
  addEntry(ctx, m.id, 'note', 'Q1 spend was 4 % under plan', 'Bob', panel);
  await fx.advance(12 * 60_000);
  advanceAgenda(ctx, m.id);
  addEntry(ctx, m.id, 'decision', 'Approve the Q2 budget', undefined, panel);
  addActionItem(
    ctx,
    m.id,
    { text: 'Send the signed budget to finance', owner: 'Bob', ownerEmail: 'bob@example.com', deadline: '2026-04-08T09:00:00.000Z' },
    panel,
  );
  await fx.advance(8 * 60_000);
  end(ctx, m.id);

  const isMinutes = (data: string) => /^Subject: Minutes: Budget review$/m.test(data);
  await waitFor(() => smtp.messages.filter((x) => isMinutes(x.data)).length === 3 && chat.requests.length === 1, 8000, 'minutes by email and chat');
  // Eve was nudged at the start (roll call); the minutes are the other emails, one each, each
  // carrying its reader's personal link (the organiser's also amends them).
  expect(smtp.messages.map((x) => x.to).sort()).toEqual([['alice@example.com'], ['bob@example.com'], ['eve@example.com'], ['eve@example.com']]);
  for (const each of smtp.messages.filter((x) => isMinutes(x.data))) expect(each.data).toMatch(/reader=3D|reader=/);
  const mail = smtp.messages.find((x) => isMinutes(x.data) && x.to[0] === 'bob@example.com')!;
  expect(mail.data).toMatch(/^Subject: Minutes: Budget review$/m);
  for (const file of ['minutes.md', 'minutes.json', 'action-items.ics']) expect(mail.data).toContain(`filename=${file}`);

  const { minutes, markdown, ics } = readMinutes(ctx, m.id, panel);
  expect(minutes.attendance.map((a) => [a.name, a.status])).toEqual([
    ['Bob', 'on_time'],
    ['Eve', 'absent'],
  ]);
  expect(minutes.agenda.map((i) => [i.title, i.actualMinutes, i.overrunMinutes])).toEqual([
    ['Numbers', 12, 2],
    ['Decisions', 8, 0],
  ]);
  expect(minutes.decisions.map((d) => d.text)).toEqual(['Approve the Q2 budget']);
  expect(markdown).toContain('1. Numbers — Bob: 10 min planned, 12 min, 2 min over');
  expect(markdown).toContain('- Eve: absent');
  expect(markdown).toContain('- [ ] Send the signed budget to finance — Bob, due 2026-04-08');

  const todo = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vtodo')!;
  expect(todo.getFirstPropertyValue('summary')).toBe('Send the signed budget to finance');
  expect(todo.getFirstPropertyValue('status')).toBe('NEEDS-ACTION');
  expect(String(todo.getFirstPropertyValue('due'))).toBe('2026-04-08T09:00:00Z');
  expect(todo.getFirstProperty('attendee')!.getParameter('cn')).toBe('Bob');

  const slack = chat.requests[0]!.json as { blocks: { text: { text: string } }[] };
  expect(slack.blocks[0]!.text.text).toBe('Minutes: Budget review');
  expect(ctx.audit.list(m.id).map((a) => a.action)).toEqual(['note', 'decision', 'action.add', 'assemble', 'send', 'read']);
});
