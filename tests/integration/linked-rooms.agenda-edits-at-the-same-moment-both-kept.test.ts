import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MeetingView } from '../../appliance/api/api-types.js';
import { startAuroraAndARoomItLinks, type AuroraAndARoomItLinks } from '../helpers/aurora-and-a-room-it-links.js';
import { type TelemetryRoom, callRoom as call } from '../helpers/telemetry-room.js';
import { until } from '../helpers/until.js';

/**
 * Aurora (site hq) links Hudson (site ny, which takes Aurora's invitations) to its meeting, over
 * one Mosquitto with the ACL provisioning writes. Both rooms show the same agenda. At the same
 * moment, from that agenda, Aurora's chair adds an item and Hudson's renames the first and
 * removes the last: each room accepts its own save, and once the rooms have heard each other
 * both show both changes.
 */
let lab: AuroraAndARoomItLinks | undefined;
beforeAll(async () => {
  lab = await startAuroraAndARoomItLinks({ site: 'ny', id: 'hudson', name: 'Hudson' });
}, 90_000);
afterAll(async () => lab?.close());

interface AgendaRead {
  revision: number;
  items: { id: string; title: string; minutes: number }[];
}
const meetingOf = async (room: TelemetryRoom) => ((await call(room, 'GET', '/api/v1/meetings')).body as unknown as MeetingView[])[0]?.id;
const agendaOf = async (room: TelemetryRoom, id: string) => (await call(room, 'GET', `/api/v1/meetings/${id}/agenda`)).body as unknown as AgendaRead;
const shown = async (room: TelemetryRoom, id: string) => (await agendaOf(room, id)).items.map((i) => `${i.title} (${i.minutes})`);
const saved = (items: AgendaRead['items']) => items.map(({ id, title, minutes }) => ({ id, title, minutes }));

it('two linked rooms saving different changes of the same agenda at the same moment both show both changes', async () => {
  const { aurora, linked: hudson } = lab!;
  const booked = await call(aurora, 'POST', '/api/v1/bookings', { minutes: 60, title: 'Quarterly review' });
  const inAurora = booked.body.id as string;
  expect((await call(aurora, 'POST', `/api/v1/meetings/${inAurora}/links`, { rooms: ['ny/hudson'] })).status).toBe(200);
  const inHudson = await until(() => meetingOf(hudson), 15_000, 'Hudson to hold the linked meeting');
  const agenda = ['Welcome (5)', 'Budget (20)', 'Questions (10)'];
  const items = [
    { title: 'Welcome', minutes: 5 },
    { title: 'Budget', minutes: 20 },
    { title: 'Questions', minutes: 10 },
  ];
  expect((await call(aurora, 'PUT', `/api/v1/meetings/${inAurora}/agenda`, { items })).status).toBe(200);
  await until(async () => (await shown(hudson, inHudson)).join() === agenda.join(), 15_000, "Hudson to show Aurora's agenda");

  // Both read the same agenda, and save at the same moment.
  const [inA, inH] = await Promise.all([agendaOf(aurora, inAurora), agendaOf(hudson, inHudson)]);
  const [first, second] = saved(inH.items);
  const saves = await Promise.all([
    call(aurora, 'PUT', `/api/v1/meetings/${inAurora}/agenda`, { items: [...saved(inA.items), { title: 'Hiring', minutes: 15 }], ifRevision: inA.revision }),
    call(hudson, 'PUT', `/api/v1/meetings/${inHudson}/agenda`, {
      items: [{ ...first!, title: 'Welcome and introductions' }, second!],
      ifRevision: inH.revision,
    }),
  ]);
  expect(saves.map((s) => s.status)).toEqual([200, 200]);

  const both = ['Welcome and introductions (5)', 'Budget (20)', 'Hiring (15)'];
  for (const [room, id] of [
    [aurora, inAurora],
    [hudson, inHudson],
  ] as const)
    await until(async () => (await shown(room, id)).join() === both.join(), 15_000, `${room.config.room.name} to show both changes`);
  const ids = await Promise.all([agendaOf(aurora, inAurora), agendaOf(hudson, inHudson)]);
  expect(ids[1].items.map((i) => i.id)).toEqual(ids[0].items.map((i) => i.id));
}, 60_000);

