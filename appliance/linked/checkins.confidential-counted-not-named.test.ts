import { afterEach, expect, it } from 'vitest';
import { book, checkIn } from '../meetings/meeting-lifecycle.js';
import { roomFixture, type RoomFixture } from '../meetings/testing/room-fixture.js';
import { TelemetryOutbox } from '../telemetry/outbox.js';
import type { LinkRecord } from '../../contract/link-records.js';
import { LinkStore } from './link-store.js';
import { LinkedRooms } from './linked-rooms.js';

const fixtures: RoomFixture[] = [];
afterEach(async () => {
  for (const fx of fixtures.splice(0)) await fx.close();
});

/** A room over a meeting fixture, sending into its own telemetry outbox (what it would put on the broker). */
function linkedRoom(self: string, name: string) {
  const fx = roomFixture({ start: '2026-04-01T08:00:00.000Z' });
  fixtures.push(fx);
  const outbox = new TelemetryOutbox(fx.room.ctx.db, { maxMessages: 10_000, maxAgeMs: 3_600_000 });
  const rooms = new LinkedRooms({
    self,
    roomName: name,
    ctx: fx.room.ctx,
    store: new LinkStore(fx.room.ctx.db),
    devices: { list: () => [] },
    sender: outbox,
    log: fx.room.ctx.log,
    subscribe: () => undefined,
    accepts: () => true,
  });
  fx.room.ctx.linked = rooms;
  const sent = (): LinkRecord[] => {
    outbox.flush();
    return outbox.after(0, 10_000).map((m) => JSON.parse(m.payload.toString()) as LinkRecord);
  };
  return { fx, rooms, sent };
}

it('a confidential meeting crosses to the other rooms as counts: no name leaves the room, and a replay counts nobody twice', () => {
  const shenzhen = linkedRoom('sz/lotus', 'Shenzhen');
  const aurora = linkedRoom('hq/aurora', 'Aurora');
  const invite = {
    minutes: 60,
    title: 'Board (confidential)',
    confidentiality: 'confidential' as const,
    attendees: [{ name: 'Wei', email: 'wei@example.com', required: true }],
  };
  // The same invite in both calendars: the same occurrence key.
  const inShenzhen = book(shenzhen.fx.room.ctx, invite);
  const inAurora = book(aurora.fx.room.ctx, invite);
  for (const [fx, m] of [
    [shenzhen.fx, inShenzhen],
    [aurora.fx, inAurora],
  ] as const)
    fx.room.ctx.db.prepare('UPDATE meetings SET occurrence_key = ? WHERE id = ?').run('board@example.com', m.id);

  checkIn(shenzhen.fx.room.ctx, inShenzhen.id, { email: 'wei@example.com' }, 'tap');
  checkIn(shenzhen.fx.room.ctx, inShenzhen.id, { name: 'Guest', walkIn: true }, 'tap');
  shenzhen.rooms.sync();
  const records = shenzhen.sent();
  expect(records.filter((r) => r.kind === 'checkin')).toHaveLength(2);
  expect(JSON.stringify(records)).not.toMatch(/Wei|wei@example|Guest/);

  aurora.rooms.sync();
  for (const r of [...records, ...records]) aurora.rooms.receive(r); // the broker delivers them twice
  expect(aurora.rooms.rooms(inAurora.id).map((r) => [r.name, r.present])).toEqual([
    ['Aurora', 0],
    ['Shenzhen', 2],
  ]);
  expect(aurora.rooms.attendanceByRoom(inAurora.id)).toEqual([
    { room: 'hq/aurora', name: 'Aurora', present: 0, names: [] },
    { room: 'sz/lotus', name: 'Shenzhen', present: 2, names: [] },
  ]);
  // Wei came, in Shenzhen: not an absentee in Aurora's roll call.
  expect(aurora.rooms.checkedInElsewhere(inAurora.id, 'email:wei@example.com')).toMatchObject({ room: 'sz/lotus', roomName: 'Shenzhen' });
});
