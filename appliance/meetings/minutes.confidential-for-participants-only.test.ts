import { afterEach, expect, it } from 'vitest';
import { book, checkIn, end, start } from './meeting-lifecycle.js';
import { READ_AUDIT_MS } from './audit-log.js';
import { addEntry, readMinutes, updateActionItem, addActionItem } from './minutes-actions.js';
import { roomFixture, type RoomFixture } from './testing/room-fixture.js';

let fx: RoomFixture;
afterEach(() => fx.close());

it('confidential minutes go to participants only, each with a personal link; only proven readers read them; every read, change and refusal is audited', async () => {
  fx = roomFixture({
    start: '2026-04-01T09:00:00.000Z',
    notifications: {
      email: { host: '127.0.0.1', port: 9, from: 'aurora@example.com' },
      webhooks: [{ id: 'team', format: 'json', url: 'http://127.0.0.1:9/hook' }],
    },
  });
  const ctx = fx.room.ctx;
  const m = book(ctx, {
    minutes: 30,
    title: 'Reorg',
    confidentiality: 'confidential',
    organiser: { email: 'ceo@example.com' },
    attendees: [{ email: 'hr@example.com', badge: 'HR-1', required: true }],
  });
  start(ctx, m.id);
  // Running, but nobody has checked in yet: the room is not yet the meeting's.
  expect(() => addEntry(ctx, m.id, 'note', 'x', undefined, { via: 'meeting-code' })).toThrow(expect.objectContaining({ code: 'ROOMCTL_E_FORBIDDEN' }));
  // The same refusal again within the minute is the same line of the audit (the last case below): a minute later, a new one.
  await fx.advance(READ_AUDIT_MS);
  checkIn(ctx, m.id, { badge: 'HR-1' }, 'badge');
  addEntry(ctx, m.id, 'decision', 'Merge teams A and B', 'HR', { via: 'meeting-code' });
  const item = addActionItem(ctx, m.id, { text: 'Draft the announcement', owner: 'HR', deadline: '2026-04-03T09:00:00.000Z' }, { via: 'token' });
  end(ctx, m.id);

  // Minutes by email to participants only, one email each (each carries its own link); no group chat.
  const sent = fx.room.outbox.list().filter((e) => e.kind === 'minutes');
  expect(sent.map((e) => [e.channel, e.recipients]).sort()).toEqual([
    ['email', ['ceo@example.com']],
    ['email', ['hr@example.com']],
  ]);
  const hrLink = ctx.readerLinks.tokenFor(m.id, 'hr@example.com');
  const to = (email: string) => sent.find((e) => e.recipients[0] === email)!.message.text;
  expect(to('hr@example.com')).toContain(`reader=${hrLink}`);
  expect(to('ceo@example.com')).not.toContain(hrLink);

  // After the meeting, the room's credential and the meeting code read nothing; a link does.
  expect(() => readMinutes(ctx, m.id, { via: 'token' })).toThrow(expect.objectContaining({ code: 'ROOMCTL_E_FORBIDDEN' }));
  expect(() => readMinutes(ctx, m.id, { via: 'meeting-code' })).toThrow(expect.objectContaining({ code: 'ROOMCTL_E_FORBIDDEN' }));
  expect(ctx.readerLinks.verify(m, `${hrLink.split('.')[0]}.${'A'.repeat(24)}`)).toBeUndefined();
  const hr = { via: 'reader-link' as const, who: ctx.readerLinks.verify(m, hrLink)! };
  expect(hr.who).toBe('hr@example.com');
  expect(readMinutes(ctx, m.id, hr, 'markdown').markdown).toContain('Merge teams A and B');
  const ceo = { via: 'reader-link' as const, who: 'ceo@example.com' };
  updateActionItem(ctx, item.id, { status: 'done' }, ceo);
  expect(readMinutes(ctx, m.id, ceo).minutes.actionItems[0]!.status).toBe('done');

  expect(ctx.audit.list(m.id).map((a) => `${a.action}:${a.who ?? '-'}:${a.via}`)).toEqual([
    'denied:-:meeting-code',
    'decision:HR:meeting-code',
    'action.add:-:token',
    'assemble:room:rule',
    'send:room:rule',
    'denied:-:token',
    'denied:-:meeting-code',
    'export.markdown:hr@example.com:reader-link',
    'action.update:ceo@example.com:reader-link',
    'read:ceo@example.com:reader-link',
  ]);
});

it('audits reads once a minute per reader and format: a phone polling the minutes, or a script with the code, writes a line a minute, not a line a request', async () => {
  fx = roomFixture({ start: '2026-04-01T09:00:00.000Z' });
  const ctx = fx.room.ctx;
  const m = book(ctx, { minutes: 60, title: 'Planning' });
  start(ctx, m.id);
  const lines = () => ctx.audit.list(m.id).map((a) => `${a.action}:${a.who ?? '-'}:${a.via}`);
  for (let i = 0; i < 20; i++) readMinutes(ctx, m.id, { via: 'meeting-code' });
  readMinutes(ctx, m.id, { via: 'meeting-code' }, 'markdown');
  readMinutes(ctx, m.id, { via: 'token' });
  expect(lines()).toEqual(['read:-:meeting-code', 'export.markdown:-:meeting-code', 'read:-:token']);
  await fx.advance(READ_AUDIT_MS);
  for (let i = 0; i < 20; i++) readMinutes(ctx, m.id, { via: 'meeting-code' });
  expect(lines()).toEqual(['read:-:meeting-code', 'export.markdown:-:meeting-code', 'read:-:token', 'read:-:meeting-code']);
});
