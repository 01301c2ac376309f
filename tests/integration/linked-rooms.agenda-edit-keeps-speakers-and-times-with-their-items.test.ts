import { afterAll, expect, it } from 'vitest';
import { AURORA, SHENZHEN, startLinkedRoomsLab, type LabRoom, type LinkedRoomsLab } from '../helpers/linked-rooms-lab.js';
import { until } from '../helpers/until.js';

let lab: LinkedRoomsLab | undefined;
afterAll(async () => lab?.close());

type Item = { id: string; title: string; minutes: number; speakers: { name: string; minutes: number }[]; startedAt: string | null; endedAt: string | null };
type Agenda = { items: Item[]; currentPosition: number | null };
const agendaOf = async (room: LabRoom, id: string) => (await room.call('GET', `/api/v1/meetings/${id}/agenda`)).body as unknown as Agenda;

/**
 * Two rooms hold the same invite, over a real broker. Aurora runs the agenda to its second item;
 * then Shenzhen puts an item at the top and names the speakers of the running one. Aurora takes
 * the new item and the speakers, and the times stay with the items they were recorded for: the
 * new item has not run, the running one still runs.
 */
it("an agenda edit in one linked room reaches the other with its speakers, and an item put at the top takes no other item's times", async () => {
  lab = await startLinkedRoomsLab({
    rooms: [AURORA, SHENZHEN],
    invite: {
      uid: 'agenda-ids@example.com',
      title: 'Budget review',
      startInMs: 20_000,
      minutes: 60,
      attendees: [{ name: 'Ann', email: 'ann@example.com' }],
      agenda: ['Welcome (5 min)', 'Budget (10 min)'],
    },
  });
  const [aurora, lotus] = lab.rooms as [LabRoom, LabRoom];
  const id = await lab.meetingSeenByEveryRoom();

  expect((await aurora.call('POST', `/api/v1/meetings/${id(aurora)}/start`)).status).toBeLessThan(300);
  expect((await aurora.call('POST', `/api/v1/meetings/${id(aurora)}/agenda/next`)).status).toBeLessThan(300);
  await until(async () => (await agendaOf(lotus, id(lotus))).currentPosition === 2, 10_000, 'Shenzhen to follow Aurora to the second item');

  const [welcome, budget] = (await agendaOf(lotus, id(lotus))).items as [Item, Item];
  const speakers = [{ name: 'Lin', minutes: 5 }];
  const saved = await lotus.call('PUT', `/api/v1/meetings/${id(lotus)}/agenda`, {
    items: [
      { title: 'Apologies', minutes: 2 },
      { id: welcome.id, title: welcome.title, minutes: welcome.minutes },
      { id: budget.id, title: budget.title, minutes: budget.minutes, speakers },
    ],
  });
  expect(saved.status).toBe(200);

  const state = (a: Agenda) => a.items.map((i) => ({ title: i.title, speakers: i.speakers, state: i.endedAt ? 'ran' : i.startedAt ? 'running' : 'not yet' }));
  const expected = [
    { title: 'Apologies', speakers: [], state: 'not yet' },
    { title: 'Welcome', speakers: [], state: 'ran' },
    { title: 'Budget', speakers, state: 'running' },
  ];
  await until(async () => (await agendaOf(aurora, id(aurora))).items.length === 3, 10_000, 'Aurora to take Shenzhen’s agenda');
  expect(state(await agendaOf(aurora, id(aurora)))).toEqual(expected);
  expect(state(await agendaOf(lotus, id(lotus)))).toEqual(expected);
  expect((await agendaOf(aurora, id(aurora))).items[2]!.startedAt).toBe(budget.startedAt);
}, 180_000);
