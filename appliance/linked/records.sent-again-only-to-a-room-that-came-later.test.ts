import { afterEach, expect, it, vi } from 'vitest';
import type { LinkRecord } from '../../contract/link-records.js';
import type { RoomFixture } from '../meetings/testing/room-fixture.js';
import { sameInviteInTwoRooms } from './testing/linked-room-fixture.js';

const fixtures: RoomFixture[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const fx of fixtures.splice(0)) await fx.close();
});

/** The kinds of records sent, in sorted order (records of one instant are sent again in their ids' order). */
const kinds = (records: LinkRecord[]) => records.map((r) => r.kind).sort();

/**
 * Aurora takes part in the meeting first: its join, health and clock go out while no other room
 * is listening. Shenzhen comes next: it may have missed them, so Aurora sends them again (its join
 * last). Shenzhen hears Aurora's join for the first time in that re-send, which answers Shenzhen's
 * own join — so Aurora has heard everything Shenzhen sent, which all came after it: Shenzhen sends
 * nothing again. One clock from Shenzhen, not two. (The re-send waits half a second: the timers
 * are the test's, moved on past it.)
 */
it('a room that joins after another gets its records again, and sends its own only once', () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const lab = sameInviteInTwoRooms(fixtures, { minutes: 60, title: 'Across sites', agenda: [{ title: 'Welcome', minutes: 5 }] });
  const [aurora, lotus] = lab.rooms;
  aurora.rooms.sync();
  expect(kinds(aurora.sent())).toEqual(['agenda.clock', 'room.health', 'room.joined']);

  lotus.rooms.sync();
  const fromLotus = lotus.sent();
  expect(kinds(fromLotus)).toEqual(['agenda.clock', 'room.health', 'room.joined']);
  for (const r of fromLotus) aurora.rooms.receive(r);
  vi.advanceTimersByTime(1000);
  const resent = aurora.sent();
  expect(kinds(resent)).toEqual(['agenda.clock', 'room.health', 'room.joined', 'room.joined']);

  for (const r of resent) lotus.rooms.receive(r);
  vi.advanceTimersByTime(1000);
  expect(lotus.sent()).toEqual([]);
  // Aurora's joins in it say which join it answers (its other records go as they were).
  const lotusJoin = fromLotus.find((r) => r.kind === 'room.joined')!;
  for (const r of resent) expect(r.resentFor).toEqual(r.kind === 'room.joined' ? [lotusJoin.id] : undefined);
  expect(lotus.rooms.rooms(lab.meetings[1]).map((r) => `${r.room}${r.expected ? ' (expected)' : ''}`)).toEqual(['aurora', 'lotus']);
});

/**
 * After a reconnect Aurora's records on the link came before its new join: a room whose re-send
 * answers that join was on the link before the join, not before those records. Aurora sends them
 * again.
 */
it('a room that sent records before its latest join sends them again to a room that answers that join', () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const lab = sameInviteInTwoRooms(fixtures, { minutes: 60, title: 'Across sites', agenda: [{ title: 'Welcome', minutes: 5 }] });
  const [aurora, lotus] = lab.rooms;
  aurora.rooms.sync();
  aurora.sent();
  aurora.rooms.connected();
  const rejoin = aurora.sent();
  expect(kinds(rejoin)).toEqual(['room.joined']);

  lotus.rooms.sync();
  const fromLotus = lotus.sent();
  for (const r of rejoin) lotus.rooms.receive(r);
  vi.advanceTimersByTime(1000);
  const resentByLotus = lotus.sent();
  expect(resentByLotus.at(-1)).toMatchObject({ kind: 'room.joined', resentFor: [rejoin[0]!.id] });

  for (const r of [...fromLotus, ...resentByLotus]) aurora.rooms.receive(r);
  vi.advanceTimersByTime(1000);
  expect(kinds(aurora.sent())).toEqual(['agenda.clock', 'room.health', 'room.joined', 'room.joined', 'room.joined']);
});

/**
 * Shenzhen's join went out before its subscription to the link was in place (the join leaves
 * through the telemetry connection, the subscription through the link's, and a busy machine may
 * hold either): Aurora's re-send passed while Shenzhen was not listening. Not hearing its join
 * back, Shenzhen sends it again, the same record: Aurora sends its records again for it. A copy
 * of a join inside a re-send (it names the joins it answers) starts none: two rooms would
 * otherwise answer each other's re-sends without end.
 */
it('a room that sends its join again, not having heard it back, gets the records again', () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const lab = sameInviteInTwoRooms(fixtures, { minutes: 60, title: 'Across sites', agenda: [{ title: 'Welcome', minutes: 5 }] });
  const [aurora, lotus] = lab.rooms;
  aurora.rooms.sync();
  aurora.sent();
  lotus.rooms.sync();
  const lotusJoin = lotus.sent().find((r) => r.kind === 'room.joined')!;
  aurora.rooms.receive(lotusJoin);
  vi.advanceTimersByTime(1000);
  expect(kinds(aurora.sent())).toEqual(['agenda.clock', 'room.health', 'room.joined', 'room.joined']); // lost: Shenzhen was not listening

  aurora.rooms.receive(lotusJoin);
  vi.advanceTimersByTime(1000);
  const again = aurora.sent();
  expect(kinds(again)).toEqual(['agenda.clock', 'room.health', 'room.joined', 'room.joined']);
  expect(again.at(-1)).toMatchObject({ kind: 'room.joined', resentFor: [lotusJoin.id] });

  aurora.rooms.receive({ ...lotusJoin, resentFor: ['a-join-of-aurora'] });
  vi.advanceTimersByTime(1000);
  expect(aurora.sent()).toEqual([]);
});
