import { afterEach, expect, it } from 'vitest';
import { book, checkIn, end, start } from './meeting-lifecycle.js';
import { addEntry, readMinutes, updateActionItem, addActionItem } from './minutes-actions.js';
import { roomFixture, type RoomFixture } from './testing/room-fixture.js';

let fx: RoomFixture;
afterEach(() => fx.close());

it('confidential minutes go to participants only, are read only by them, and every read, change and refusal is audited', async () => {
  fx = roomFixture({
    start: '2026-04-01T09:00:00.000Z',
    notifications: { email: { host: '127.0.0.1', port: 9, from: 'aurora@example.com' }, webhooks: [{ id: 'team', format: 'json', url: 'http://127.0.0.1:9/hook' }] },
  });
  const ctx = fx.room.ctx;
  const m = book(ctx, { minutes: 30, title: 'Reorg', confidentiality: 'confidential', organiser: { email: 'ceo@example.com' }, attendees: [{ email: 'hr@example.com', badge: 'HR-1', required: true }] });
  checkIn(ctx, m.id, { badge: 'HR-1' }, 'badge');
  start(ctx, m.id);
  expect(() => addEntry(ctx, m.id, 'note', 'x', undefined, { via: 'meeting-code' })).toThrow(expect.objectContaining({ code: 'ROOMCTL_E_FORBIDDEN' }));
  addEntry(ctx, m.id, 'decision', 'Merge teams A and B', undefined, { via: 'meeting-code', who: 'hr-1' });
  const item = addActionItem(ctx, m.id, { text: 'Draft the announcement', owner: 'HR', deadline: '2026-04-03T09:00:00.000Z' }, { via: 'token', who: 'ceo@example.com' });
  end(ctx, m.id);

  // Minutes by email to participants only; no group chat for a confidential meeting.
  const sent = fx.room.outbox.list().filter((e) => e.kind === 'minutes');
  expect(sent.map((e) => [e.channel, e.recipients])).toEqual([['email', ['ceo@example.com', 'hr@example.com']]]);

  expect(() => readMinutes(ctx, m.id, { via: 'token' })).toThrow(expect.objectContaining({ code: 'ROOMCTL_E_FORBIDDEN' }));
  expect(() => readMinutes(ctx, m.id, { via: 'token', who: 'intern@example.com' })).toThrow(expect.objectContaining({ code: 'ROOMCTL_E_FORBIDDEN' }));
  expect(readMinutes(ctx, m.id, { via: 'meeting-code', who: 'hr@example.com' }, 'markdown').markdown).toContain('Merge teams A and B');
  updateActionItem(ctx, item.id, { status: 'done' }, { via: 'token', who: 'ceo@example.com' });
  expect(readMinutes(ctx, m.id, { via: 'token', who: 'ceo@example.com' }).minutes.actionItems[0]!.status).toBe('done');

  expect(ctx.audit.list(m.id).map((a) => `${a.action}:${a.who ?? '-'}:${a.via}`)).toEqual([
    'denied:-:meeting-code',
    'decision:hr-1:meeting-code',
    'action.add:ceo@example.com:token',
    'assemble:room:rule',
    'send:room:rule',
    'denied:-:token',
    'denied:intern@example.com:token',
    'export.markdown:hr@example.com:meeting-code',
    'action.update:ceo@example.com:token',
    'read:ceo@example.com:token',
  ]);
});