/**
 * One save holds at most 50 items. Aurora and Hudson each add an item at the same moment to an
 * agenda of 49: each save is within the bound, and the rooms keep both, 51 items. Either room
 * can then save that agenda changed — an item renamed, one swapped for another — but not
 * longer: what a person adds stops at 50, or at what the agenda holds.
 */
it('a merged agenda longer than one save may be is saved changed in either room, never longer', async () => {
  const { aurora, linked: hudson } = lab!;
  const start = new Date(Date.now() + 3 * 3_600_000).toISOString();
  const booked = await call(aurora, 'POST', '/api/v1/bookings', { minutes: 30, start, title: 'Long agenda' });
  const inAurora = booked.body.id as string;
  const items = Array.from({ length: 49 }, (_, n) => ({ title: `Item ${n + 1}`, minutes: 1 }));
  const put = (room: TelemetryRoom, id: string, body: unknown) => call(room, 'PUT', `/api/v1/meetings/${id}/agenda`, body);
  const refusal = (answer: { status: number; body: Record<string, unknown> }) => [answer.status, answer.body.code, answer.body.details];
  // 49 and 2 more, in one save: refused, the limit named.
  expect(refusal(await put(aurora, inAurora, { items: [...items, { title: 'A', minutes: 1 }, { title: 'B', minutes: 1 }] }))).toEqual([
    409,
    'ROOMCTL_E_MEETING_LIMIT',
    { limit: 50, what: 'agenda items' },
  ]);
  expect((await put(aurora, inAurora, { items })).status).toBe(200);
  expect((await call(aurora, 'POST', `/api/v1/meetings/${inAurora}/links`, { rooms: ['ny/hudson'] })).status).toBe(200);
  const inHudson = await until(
    async () => ((await call(hudson, 'GET', '/api/v1/meetings')).body as unknown as MeetingView[]).find((m) => m.title === 'Long agenda')?.id,
    15_000,
    'Hudson to hold the linked meeting',
  );
  await until(async () => (await agendaOf(hudson, inHudson)).items.length === 49, 15_000, "Hudson to show Aurora's 49 items");

  const [inA, inH] = await Promise.all([agendaOf(aurora, inAurora), agendaOf(hudson, inHudson)]);
  const saves = await Promise.all([
    put(aurora, inAurora, { items: [...saved(inA.items), { title: 'From Aurora', minutes: 5 }], ifRevision: inA.revision }),
    put(hudson, inHudson, { items: [...saved(inH.items), { title: 'From Hudson', minutes: 5 }], ifRevision: inH.revision }),
  ]);
  expect(saves.map((s) => s.status)).toEqual([200, 200]);
  for (const [room, id] of [
    [aurora, inAurora],
    [hudson, inHudson],
  ] as const)
    await until(async () => (await agendaOf(room, id)).items.length === 51, 15_000, `${room.config.room.name} to hold both added items`);

  // Hudson renames an item of the 51: saved, and Aurora shows it.
  const merged = await agendaOf(hudson, inHudson);
  const renamed = saved(merged.items).map((i, n) => (n === 0 ? { ...i, title: 'Item 1, renamed' } : i));
  expect((await put(hudson, inHudson, { items: renamed, ifRevision: merged.revision })).status).toBe(200);
  await until(async () => (await shown(aurora, inAurora))[0] === 'Item 1, renamed (1)', 15_000, "Aurora to show Hudson's rename");
  // Aurora: one more is refused; one swapped for another is saved.
  const now = await agendaOf(aurora, inAurora);
  expect(refusal(await put(aurora, inAurora, { items: [...saved(now.items), { title: 'One more', minutes: 1 }], ifRevision: now.revision }))).toEqual([
    409,
    'ROOMCTL_E_MEETING_LIMIT',
    { limit: 51, what: 'agenda items' },
  ]);
  const swapped = [...saved(now.items).slice(1), { title: 'Instead of item 1', minutes: 1 }];
  expect((await put(aurora, inAurora, { items: swapped, ifRevision: now.revision })).status).toBe(200);
  expect((await agendaOf(aurora, inAurora)).items).toHaveLength(51);
}, 60_000);
