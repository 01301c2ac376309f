import { afterEach, expect, it } from 'vitest';
import { editAgenda } from '../meetings/agenda-service.js';
import type { RoomFixture } from '../meetings/testing/room-fixture.js';
import { sameInviteInTwoRooms } from './testing/linked-room-fixture.js';

const fixtures: RoomFixture[] = [];
afterEach(async () => {
  for (const fx of fixtures.splice(0)) await fx.close();
});

const panel = { via: 'token' as const };
type Room = ReturnType<typeof sameInviteInTwoRooms>['rooms'][number];

/**
 * Aurora and Shenzhen hold the same agenda. At the same moment, neither having heard the other,
 * Aurora's chair adds an item and Shenzhen's renames the first and removes the last. Each room's
 * save is accepted (each checks its own revision); the rooms then hear each other — every record
 * twice, first in reverse order — and both keep both edits: the rename, the removal and the
 * added item, in the same order and under the same ids in both rooms.
 */
it('two linked rooms saving different changes of the same agenda at the same moment both keep both changes', async () => {
  const lab = sameInviteInTwoRooms(fixtures, { minutes: 60, title: 'Across sites', agenda: [{ title: 'Welcome', minutes: 5 }] });
  const [aurora, lotus] = lab.rooms;
  const [inAurora, inLotus] = lab.meetings;
  const exchange = () => lab.exchange((records) => [...records].reverse().concat(records));
  const agendaOf = (room: Room, id: string) => room.ctx.agenda.list(id).map((i) => `${i.title} (${i.minutes})`);
  const idsOf = (room: Room, id: string) => room.ctx.agenda.list(id).map((i) => i.id);
  exchange();
  await lab.aSecondLater();
  editAgenda(
    aurora.ctx,
    inAurora,
    [
      { title: 'Welcome', minutes: 5 },
      { title: 'Budget', minutes: 20 },
      { title: 'Questions', minutes: 10 },
    ],
    panel,
  );
  exchange();
  expect(agendaOf(lotus, inLotus)).toEqual(['Welcome (5)', 'Budget (20)', 'Questions (10)']);
  await lab.aSecondLater();

  // Both read the same agenda; both save at the same moment.
  const inAuroraNow = aurora.ctx.agenda.list(inAurora);
  const inLotusNow = lotus.ctx.agenda.list(inLotus);
  editAgenda(aurora.ctx, inAurora, [...inAuroraNow, { title: 'Hiring', minutes: 15 }], panel, aurora.ctx.agenda.revision(inAurora));
  editAgenda(lotus.ctx, inLotus, [{ ...inLotusNow[0]!, title: 'Welcome and introductions' }, inLotusNow[1]!], panel, lotus.ctx.agenda.revision(inLotus));
  exchange();

  const expected = ['Welcome and introductions (5)', 'Budget (20)', 'Hiring (15)'];
  expect(agendaOf(aurora, inAurora)).toEqual(expected);
  expect(agendaOf(lotus, inLotus)).toEqual(expected);
  expect(idsOf(lotus, inLotus)).toEqual(idsOf(aurora, inAurora));

  // Nothing more to send: both rooms hold the same agenda.
  exchange();
  expect(agendaOf(aurora, inAurora)).toEqual(expected);
  expect(agendaOf(lotus, inLotus)).toEqual(expected);
});

/**
 * The same invite, due in half an hour: the rooms exchange a meeting only from shortly before its
 * check-in opens. Before then, each alone, Aurora's chair adds an item and Shenzhen's renames the
 * first and removes the last — each saved in its room, no clock sent. When the rooms start
 * exchanging the meeting, each sends its agenda with what it was made on (the booking's), and
 * both keep both changes.
 */
it('two linked rooms that changed the same agenda before they exchanged the meeting both keep both changes', async () => {
  const agenda = [
    { title: 'Welcome', minutes: 5 },
    { title: 'Budget', minutes: 20 },
    { title: 'Questions', minutes: 10 },
  ];
  const lab = sameInviteInTwoRooms(fixtures, { minutes: 60, title: 'Across sites', start: '2026-04-01T08:30:00.000Z', agenda });
  const [aurora, lotus] = lab.rooms;
  const [inAurora, inLotus] = lab.meetings;
  const agendaOf = (room: Room, id: string) => room.ctx.agenda.list(id).map((i) => `${i.title} (${i.minutes})`);

  editAgenda(aurora.ctx, inAurora, [...agenda, { title: 'Hiring', minutes: 15 }], panel, aurora.ctx.agenda.revision(inAurora));
  lab.exchange();
  await lab.aSecondLater();
  editAgenda(lotus.ctx, inLotus, [{ title: 'Welcome and introductions', minutes: 5 }, agenda[1]!], panel, lotus.ctx.agenda.revision(inLotus));
  lab.exchange();
  expect(agendaOf(aurora, inAurora)).toEqual(['Welcome (5)', 'Budget (20)', 'Questions (10)', 'Hiring (15)']);
  expect(agendaOf(lotus, inLotus)).toEqual(['Welcome and introductions (5)', 'Budget (20)']);

  // Shortly before the check-in opens (10 minutes before the start): the rooms exchange the meeting.
  await Promise.all(lab.rooms.map((r) => r.fx.advanceTo('2026-04-01T08:16:00.000Z')));
  lab.exchange((records) => [...records].reverse().concat(records));
  const expected = ['Welcome and introductions (5)', 'Budget (20)', 'Hiring (15)'];
  expect(agendaOf(aurora, inAurora)).toEqual(expected);
  expect(agendaOf(lotus, inLotus)).toEqual(expected);
  expect(lotus.ctx.agenda.list(inLotus).map((i) => i.id)).toEqual(aurora.ctx.agenda.list(inAurora).map((i) => i.id));
});
