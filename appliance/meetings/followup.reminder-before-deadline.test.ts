import { afterEach, expect, it } from 'vitest';
import { book, end, start } from './meeting-lifecycle.js';
import { addActionItem, updateActionItem } from './minutes-actions.js';
import { roomFixture, type RoomFixture } from './testing/room-fixture.js';

let fx: RoomFixture;
afterEach(() => fx.close());

it('an action item owner is reminded 24 h before the deadline, once; a done item is not; a new deadline is reminded again', async () => {
  fx = roomFixture({
    start: '2026-04-01T09:00:00.000Z',
    tickMs: 60_000,
    notifyPollMs: 3_600_000,
    notifications: { email: { host: '127.0.0.1', port: 9, from: 'aurora@example.com' } },
  });
  const ctx = fx.room.ctx;
  const m = book(ctx, { minutes: 30, title: 'Planning' });
  start(ctx, m.id);
  const panel = { via: 'token' as const };
  const a = addActionItem(ctx, m.id, { text: 'Book the venue', owner: 'Bob', ownerEmail: 'bob@example.com', deadline: '2026-04-03T12:00:00.000Z' }, panel);
  const b = addActionItem(ctx, m.id, { text: 'Order food', owner: 'Carol', ownerEmail: 'carol@example.com', deadline: '2026-04-03T12:00:00.000Z' }, panel);
  end(ctx, m.id);
  updateActionItem(ctx, b.id, { status: 'done' }, panel);
  const followUps = () => fx.room.outbox.list().filter((e) => e.kind === 'followup');

  await fx.advanceTo('2026-04-02T11:59:00.000Z');
  expect(followUps()).toHaveLength(0);
  await fx.advanceTo('2026-04-02T12:00:00.000Z');
  expect(followUps().map((e) => e.recipients)).toEqual([['bob@example.com']]);
  expect(followUps()[0]!.message.title).toBe('Action item due 2026-04-03: Book the venue');
  await fx.advanceTo('2026-04-02T18:00:00.000Z');
  expect(followUps()).toHaveLength(1);

  updateActionItem(ctx, a.id, { deadline: '2026-04-04T12:00:00.000Z' }, panel);
  await fx.advanceTo('2026-04-03T12:00:00.000Z');
  expect(followUps()).toHaveLength(2);
});
