import { afterEach, expect, it } from 'vitest';
import { book, end, start } from './meeting-lifecycle.js';
import { addActionItem, addEntry, readMinutes, updateActionItem } from './minutes-actions.js';
import { roomFixture, type RoomFixture } from './testing/room-fixture.js';

let fx: RoomFixture;
afterEach(() => fx.close());

it('once the minutes are sent the meeting code adds nothing; the organiser amends through their link, audited, and every reader sees it', async () => {
  fx = roomFixture({ start: '2026-04-01T09:00:00.000Z', notifications: { email: { host: '127.0.0.1', port: 9, from: 'aurora@example.com' } } });
  const ctx = fx.room.ctx;
  const m = book(ctx, { minutes: 30, title: 'Budget', organiser: { email: 'alice@example.com' }, attendees: [{ email: 'bob@example.com', required: true }] });
  start(ctx, m.id);
  addEntry(ctx, m.id, 'decision', 'Approve the budget', 'Bob', { via: 'meeting-code' });
  const item = addActionItem(ctx, m.id, { text: 'Send it to finance', owner: 'Bob' }, { via: 'meeting-code' });
  end(ctx, m.id);

  // The organiser's own minutes email carries their link; the others share one email as before.
  const sent = fx.room.outbox.list().filter((e) => e.kind === 'minutes' && e.channel === 'email');
  expect(sent.map((e) => e.recipients).sort()).toEqual([['alice@example.com'], ['bob@example.com']]);
  expect(sent.find((e) => e.recipients[0] === 'alice@example.com')!.message.text).toContain(`reader=${ctx.readerLinks.tokenFor(m.id, 'alice@example.com')}`);

  const closed = expect.objectContaining({ code: 'ROOMCTL_E_MINUTES_SENT' });
  expect(() => addEntry(ctx, m.id, 'decision', 'Cancel the budget', 'Mallory', { via: 'meeting-code' })).toThrow(closed);
  expect(() => addActionItem(ctx, m.id, { text: 'Wire money', owner: 'Mallory' }, { via: 'meeting-code' })).toThrow(closed);
  expect(() => updateActionItem(ctx, item.id, { status: 'done' }, { via: 'meeting-code' })).toThrow(closed);
  expect(() => addEntry(ctx, m.id, 'note', 'x', undefined, { via: 'token' })).toThrow(closed);
  expect(() => updateActionItem(ctx, item.id, { owner: 'Mallory' }, { via: 'token' })).toThrow(closed);
  // An attendee's own link reads, but does not amend.
  expect(() => addEntry(ctx, m.id, 'note', 'x', undefined, { via: 'reader-link', who: 'bob@example.com' })).toThrow(closed);
  // The panel or an integration may still move an action item along.
  expect(updateActionItem(ctx, item.id, { status: 'in_progress' }, { via: 'token' }).status).toBe('in_progress');

  const alice = { via: 'reader-link' as const, who: 'alice@example.com' };
  addEntry(ctx, m.id, 'note', 'Finance asked for a second copy', 'Alice', alice);
  expect(readMinutes(ctx, m.id, { via: 'token' }).minutes.notes.map((n) => n.text)).toEqual(['Finance asked for a second copy']);
  expect(
    ctx.audit
      .list(m.id)
      .filter((a) => a.action.startsWith('amend.'))
      .map((a) => `${a.action}:${a.who}:${a.via}`),
  ).toEqual(['amend.note:alice@example.com:reader-link']);
});
