import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MeetingView } from '../../appliance/api/api-types.js';
import { AURORA, HUDSON, SHENZHEN, startLinkedRoomsLab, type LabRoom, type LinkedRoomsLab } from '../helpers/linked-rooms-lab.js';
import { linkKeyOf } from '../../appliance/linked/link-key.js';
import { until } from '../helpers/until.js';
import { repetitions } from '../faults/fault-scale.js';

/** Walk-ins checked in at Shenzhen while the broker is down (each must count once after). */
const WALK_INS = repetitions(40, 3);

/** Starts in ten minutes (the rooms exchange it from the start of the lab); moved closer once the rooms are up. */
const REVIEW = {
  uid: 'quarterly-review@example.com',
  title: 'Quarterly review',
  startInMs: 10 * 60_000,
  minutes: 60,
  attendees: [
    { name: 'Ann', email: 'ann@example.com' },
    { name: 'Bob', email: 'bob@example.com' },
    { name: 'Wei', email: 'wei@example.com' },
    { name: 'Li', email: 'li@example.com' },
    { name: 'Dan', email: 'dan@example.com' },
  ],
  agenda: ['Welcome (5 min) - Olga', 'Budget (20 min)', 'Decisions (10 min)', 'Next steps (5 min)'],
};

let lab: LinkedRoomsLab | undefined;
beforeAll(async () => {
  lab = await startLinkedRoomsLab({ rooms: [AURORA, HUDSON, SHENZHEN], invite: REVIEW });
}, 90_000);
afterAll(async () => lab?.close());

type Agenda = { currentPosition: number | null; items: { startedAt: string | null }[] };

const labStarted = () => {
  if (!lab) throw new Error('the lab did not start');
  return lab;
};
const agendaOf = async (room: LabRoom, id: string) => (await room.call('GET', `/api/v1/meetings/${id}/agenda`)).body as unknown as Agenda;
const present = (v: MeetingView | undefined) => Object.fromEntries((v?.rooms ?? []).map((r) => [r.name, r.present]));

/**
 * One invite in the calendars of three rooms (three processes, one Mosquitto with the ACL
 * provisioning writes): the rooms find each other; people check in in each; the first room to
 * start keeps the agenda and the others follow it; the broker dies mid-meeting and each room
 * carries on, then everything is counted once; notes from every room end up in one set of
 * minutes, sent once by the host, with attendance per room; the absentee is nudged once.
 */
