import { afterEach, expect, it, vi } from 'vitest';
import type { RoomFixture } from '../meetings/testing/room-fixture.js';
import { holdingTheInvite } from './testing/linked-room-fixture.js';

const fixtures: RoomFixture[] = [];
afterEach(async () => {
  for (const fx of fixtures.splice(0)) await fx.close();
});

/**
 * The room's database refuses every write (a full or read-only data folder: SQLite's own
 * refusal, `query_only`, stands in for the disk) when a linked meeting comes on the link. The
 * sync, which runs every second from a timer, must not throw (a throw there ends the room): the
 * room says once that it could not save, and joins at the first sync after the disk takes writes.
 */
it('a sync the disk refuses is said once and not thrown; the join goes out once the room can save again', async () => {
  const refused: unknown[] = [];
  const aurora = holdingTheInvite(fixtures, { minutes: 60, title: 'Across sites' }, ['hq/aurora', 'Aurora'], {
    noteStorageFailure: (err) => refused.push(err),
  });
  const warn = vi.spyOn(aurora.ctx.log, 'warn');
  const warned = () => warn.mock.calls.filter(([, msg]) => String(msg).includes('not saved'));

  aurora.ctx.db.pragma('query_only = ON');
  expect(() => aurora.rooms.sync()).not.toThrow();
  expect(() => aurora.rooms.sync()).not.toThrow();
  expect(refused).toEqual([expect.objectContaining({ code: 'SQLITE_READONLY' }), expect.objectContaining({ code: 'SQLITE_READONLY' })]);
  expect(warned()).toHaveLength(1);

  aurora.ctx.db.pragma('query_only = OFF');
  aurora.rooms.sync();
  expect(aurora.sent().map((r) => r.kind)).toContain('room.joined');
});
