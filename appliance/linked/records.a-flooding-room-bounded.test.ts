import { afterEach, expect, it } from 'vitest';
import type { LinkRecord } from '../../contract/link-records.js';
import { book } from '../meetings/meeting-lifecycle.js';
import { MEETING_LIMITS } from '../meetings/meeting-limits.js';
import type { RoomFixture } from '../meetings/testing/room-fixture.js';
import { linkKeyOf } from './link-key.js';
import { LINK_RECORD_BOUNDS, LinkStore } from './link-store.js';
import { linkedRoomFixture } from './testing/linked-room-fixture.js';

/**
 * A room whose broker login was stolen sends Aurora record after record about a meeting they
 * share (one of the meeting's: Aurora hears its site without proof, `withoutProof`), each with a new id. Aurora keeps LINK_RECORD_BOUNDS of them (records, bytes) from that
 * room and no more — the rest are refused, not stored — while the meeting's other rooms go on
 * being heard; and another room's notes count toward what the meeting holds, as a person's do.
 */
const fixtures: RoomFixture[] = [];
const linked: { stop(): void }[] = [];
afterEach(async () => {
  for (const rooms of linked.splice(0)) rooms.stop(); // a join heard schedules a re-send
  for (const fx of fixtures.splice(0)) await fx.close();
});

const THIEF = 'sz/thief';

function aMeetingInAurora() {
  const aurora = linkedRoomFixture('hq/aurora', 'Aurora', fixtures, { withoutProof: ['sz/*'] });
  linked.push(aurora.rooms);
  const m = book(aurora.ctx, { minutes: 60, title: 'Across sites' });
  aurora.rooms.sync();
  const link = linkKeyOf(m.occurrenceKey);
  const stored = (room: string) => aurora.ctx.db.prepare('SELECT COUNT(*) FROM linked_records WHERE link = ? AND room = ?').pluck().get(link, room);
  return { aurora, m, link, stored };
}

const record = (link: string, n: number, fields: object = { kind: 'checkin', person: `p${n}`, name: null }, room = THIEF) =>
  ({ id: `${room}-${n}`, link, room, at: '2026-04-01T08:00:00.000Z', ...fields }) as LinkRecord;

it(`keeps ${LINK_RECORD_BOUNDS.records} records from one room on a meeting, refuses the next, and still hears the other rooms`, () => {
  const { aurora, link, stored } = aMeetingInAurora();
  // All but the last the bound allows, written as the room would have stored them.
  const earlier = new LinkStore(aurora.ctx.db);
  aurora.ctx.db.transaction(() => {
    for (let n = 1; n < LINK_RECORD_BOUNDS.records; n++) earlier.insert(record(link, n));
  })();
  aurora.rooms.receive(record(link, LINK_RECORD_BOUNDS.records));
  expect(stored(THIEF)).toBe(LINK_RECORD_BOUNDS.records);
  aurora.rooms.receive(record(link, LINK_RECORD_BOUNDS.records + 1));
  expect(stored(THIEF)).toBe(LINK_RECORD_BOUNDS.records);
  // A replay of one it has changes nothing; another room of the meeting is heard as before.
  aurora.rooms.receive(record(link, 1));
  aurora.rooms.receive(record(link, 1, { kind: 'room.joined', name: 'Lotus' }, 'sz/lotus'));
  expect(stored(THIEF)).toBe(LINK_RECORD_BOUNDS.records);
  expect(stored('sz/lotus')).toBe(1);
});

it(`keeps ${LINK_RECORD_BOUNDS.bytes} bytes of records from one room on a meeting, and refuses the record that would pass them`, () => {
  const { aurora, link, stored } = aMeetingInAurora();
  const health = (n: number, bytes: number) => {
    const r = record(link, n, { kind: 'room.health', status: 'degraded', problems: [] });
    const pad = bytes - Buffer.byteLength(JSON.stringify(r)) - 2; // the padding's own quotes
    return { ...r, problems: ['x'.repeat(pad)] } as LinkRecord;
  };
  const MB = 1024 * 1024;
  const earlier = new LinkStore(aurora.ctx.db);
  const fill = LINK_RECORD_BOUNDS.bytes / MB - 1;
  aurora.ctx.db.transaction(() => {
    for (let n = 1; n <= fill; n++) earlier.insert(health(n, MB));
  })();
  aurora.rooms.receive(health(fill + 1, MB)); // exactly at the bound
  expect(stored(THIEF)).toBe(fill + 1);
  aurora.rooms.receive(health(fill + 2, 200)); // one small record more
  expect(stored(THIEF)).toBe(fill + 1);
});

it(`another room's notes count toward the ${MEETING_LIMITS.entries} a meeting holds`, () => {
  const { aurora, m, link } = aMeetingInAurora();
  const entries = () => aurora.ctx.db.prepare('SELECT COUNT(*) FROM minutes_entries WHERE meeting_id = ?').pluck().get(m.id);
  const note = (n: number) => record(link, n, { kind: 'minutes.entry', entryId: `e${n}`, entryKind: 'note', text: 'x', author: null });
  for (let n = 1; n <= MEETING_LIMITS.entries + 1; n++) aurora.rooms.receive(note(n));
  expect(entries()).toBe(MEETING_LIMITS.entries);
  // The one refused is not kept either: it is not taken as applied.
  expect(aurora.ctx.db.prepare('SELECT 1 FROM linked_records WHERE id = ?').get(note(MEETING_LIMITS.entries + 1).id)).toBeUndefined();
  // A correction of a note it holds is still taken.
  aurora.rooms.receive({ ...note(1), id: 'fix-1', text: 'corrected' } as LinkRecord);
  expect(aurora.ctx.db.prepare('SELECT text FROM minutes_entries WHERE id = ?').pluck().get('e1')).toBe('corrected');
});

it(`another room's action items count toward the ${MEETING_LIMITS.actionItems} a meeting holds`, () => {
  const { aurora, m, link } = aMeetingInAurora();
  const actions = () => aurora.ctx.db.prepare('SELECT COUNT(*) FROM action_items WHERE meeting_id = ?').pluck().get(m.id);
  const action = (n: number) => record(link, n, { kind: 'minutes.action', actionId: `a${n}`, text: 'x', owner: 'Ann', ownerEmail: null, deadline: null });
  for (let n = 1; n <= MEETING_LIMITS.actionItems + 1; n++) aurora.rooms.receive(action(n));
  expect(actions()).toBe(MEETING_LIMITS.actionItems);
});
