import { afterEach, expect, it } from 'vitest';
import { editAgenda } from '../meetings/agenda-service.js';
import type { RoomFixture } from '../meetings/testing/room-fixture.js';
import { sameInviteInTwoRooms } from './testing/linked-room-fixture.js';

const fixtures: RoomFixture[] = [];
afterEach(async () => {
  for (const fx of fixtures.splice(0)) await fx.close();
});

const panel = { via: 'token' as const };
const items = (...titles: string[]) => titles.map((title) => ({ title, minutes: 10 }));

/**
 * Each linked room holds the agenda in its own store and checks a save against it. An edit
 * made in another room moves this room's revision when it arrives, so a save here that
 * started before it is refused rather than sent over it to every room.
 */
it("a save started before another linked room's agenda edit arrived is refused in this room, and a save from the arrived agenda reaches the other room", async () => {
  // A second between edits (aSecondLater, on both rooms' clocks): the later agenda is the one every room keeps.
  const { rooms, meetings, exchange, aSecondLater } = sameInviteInTwoRooms(fixtures, {
    minutes: 60,
    start: '2026-04-01T08:10:00.000Z',
    title: 'Across sites',
    agenda: items('Budget'),
  });
  const [aurora, lotus] = rooms;
  const [inAurora, inLotus] = meetings;
  exchange();
  const titles = (r: typeof aurora, id: string) => r.ctx.agenda.list(id).map((i) => i.title);

  // Someone in Shenzhen opens the editor; meanwhile Aurora's panel saves an agenda.
  const readInLotus = lotus.ctx.agenda.revision(inLotus);
  await aSecondLater();
  editAgenda(aurora.ctx, inAurora, items('Budget', 'Hiring'), panel, aurora.ctx.agenda.revision(inAurora));
  exchange();
  expect(titles(lotus, inLotus)).toEqual(['Budget', 'Hiring']);
  expect(lotus.ctx.agenda.revision(inLotus)).toBeGreaterThan(readInLotus);

  // Shenzhen's save from what it read before: refused, nothing changed here or there.
  expect(() => editAgenda(lotus.ctx, inLotus, items('Budget', 'Rollout'), panel, readInLotus)).toThrow(
    expect.objectContaining({ code: 'ROOMCTL_E_AGENDA_CHANGED', details: { revision: lotus.ctx.agenda.revision(inLotus) } }),
  );
  exchange();
  expect(titles(lotus, inLotus)).toEqual(['Budget', 'Hiring']);
  expect(titles(aurora, inAurora)).toEqual(['Budget', 'Hiring']);

  // Having seen Aurora's agenda, Shenzhen saves over it knowingly: it reaches Aurora, whose editors' revision moves in turn.
  const readInAurora = aurora.ctx.agenda.revision(inAurora);
  await aSecondLater();
  editAgenda(lotus.ctx, inLotus, items('Budget', 'Hiring', 'Rollout'), panel, lotus.ctx.agenda.revision(inLotus));
  exchange();
  expect(titles(aurora, inAurora)).toEqual(['Budget', 'Hiring', 'Rollout']);
  expect(aurora.ctx.agenda.revision(inAurora)).toBeGreaterThan(readInAurora);
});