it('three rooms holding the same invite run one meeting: one agenda, one roll call, one set of minutes', async () => {
  const lab = labStarted();
  const [aurora, hudson, lotus] = lab.rooms as [LabRoom, LabRoom, LabRoom];
  // The rooms find each other through the invite alone.
  const id = await lab.meetingSeenByEveryRoom();
  // The meeting is due in 6 s (the roll call then): time for what comes before it, counted from now, not from the rooms' start.
  lab.putInvite({ ...REVIEW, startInMs: 6000 });
  await Promise.all(lab.rooms.map((room) => room.readCalendar()));

  // Check-ins in each room.
  expect((await aurora.call('POST', `/api/v1/meetings/${id(aurora)}/checkins`, { email: 'ann@example.com' })).status).toBeLessThan(300);
  expect((await hudson.call('POST', `/api/v1/meetings/${id(hudson)}/checkins`, { email: 'bob@example.com' })).status).toBeLessThan(300);
  expect((await lotus.call('POST', `/api/v1/meetings/${id(lotus)}/checkins`, { email: 'wei@example.com' })).status).toBeLessThan(300);
  await until(
    async () => JSON.stringify(present(await aurora.meeting())) === JSON.stringify({ Aurora: 1, Hudson: 1, Shenzhen: 1 }),
    10_000,
    'the host to see one person in each room',
  );

  // Aurora starts first: it keeps the timer, the others start with it and show its clock.
  expect((await aurora.call('POST', `/api/v1/meetings/${id(aurora)}/start`)).status).toBeLessThan(300);
  for (const room of [hudson, lotus]) {
    await until(
      async () => (await room.meeting())?.status === 'in_progress' && (await room.hostName()) === 'Aurora',
      10_000,
      `${room.key} to follow the start`,
    );
  }
  expect((await aurora.call('POST', `/api/v1/meetings/${id(aurora)}/agenda/next`)).status).toBeLessThan(300);
  const hostAgenda = await agendaOf(aurora, id(aurora));
  expect(hostAgenda.currentPosition).toBe(2);
  for (const room of [hudson, lotus]) {
    await until(async () => (await agendaOf(room, id(room))).currentPosition === 2, 10_000, `${room.key} to show item 2`);
    // The same item, started at the same instant: the same time left on every panel.
    expect((await agendaOf(room, id(room))).items.map((i) => i.startedAt)).toEqual(hostAgenda.items.map((i) => i.startedAt));
  }

  // Notes, decisions and action items from any room.
  expect((await lotus.call('POST', `/api/v1/meetings/${id(lotus)}/decisions`, { text: 'Ship the Shenzhen line in May' })).status).toBeLessThan(300);
  expect((await hudson.call('POST', `/api/v1/meetings/${id(hudson)}/action-items`, { text: 'Price the New York fit-out', owner: 'Bob' })).status).toBeLessThan(
    300,
  );

  // The broker dies mid-meeting: each room carries on alone.
  await lab.broker.kill();
  expect((await lotus.call('POST', `/api/v1/meetings/${id(lotus)}/checkins`, { email: 'li@example.com' })).status).toBeLessThan(300);
  for (let i = 1; i <= WALK_INS; i++)
    expect((await lotus.call('POST', `/api/v1/meetings/${id(lotus)}/checkins`, { name: `Guest ${i}`, walkIn: true })).status).toBeLessThan(300);
  expect((await aurora.call('POST', `/api/v1/meetings/${id(aurora)}/agenda/next`)).status).toBeLessThan(300);
  expect((await hudson.call('POST', `/api/v1/meetings/${id(hudson)}/notes`, { text: 'Noted while the broker was down' })).status).toBeLessThan(300);
  await lab.broker.start();
  // Back: everything re-syncs, and what was seen twice is counted once.
  const after = { Aurora: 1, Hudson: 1, Shenzhen: 2 + WALK_INS };
  await until(
    async () => JSON.stringify(present(await aurora.meeting())) === JSON.stringify(after),
    20_000,
    'the host to count the check-ins made during the outage',
  );
  for (const room of [hudson, lotus])
    await until(async () => (await agendaOf(room, id(room))).currentPosition === 3, 20_000, `${room.key} to catch up with item 3`);
  for (const room of lab.rooms)
    await until(async () => JSON.stringify(present(await room.meeting())) === JSON.stringify(after), 20_000, `${room.key} to count everyone once`);

  // The roll call nudged Dan, who came nowhere, once for the whole meeting (not once per room).
  await until(() => lab.smtp.messages.some((m) => m.to.includes('dan@example.com')), 30_000, 'the nudge to the absentee');

  // The host ends the meeting: the others end with it; one set of minutes, sent by the host only.
  expect((await aurora.call('POST', `/api/v1/meetings/${id(aurora)}/end`)).status).toBeLessThan(300);
  for (const room of [hudson, lotus]) await until(async () => (await room.meeting())?.status === 'ended', 10_000, `${room.key} to end with the host`);
  const minutes = () => lab.smtp.messages.filter((m) => /Subject: .*Minutes/.test(m.data));
  await until(() => minutes().length > 0, 15_000, 'the minutes');
  // No second sender: each other room has Aurora's record that the minutes went out, and its rules looked at the minutes
  // since (they assemble them afresh on every run) — had it decided to send them, they would be in its outbox now.
  const lookedAfterTheRecord = async (room: LabRoom) => {
    await until(
      () => room.read(`SELECT 1 FROM linked_records WHERE kind = 'channel' AND record LIKE '%"channel":"minutes"%'`).length > 0,
      15_000,
      `Aurora's record of the minutes to reach ${room.key}`,
    );
    const heardAt = new Date().toISOString();
    const assembledAt = () => room.read<{ at: string }>('SELECT assembled_at AS at FROM minutes WHERE meeting_id = ?', id(room))[0]?.at ?? '';
    await until(() => assembledAt() > heardAt || sentHere(room).length > 0, 15_000, `${room.key} to look at the minutes after that record`);
  };
  const sentHere = (room: LabRoom) => room.read("SELECT id FROM notify_outbox WHERE kind = 'minutes'");
  await Promise.all([hudson, lotus].map(lookedAfterTheRecord));
  for (const room of [hudson, lotus]) expect(sentHere(room)).toEqual([]);
  const senders = new Set(minutes().map((m) => m.from));
  expect([...senders]).toEqual(['aurora@example.com']);
  const body = minutes()[0]!.data.replace(/=\r?\n/g, '');
  expect(body).toContain('Ship the Shenzhen line in May');
  expect(body).toContain('Price the New York fit-out');
  expect(body).toContain('Noted while the broker was down');
  expect(body).toContain(`Shenzhen (sz/lotus): ${2 + WALK_INS} present`);
  expect(body).toMatch(/Hudson \(ny\/hudson\): 1 present/);
  expect(body).toMatch(/Aurora \(hq\/aurora\): 1 present/);
  expect(lab.smtp.messages.filter((m) => m.to.includes('dan@example.com') && /nudge|not checked in/i.test(m.data))).toHaveLength(1);
}, 180_000);

