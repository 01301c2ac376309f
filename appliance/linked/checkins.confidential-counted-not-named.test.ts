import { afterEach, expect, it } from 'vitest';
import { book, checkIn } from '../meetings/meeting-lifecycle.js';
import type { RoomFixture } from '../meetings/testing/room-fixture.js';
import { linkedRoomFixture } from './testing/linked-room-fixture.js';

const fixtures: RoomFixture[] = [];
afterEach(async () => {
  for (const fx of fixtures.splice(0)) await fx.close();
});

const linkedRoom = (self: string, name: string) => linkedRoomFixture(self, name, fixtures);

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
