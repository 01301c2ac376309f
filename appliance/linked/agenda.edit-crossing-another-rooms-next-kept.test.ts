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
 * Shenzhen adds an item to the running agenda; a second later, before Shenzhen's clock has
 * reached it, Aurora's chair presses "next" with the agenda Aurora still had. Aurora's clock is
 * the later one, but it moved the time on, it did not edit the items: both rooms keep
 * Shenzhen's item, and both show the second item running from Aurora's "next". However often
 * and in whatever order the records arrive.
 */
it("an agenda edit in one linked room that crosses another room's next is kept in both rooms, with the next's times", async () => {
  const lab = sameInviteInTwoRooms(fixtures, { minutes: 60, title: 'Across sites', agenda: items('Welcome', 'Budget') });
  const [aurora, lotus] = lab.rooms;
  const [inAurora, inLotus] = lab.meetings;
  const aSecondLater = lab.aSecondLater;
  // Every record twice, first in reverse order.
  const exchange = () => lab.exchange((records) => [...records].reverse().concat(records));
  start(aurora.ctx, inAurora);
  exchange();
  await aSecondLater();

  // The two cross: neither room has heard the other's.
  editAgenda(lotus.ctx, inLotus, items('Welcome', 'Budget', 'Hiring'), panel);
  lotus.rooms.sync();
  await aSecondLater();
  advanceAgenda(aurora.ctx, inAurora);
  exchange();

  const agendaOf = (r: typeof aurora, id: string) =>
    r.ctx.agenda.list(id).map((i) => ({ title: i.title, running: i.startedAt !== null && i.endedAt === null }));
  const expected = [
    { title: 'Welcome', running: false },
    { title: 'Budget', running: true },
    { title: 'Hiring', running: false },
  ];
  expect(agendaOf(lotus, inLotus)).toEqual(expected);
  expect(agendaOf(aurora, inAurora)).toEqual(expected);
  const budgetStarted = (r: typeof aurora, id: string) => r.ctx.agenda.list(id)[1]!.startedAt;
  expect(budgetStarted(lotus, inLotus)).toBe(budgetStarted(aurora, inAurora));

  // Nothing more to send: both rooms already hold the same agenda.
  exchange();
  expect(agendaOf(lotus, inLotus)).toEqual(expected);
  expect(agendaOf(aurora, inAurora)).toEqual(expected);
});