/**
 * Another invite of the three rooms, due in three hours: the rooms exchange a meeting only from
 * shortly before its check-in opens. Before then, each alone, Aurora's chair adds an item and
 * Hudson's renames the first and removes the last. The meeting is moved to start in twelve
 * minutes: the rooms exchange it now, and every room shows both changes — Shenzhen too, which
 * changed nothing.
 */
it("rooms that changed the same invite's agenda before they exchanged the meeting all show both changes", async () => {
  const lab = labStarted();
  const [aurora, hudson, lotus] = lab.rooms as [LabRoom, LabRoom, LabRoom];
  const invite = {
    uid: 'planning-day@example.com',
    title: 'Planning day',
    startInMs: 3 * 3_600_000,
    minutes: 60,
    attendees: [{ name: 'Ann', email: 'ann@example.com' }],
    agenda: ['Welcome (5 min)', 'Budget (20 min)', 'Questions (10 min)'],
  };
  const readCalendars = () => Promise.all(lab.rooms.map((room) => room.readCalendar()));
  lab.putInvite(invite);
  await readCalendars();
  const idIn = async (room: LabRoom) =>
    ((await room.call('GET', '/api/v1/meetings')).body as unknown as MeetingView[]).find((m) => m.title === 'Planning day')!.id;
  const [inAurora, inHudson, inLotus] = await Promise.all(lab.rooms.map(idIn));
  type Read = { revision: number; items: { id: string; title: string; minutes: number }[] };
  const read = async (room: LabRoom, id: string) => (await room.call('GET', `/api/v1/meetings/${id}/agenda`)).body as unknown as Read;
  const shown = async (room: LabRoom, id: string) => (await read(room, id)).items.map((i) => `${i.title} (${i.minutes})`);
  const saved = (items: Read['items']) => items.map(({ id, title, minutes }) => ({ id, title, minutes }));

  const inA = await read(aurora, inAurora);
  expect(
    (
      await aurora.call('PUT', `/api/v1/meetings/${inAurora}/agenda`, {
        items: [...saved(inA.items), { title: 'Hiring', minutes: 15 }],
        ifRevision: inA.revision,
      })
    ).status,
  ).toBe(200);
  const [welcome, budget] = saved((await read(hudson, inHudson)).items);
  const inH = await read(hudson, inHudson);
  expect(
    (
      await hudson.call('PUT', `/api/v1/meetings/${inHudson}/agenda`, {
        items: [{ ...welcome!, title: 'Welcome and introductions' }, budget!],
        ifRevision: inH.revision,
      })
    ).status,
  ).toBe(200);
  expect(await shown(lotus, inLotus)).toEqual(['Welcome (5)', 'Budget (20)', 'Questions (10)']);

  // Moved to start in twelve minutes: the rooms exchange the meeting from now on — Aurora first, then Hudson, then
  // Shenzhen, each once the rooms before it have sent it again what it may have missed (a re-send answering its join).
  lab.putInvite({ ...invite, startInMs: 12 * 60_000 });
  const link = linkKeyOf(invite.uid);
  const heard = () => lab.onTheBroker().filter((r) => r.link === link);
  const joinOf = (room: LabRoom) => heard().find((r) => r.room === room.key && r.kind === 'room.joined')?.id;
  // A re-send of a room's records to a room that joined: after that join, the room's own join once more, and last again.
  const resentTo = (by: LabRoom, join: string) => {
    const after = heard().slice(heard().findIndex((r) => r.id === join) + 1);
    return after.filter((r) => r.room === by.key && r.kind === 'room.joined').length >= 2;
  };
  for (const [n, room] of lab.rooms.entries()) {
    await room.readCalendar();
    const join = await until(() => joinOf(room), 15_000, `${room.key} to join the meeting on the broker`);
    for (const before of lab.rooms.slice(0, n)) await until(() => resentTo(before, join), 15_000, `${before.key} to send ${room.key} its records again`);
  }
  const both = ['Welcome and introductions (5)', 'Budget (20)', 'Hiring (15)'];
  for (const [room, id] of [
    [aurora, inAurora],
    [hudson, inHudson],
    [lotus, inLotus],
  ] as const)
    await until(async () => (await shown(room, id)).join() === both.join(), 15_000, `${room.key} to show both changes`);
  // Each room's clock crossed the broker once, and again in each re-send it made for a room that came after it (it
  // may have missed it): Aurora made two, Hudson one, Shenzhen, which came last, none — it heard the others' joins in
  // their re-sends to it, so they had all it sent. A re-send carries the room's join twice, naming the join it answers.
  // (A room that did not hear its own join back within 2 s — it was not listening yet — sends it again and gets one more.)
  const clocks = (room: LabRoom) => heard().filter((r) => r.room === room.key && r.kind === 'agenda.clock').length;
  const resends = (room: LabRoom) => heard().filter((r) => r.room === room.key && r.kind === 'room.joined' && r.resentFor).length / 2;
  expect(lab.rooms.map((room) => `${room.key}: ${clocks(room)}`)).toEqual(lab.rooms.map((room) => `${room.key}: ${1 + resends(room)}`));
  expect({ aurora: resends(aurora) >= 2, hudson: resends(hudson) >= 1, lotus: resends(lotus) }).toEqual({ aurora: true, hudson: true, lotus: 0 });
}, 60_000);

