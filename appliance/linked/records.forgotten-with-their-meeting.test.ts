import { afterEach, expect, it } from 'vitest';
import type { LinkRecord } from '../../contract/link-records.js';
import { book } from '../meetings/meeting-lifecycle.js';
import { purgeLog, purgeOlderThan } from '../meetings/retention.js';
import type { RoomFixture } from '../meetings/testing/room-fixture.js';
import { linkKeyOf } from './link-key.js';
import { linkedRoomFixture } from './testing/linked-room-fixture.js';

/**
 * What linked rooms sent about a meeting (who joined, who checked in where) is read through
 * the meeting — its view, its minutes' attendance by room — after it ended as before, so it is
 * kept as long as the meeting's own record: the daily purge that deletes the meeting
 * (`meetings.retentionDays` after its end) deletes its linked records too, and no other's.
 */
const fixtures: RoomFixture[] = [];
afterEach(async () => {
  for (const fx of fixtures.splice(0)) await fx.close();
});

it('keeps the linked records of a meeting as long as the meeting, and deletes them with it', async () => {
  // Lotus is one of the meeting's rooms: Aurora hears its site without proof (its hand-made records carry none).
  const aurora = linkedRoomFixture('hq/aurora', 'Aurora', fixtures, { withoutProof: ['sz/*'] });
  const ctx = aurora.ctx;
  const earlier = book(ctx, { minutes: 60, title: 'Across sites' });
  const later = book(ctx, { start: '2026-04-01T09:00:00.000Z', minutes: 60, title: 'Later across sites' });
  aurora.rooms.sync();
  const fromLotus = (m: typeof earlier, n: number) => {
    const link = linkKeyOf(m.occurrenceKey);
    aurora.rooms.receive({ id: `lotus-join-${n}`, link, room: 'sz/lotus', at: m.start, kind: 'room.joined', name: 'Lotus' } as LinkRecord);
    aurora.rooms.receive({ id: `lotus-in-${n}`, link, room: 'sz/lotus', at: m.start, kind: 'checkin', person: `p${n}`, name: 'Wei' } as LinkRecord);
  };
  fromLotus(earlier, 1);
  // The later meeting is linked from shortly before it starts.
  await aurora.fx.advanceTo('2026-04-01T08:50:00.000Z');
  aurora.rooms.sync();
  fromLotus(later, 2);
  const records = (m: typeof earlier) => ctx.db.prepare('SELECT COUNT(*) FROM linked_records WHERE link = ?').pluck().get(linkKeyOf(m.occurrenceKey));
  expect(records(earlier)).toBeGreaterThan(2);
  expect(records(later)).toBeGreaterThan(2);
  expect(ctx.linked?.rooms(earlier.id).map((r) => r.room)).toEqual(['aurora', 'lotus']);

  // A purge whose cutoff is the meeting's end keeps it, and its records: its view still shows the other room.
  const endedAt = Date.parse(ctx.meetings.get(earlier.id)!.end);
  purgeOlderThan(ctx.db, new Date(endedAt), new Date(endedAt + 365 * 86_400_000), ctx.linked);
  expect(ctx.meetings.get(earlier.id)).toBeDefined();
  expect(ctx.linked?.rooms(earlier.id).map((r) => r.room)).toEqual(['aurora', 'lotus']);
  expect(ctx.linked?.attendanceByRoom(earlier.id).map((r) => [r.room, r.present])).toEqual([
    ['hq/aurora', 0],
    ['sz/lotus', 1],
  ]);

  // A millisecond later the meeting is past it: it goes, and its linked records with it; the later meeting's stay.
  const laterRecords = records(later);
  purgeOlderThan(ctx.db, new Date(endedAt + 1), new Date(endedAt + 1 + 365 * 86_400_000), ctx.linked);
  expect(ctx.meetings.get(earlier.id)).toBeUndefined();
  expect(records(earlier)).toBe(0);
  expect(records(later)).toBe(laterRecords);
  expect(purgeLog(ctx.db)[0]?.removed).toMatchObject({ meetings: 1, linkedRecords: expect.any(Number) });
  expect(purgeLog(ctx.db)[0]?.removed.linkedRecords).toBeGreaterThan(2);
  expect(ctx.linked?.rooms(later.id).map((r) => r.room)).toEqual(['aurora', 'lotus']);
});
