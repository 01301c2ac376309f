import { afterEach, expect, it, vi } from 'vitest';
import type { LinkRecord } from '../../contract/link-records.js';
import { book } from '../meetings/meeting-lifecycle.js';
import type { RoomFixture } from '../meetings/testing/room-fixture.js';
import { linkKeyOf } from './link-key.js';
import { foldLink } from './linked-fold.js';
import { LinkStore } from './link-store.js';
import { linkedRoomFixture } from './testing/linked-room-fixture.js';

/**
 * Another room's records arriving in order are folded in one step each: the panel redraws after
 * every record, and reading and parsing every record of the meeting again each time made a
 * flood of them cost the room time growing with their number (2 ms a record at 1,000 records,
 * 15 ms at 5,000). A record older than the rest makes the fold again, from the store.
 */
const fixtures: RoomFixture[] = [];
const linked: { stop(): void }[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const rooms of linked.splice(0)) rooms.stop(); // a join heard schedules a re-send
  for (const fx of fixtures.splice(0)) await fx.close();
});

it('folds records in order without reading the others again, and one out of order from the store, to the same state', () => {
  // Lotus is one of the meeting's by withoutProof: its hand-made records carry no proof of the invite.
  const aurora = linkedRoomFixture('hq/aurora', 'Aurora', fixtures, { withoutProof: ['sz/*'] });
  linked.push(aurora.rooms);
  const m = book(aurora.ctx, { minutes: 60, title: 'Across sites' });
  aurora.rooms.sync();
  const link = linkKeyOf(m.occurrenceKey);
  const reads = vi.spyOn(LinkStore.prototype, 'records');
  const at = (second: number) => new Date(Date.parse('2026-04-01T08:00:00.000Z') + second * 1000).toISOString();
  const checkin = (n: number, second: number) =>
    ({ id: `c-${n}`, link, room: 'sz/lotus', at: at(second), kind: 'checkin', person: `p${n}`, name: `P${n}` }) as LinkRecord;
  // The fold's reads: all of a meeting's records (a room's own, for its re-sends, are another read).
  const folds = () => reads.mock.calls.filter((call) => call[1] === undefined).length;

  aurora.rooms.receive({ id: 'j-1', link, room: 'sz/lotus', at: '2026-04-01T08:00:00.000Z', kind: 'room.joined', name: 'Lotus' } as LinkRecord);
  const present = () => aurora.rooms.attendanceByRoom(m.id).find((r) => r.room === 'sz/lotus')?.present;
  expect(present()).toBe(0);
  const before = folds();
  for (let n = 1; n <= 50; n++) {
    aurora.rooms.receive(checkin(n, 10 + n));
    expect(present()).toBe(n);
  }
  expect(folds() - before).toBe(0);

  // One from before the rest: the fold is made again from what is stored, and says the same as a fold of it all.
  aurora.rooms.receive(checkin(51, 5));
  expect(present()).toBe(51);
  expect(folds() - before).toBe(1);
  const whole = foldLink(new LinkStore(aurora.ctx.db).records(link));
  expect(whole.rooms.get('sz/lotus')?.checkIns.size).toBe(51);
});
