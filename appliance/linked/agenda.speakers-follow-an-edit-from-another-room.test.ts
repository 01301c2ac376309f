import { afterEach, expect, it } from 'vitest';
import { advanceAgenda, editAgenda } from '../meetings/agenda-service.js';
import { start } from '../meetings/meeting-lifecycle.js';
import type { RoomFixture } from '../meetings/testing/room-fixture.js';
import { sameInviteInTwoRooms } from './testing/linked-room-fixture.js';

const fixtures: RoomFixture[] = [];
afterEach(async () => {
  for (const fx of fixtures.splice(0)) await fx.close();
});

const panel = { via: 'token' as const };

/**
 * The chair in Shenzhen names who speaks to each item. The agenda reaches Aurora with its
 * speakers, so "next" on Aurora's floor gives them the floor in the same order; a "next" of the
 * agenda pressed in Aurora afterwards (a clock carrying the items Aurora had) keeps them in both rooms.
 */
it('an agenda edit from another linked room brings its named speakers, and the clock moving on keeps them', async () => {
  const { rooms, meetings, exchange, aSecondLater } = sameInviteInTwoRooms(fixtures, {
    minutes: 60,
    title: 'Across sites',
    agenda: [{ title: 'Budget', minutes: 10 }],
  });
  const [aurora, lotus] = rooms;
  const [inAurora, inLotus] = meetings;
  start(aurora.ctx, inAurora);
  exchange();
  await aSecondLater();

  const named = [
    {
      title: 'Budget',
      minutes: 10,
      speakers: [
        { name: 'Lin', minutes: 5 },
        { name: 'Omar', minutes: 3 },
      ],
    },
    { title: 'Hiring', minutes: 10, speakers: [{ name: 'Wei', minutes: 4 }] },
  ];
  editAgenda(lotus.ctx, inLotus, named, panel);
  exchange();
  const speakersOf = (r: typeof aurora, id: string) => r.ctx.agenda.list(id).map((i) => ({ title: i.title, speakers: i.speakers ?? [] }));
  const expected = named.map((i) => ({ title: i.title, speakers: i.speakers }));
  expect(speakersOf(aurora, inAurora)).toEqual(expected);

  await Promise.all([aurora.fx.advance(1000), lotus.fx.advance(1000)]);
  advanceAgenda(aurora.ctx, inAurora);
  exchange();
  expect(speakersOf(aurora, inAurora)).toEqual(expected);
  expect(speakersOf(lotus, inLotus)).toEqual(expected);
});