/**
 * A third invite of the three rooms, due in five minutes: check-in is open. Nobody is coming to
 * Shenzhen, and it is freed there by hand. Aurora and Hudson show that Shenzhen left (freed by
 * hand) and keep their own bookings; the meeting starts in Aurora, Hudson follows, and Shenzhen's
 * booking stays released — one room's release frees no other's, another room's start does not
 * undo it. The minutes' Rooms section says Shenzhen left.
 */
it('a room that frees its booking leaves the meeting: the others show it and keep theirs; the minutes say it', async () => {
  const lab = labStarted();
  const [aurora, hudson, lotus] = lab.rooms as [LabRoom, LabRoom, LabRoom];
  lab.putInvite({
    uid: 'stand-up@example.com',
    title: 'Stand-up',
    startInMs: 5 * 60_000,
    minutes: 5,
    attendees: [{ name: 'Ann', email: 'ann@example.com' }],
    agenda: ['Round the table (5 min)'],
  });
  await Promise.all(lab.rooms.map((room) => room.readCalendar()));
  const standUp = async (room: LabRoom) => ((await room.call('GET', '/api/v1/meetings')).body as unknown as MeetingView[]).find((m) => m.title === 'Stand-up');
  const id = new Map<LabRoom, string>();
  for (const room of lab.rooms) {
    const seen = await until(async () => ((await standUp(room))?.rooms.length === 3 ? standUp(room) : undefined), 15_000, `${room.key} to see the three rooms`);
    id.set(room, seen!.id);
  }

  const freed = await lotus.call('POST', `/api/v1/meetings/${id.get(lotus)}/release`);
  expect(freed.body).toMatchObject({ status: 'released', releasedBy: 'by-hand' });
  const shenzhenIn = async (room: LabRoom) => (await standUp(room))?.rooms.find((r) => r.name === 'Shenzhen');
  for (const room of [aurora, hudson]) {
    await until(async () => (await shenzhenIn(room))?.released?.by === 'by-hand', 10_000, `${room.key} to show Shenzhen left`);
    expect((await standUp(room))?.status).toBe('booked');
  }

  expect((await aurora.call('POST', `/api/v1/meetings/${id.get(aurora)}/checkins`, { email: 'ann@example.com' })).status).toBeLessThan(300);
  expect((await aurora.call('POST', `/api/v1/meetings/${id.get(aurora)}/start`)).status).toBeLessThan(300);
  await until(async () => (await standUp(hudson))?.status === 'in_progress', 10_000, 'Hudson to follow the start');
  expect(await standUp(lotus)).toMatchObject({ status: 'released', releasedBy: 'by-hand' });
  expect((await standUp(lotus))?.rooms.find((r) => r.name === 'Shenzhen')?.released?.by).toBe('by-hand');

  expect((await aurora.call('POST', `/api/v1/meetings/${id.get(aurora)}/end`)).status).toBeLessThan(300);
  const minutes = await until(
    () => lab.smtp.messages.find((m) => /Subject: .*Minutes.*Stand-up/.test(m.data.replace(/=\r?\n/g, ''))),
    15_000,
    "the Stand-up's minutes",
  );
  expect(minutes.data.replace(/=\r?\n/g, '')).toContain('Shenzhen (sz/lotus): left the meeting, freed by hand');
  expect(await standUp(lotus)).toMatchObject({ status: 'released' });
}, 60_000);
