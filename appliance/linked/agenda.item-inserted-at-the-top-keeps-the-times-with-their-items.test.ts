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
const items = (...titles: string[]) => titles.map((title) => ({ title, minutes: 10 }));

/**
 * Aurora runs the agenda: "Welcome" has run, "Budget" is running. Shenzhen puts an item at the
 * top; before it reaches Aurora, Aurora's chair presses "next". The times each room recorded
 * stay with the item they were recorded for, not with whatever item now stands at that place:
 * the new item has not run, "Welcome" ran, "Budget" ran and "Hiring" runs — in both rooms.
 */
it('an item put at the top in one linked room leaves the recorded times with their items in every room, also across a next', async () => {
  const { rooms, meetings, exchange, aSecondLater } = sameInviteInTwoRooms(fixtures, {
    minutes: 60,
    title: 'Across sites',
    agenda: items('Welcome', 'Budget', 'Hiring'),
  });
  const [aurora, lotus] = rooms;
  const [inAurora, inLotus] = meetings;
  start(aurora.ctx, inAurora);
  exchange();
  await aSecondLater();
  advanceAgenda(aurora.ctx, inAurora);
  exchange();
  await aSecondLater();

  // The two cross: neither room has heard the other's.
  editAgenda(lotus.ctx, inLotus, items('Apologies', 'Welcome', 'Budget', 'Hiring'), panel);
  lotus.rooms.sync();
  await aSecondLater();
  advanceAgenda(aurora.ctx, inAurora);
  exchange();

  const stateOf = (r: typeof aurora, id: string) =>
    r.ctx.agenda.list(id).map((i) => ({ title: i.title, state: i.endedAt ? 'ran' : i.startedAt ? 'running' : 'not yet' }));
  const expected = [
    { title: 'Apologies', state: 'not yet' },
    { title: 'Welcome', state: 'ran' },
    { title: 'Budget', state: 'ran' },
    { title: 'Hiring', state: 'running' },
  ];
  expect(stateOf(aurora, inAurora)).toEqual(expected);
  expect(stateOf(lotus, inLotus)).toEqual(expected);
  const times = (r: typeof aurora, id: string) => r.ctx.agenda.list(id).map((i) => [i.startedAt, i.endedAt]);
  expect(times(lotus, inLotus)).toEqual(times(aurora, inAurora));

  // Aurora's chair moves on again: the next item after the running one, never the new one at the top.
  await aSecondLater();
  advanceAgenda(aurora.ctx, inAurora);
  exchange();
  expect(stateOf(lotus, inLotus).map((i) => i.state)).toEqual(['not yet', 'ran', 'ran', 'ran']);
});
