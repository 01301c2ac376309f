import { afterEach, expect, it } from 'vitest';
import { advanceAgenda, editAgenda } from './agenda-service.js';
import { book, start } from './meeting-lifecycle.js';
import { roomFixture, type RoomFixture } from './testing/room-fixture.js';

const fixtures: RoomFixture[] = [];
afterEach(async () => {
  for (const fx of fixtures.splice(0)) await fx.close();
});

/**
 * "Welcome" has run and "Budget" is running when the chair, in one save, drops "Welcome",
 * renames "Budget" and puts an item before it. The save sends each kept item's id as the
 * agenda read gave it: the renamed item keeps the time it started, the new one has not run.
 */
it('a save that removes, renames and inserts keeps the recorded times with the items by their ids', async () => {
  const fx = roomFixture({ start: '2026-04-01T08:00:00.000Z' });
  fixtures.push(fx);
  const ctx = fx.room.ctx;
  const m = book(ctx, {
    minutes: 60,
    title: 'Budget review',
    agenda: [
      { title: 'Welcome', minutes: 5 },
      { title: 'Budget', minutes: 20 },
    ],
  });
  start(ctx, m.id);
  await fx.advance(60_000);
  advanceAgenda(ctx, m.id);
  const [, budget] = ctx.agenda.list(m.id);
  const budgetStarted = budget!.startedAt;

  editAgenda(
    ctx,
    m.id,
    [
      { title: 'Apologies', minutes: 2 },
      { id: budget!.id, title: 'Budget 2027', minutes: 20 },
    ],
    { via: 'token' },
  );
  expect(ctx.agenda.list(m.id).map((i) => ({ id: i.id === budget!.id, title: i.title, startedAt: i.startedAt, endedAt: i.endedAt }))).toEqual([
    { id: false, title: 'Apologies', startedAt: null, endedAt: null },
    { id: true, title: 'Budget 2027', startedAt: budgetStarted, endedAt: null },
  ]);
});
