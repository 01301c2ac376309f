import { Type } from '@sinclair/typebox';
import { afterEach, expect, it } from 'vitest';
import { readRecord } from '../../contract/link-readers.js';
import type { LinkRecord } from '../../contract/link-records.js';
import { compileReader } from '../../contract/validate.js';
import { advanceAgenda, editAgenda } from '../meetings/agenda-service.js';
import { start } from '../meetings/meeting-lifecycle.js';
import type { RoomFixture } from '../meetings/testing/room-fixture.js';
import { sameInviteInTwoRooms } from './testing/linked-room-fixture.js';

const fixtures: RoomFixture[] = [];
afterEach(async () => {
  for (const fx of fixtures.splice(0)) await fx.close();
});

/** An agenda clock as rooms of the earlier releases read it: items without ids or speakers (extra fields pass). */
const earlierClock = compileReader(
  'earlier agenda.clock',
  Type.Object({
    kind: Type.Literal('agenda.clock'),
    status: Type.Union([Type.Literal('booked'), Type.Literal('in_progress'), Type.Literal('ended')]),
    items: Type.Array(
      Type.Object({
        title: Type.String(),
        owner: Type.Optional(Type.String()),
        minutes: Type.Number({ exclusiveMinimum: 0 }),
        startedAt: Type.Union([Type.String(), Type.Null()]),
        endedAt: Type.Union([Type.String(), Type.Null()]),
      }),
    ),
  }),
);

/**
 * What a room of an earlier release sends: no proof that it holds the meeting, its items without
 * ids or speakers, and — before the release that added them — without itemsAt/itemsBy.
 */
function asEarlierRelease(sent: LinkRecord, withItemsOrigin: boolean): LinkRecord {
  const { proof: _proof, ...record } = sent;
  if (record.kind !== 'agenda.clock') return record;
  const { itemsAt, itemsBy, ...rest } = record;
  const items = record.items.map(({ id: _id, speakers: _speakers, ...item }) => item);
  return { ...rest, items, ...(withItemsOrigin && itemsAt && itemsBy ? { itemsAt, itemsBy } : {}) };
}

/**
 * Aurora runs this release, Hudson an earlier one. Hudson reads Aurora's clocks (their ids and
 * speakers are fields it does not know), and Aurora reads Hudson's: when Hudson's chair adds an
 * item and moves the agenda on, with items that carry no ids and no speakers, Aurora takes the
 * item and the times, and its own items keep their ids and speakers. Hudson shows no proof that it
 * holds the invite (its release makes none): it is one of the meeting's in Aurora because Aurora
 * hears it without proof while the sites upgrade (`withoutProof`).
 */
it.each([
  ['the release before', true],
  ['releases before item origins', false],
])("a linked room of %s moving the agenda on leaves this room's speakers and ids in place, and reads this room's clocks", async (_release, withItemsOrigin) => {
  const agenda = [
    { title: 'Welcome', minutes: 5 },
    {
      title: 'Budget',
      minutes: 20,
      speakers: [
        { name: 'Lin', minutes: 5 },
        { name: 'Omar', minutes: 3 },
      ],
    },
  ];
  const lab = sameInviteInTwoRooms(
    fixtures,
    { minutes: 60, title: 'Across sites', agenda },
    [
      ['hq/aurora', 'Aurora'],
      ['ny/hudson', 'Hudson'],
    ],
    { withoutProof: ['ny/hudson'] },
  );
  const [aurora, hudson] = lab.rooms;
  const [inAurora, inHudson] = lab.meetings;
  // Hudson's records are turned into an earlier release's on their way, and each is read as the broker would hand it over.
  const exchange = () => {
    aurora.rooms.sync();
    hudson.rooms.sync();
    for (const r of hudson.sent()) {
      const earlier = asEarlierRelease(r, withItemsOrigin);
      const read = readRecord(Buffer.from(JSON.stringify(earlier)), r.room, r.link);
      expect(read.ok).toBe(true);
      aurora.rooms.receive(earlier);
    }
    for (const r of aurora.sent()) {
      expect(readRecord(Buffer.from(JSON.stringify(r)), r.room, r.link).ok).toBe(true);
      if (r.kind === 'agenda.clock') expect(earlierClock.check(r).ok).toBe(true);
      hudson.rooms.receive(r);
    }
  };
  exchange();
  await Promise.all([aurora.fx.advance(1000), hudson.fx.advance(1000)]);
  start(aurora.ctx, inAurora);
  exchange();
  const idsBefore = aurora.ctx.agenda.list(inAurora).map((i) => i.id);

  // Hudson's chair adds an item (Hudson's agenda has no speakers: its release drops them) and moves on.
  await Promise.all([aurora.fx.advance(1000), hudson.fx.advance(1000)]);
  editAgenda(hudson.ctx, inHudson, [...agenda.map(({ title, minutes }) => ({ title, minutes })), { title: 'Questions', minutes: 5 }], {
    via: 'token',
  });
  advanceAgenda(hudson.ctx, inHudson);
  exchange();

  const items = aurora.ctx.agenda.list(inAurora);
  expect(items.map((i) => ({ title: i.title, speakers: i.speakers ?? [], running: i.startedAt !== null && i.endedAt === null }))).toEqual([
    { title: 'Welcome', speakers: [], running: false },
    { title: 'Budget', speakers: agenda[1]!.speakers, running: true },
    { title: 'Questions', speakers: [], running: false },
  ]);
  expect(items.slice(0, 2).map((i) => i.id)).toEqual(idsBefore);
});
