import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MeetingView } from '../../appliance/api/api-types.js';
import type { LinkChange, LinkInvitation } from '../../contract/link-records.js';
import { memberProof, verifyKeyOf } from '../../appliance/linked/link-key.js';
import { startAuroraAndARoomItLinks, type AuroraAndARoomItLinks } from '../helpers/aurora-and-a-room-it-links.js';
import { type TelemetryRoom, callRoom as call } from '../helpers/telemetry-room.js';
import { until } from '../helpers/until.js';

/**
 * Two rooms on one Mosquitto with the ACL provisioning writes: Aurora (site hq) links Hudson
 * (site ny, which takes Aurora's invitations) to its meeting and starts it. A thief holds the
 * login of a third room, sz/thief, which has no part in the meeting: the ACL lets it read every
 * room's records, so it learns the link, and write its own topics. It joins the link, takes the
 * timer, claims the roll call, ends the meeting with an agenda item of its own, checks someone in
 * and writes a decision. Both rooms refuse every record and go on as before.
 */
let lab: AuroraAndARoomItLinks | undefined;
let thief: MqttClient | undefined;

beforeAll(async () => {
  lab = await startAuroraAndARoomItLinks({ site: 'ny', id: 'hudson', name: 'Hudson' }, ['sz/thief', 'hq/spare']);
}, 90_000);

afterAll(async () => {
  await thief?.endAsync();
  await lab?.close();
});

const meetingIn = async (room: TelemetryRoom) => ((await call(room, 'GET', '/api/v1/meetings')).body as unknown as MeetingView[])[0];
/** What a room shows of its meeting: its status, its rooms (who keeps the time, who is checked in), its agenda. */
const shown = async (room: TelemetryRoom) => {
  const m = await meetingIn(room);
  const agenda = (await call(room, 'GET', `/api/v1/meetings/${m!.id}/agenda`)).body as { items: { title: string }[] };
  return {
    status: m!.status,
    rooms: m!.rooms.map((r) => ({ room: `${r.site}/${r.room}`, name: r.name, host: r.host, present: r.present, expected: r.expected })),
    agenda: agenda.items.map((i) => i.title),
  };
};

it("a room with a stolen login that read a meeting's link on the broker can change nothing in the meeting's rooms", async () => {
  const { aurora, linked: hudson, broker, logins } = lab!;
  // The thief listens to every room's records, as its login may.
  thief = await mqtt.connectAsync(broker.url, { protocolVersion: 5, ...logins['sz/thief'], clientId: 'thief' });
  const links = new Set<string>();
  thief.on('message', (topic) => links.add(topic.split('/')[4]!));
  await thief.subscribeAsync('roomctl/+/+/meetings/+/records', { qos: 1 });

  // Aurora links Hudson to its meeting and starts it; each room sees the other, Aurora keeps the time.
  const booked = await call(aurora, 'POST', '/api/v1/bookings', { minutes: 60, title: 'Quarterly review' });
  expect((await call(aurora, 'POST', `/api/v1/meetings/${booked.body.id}/links`, { rooms: ['ny/hudson'] })).status).toBe(200);
  expect((await call(aurora, 'POST', `/api/v1/meetings/${booked.body.id}/start`)).status).toBeLessThan(300);
  const linked = [
    { room: 'hq/aurora', name: 'Aurora', host: true, present: 0, expected: false },
    { room: 'ny/hudson', name: 'Hudson', host: false, present: 0, expected: false },
  ];
  for (const room of [aurora, hudson])
    await until(
      async () => JSON.stringify((await shown(room)).rooms) === JSON.stringify(linked) && (await shown(room)).status === 'in_progress',
      15_000,
      `${room.config.room.name} to run the linked meeting`,
    );
  const before = await Promise.all([shown(aurora), shown(hudson)]);

  // The thief has read the link, and writes to it from its own topic.
  expect([...links]).toHaveLength(1);
  const [link] = [...links];
  const at = new Date(Date.now() + 60_000).toISOString();
  const attack: LinkChange[] = [
    { kind: 'room.joined', name: 'Aurora (spare)' },
    { kind: 'host.set', host: 'sz/thief', reason: 'handover' },
    { kind: 'channel', channel: 'rollcall', record: {} },
    {
      kind: 'agenda.clock',
      status: 'ended',
      items: [{ title: 'Wire the budget abroad', minutes: 5, startedAt: null, endedAt: null }],
      itemsAt: at,
      itemsBy: 'sz/thief',
    },
    { kind: 'checkin', person: 'f00d', name: 'Mallory' },
    { kind: 'minutes.entry', entryId: 'thief-1', entryKind: 'decision', text: 'The budget goes to Mallory', author: 'Mallory' },
  ];
  for (const change of attack)
    await thief.publishAsync(`roomctl/sz/thief/meetings/${link}/records`, JSON.stringify({ id: randomUUID(), link, room: 'sz/thief', at, ...change }), {
      qos: 1,
    });

  // Then someone checks in in each room: once each room shows the other's, the broker has handed it the thief's records, which came first.
  const meetingOf = async (room: TelemetryRoom) => (await meetingIn(room))!.id;
  expect((await call(aurora, 'POST', `/api/v1/meetings/${await meetingOf(aurora)}/checkins`, { name: 'Ann', walkIn: true })).status).toBeLessThan(300);
  expect((await call(hudson, 'POST', `/api/v1/meetings/${await meetingOf(hudson)}/checkins`, { name: 'Bob', walkIn: true })).status).toBeLessThan(300);
  const present = async (room: TelemetryRoom) => (await shown(room)).rooms.map((r) => r.present);
  for (const room of [aurora, hudson])
    await until(async () => (await present(room)).join() === '1,1', 15_000, `${room.config.room.name} to see both check-ins`);

  // Each room refused every one of the thief's records, stored none, and shows its meeting as before but for the two check-ins.
  const checkedIn = (view: (typeof before)[number]) => ({ ...view, rooms: view.rooms.map((r) => ({ ...r, present: 1 })) });
  expect(await Promise.all([shown(aurora), shown(hudson)])).toEqual(before.map(checkedIn));
  expect(before[0]!.agenda).toEqual([]);
  for (const room of [aurora, hudson]) {
    expect(room.appliance.db.prepare('SELECT COUNT(*) FROM linked_records WHERE room = ?').pluck().get('sz/thief')).toBe(0);
    expect(room.appliance.core.linked?.refused).toBe(attack.length);
  }
}, 60_000);

/**
 * The thief connects with Hudson's login and reads Hudson's records; Hudson's next one (a real
 * check-in there, of `name`) shows its proof. Answers the connection, the meeting's link and the proof.
 */
async function hudsonsLoginWithItsProof(clientId: string, name: string): Promise<{ asHudson: MqttClient; link: string; proof: string }> {
  const { linked: hudson, broker } = lab!;
  const asHudson = await mqtt.connectAsync(broker.url, {
    protocolVersion: 5,
    username: hudson.config.mqtt!.username,
    password: hudson.config.mqtt!.password,
    clientId,
  });
  const heard = new Promise<{ link: string; proof: string }>((resolve) =>
    asHudson.on('message', (_topic, payload) => resolve(JSON.parse(payload.toString()) as { link: string; proof: string })),
  );
  await asHudson.subscribeAsync('roomctl/ny/hudson/meetings/+/records', { qos: 1 });
  expect((await call(hudson, 'POST', `/api/v1/meetings/${(await meetingIn(hudson))!.id}/checkins`, { name, walkIn: true })).status).toBeLessThan(300);
  return { asHudson, ...(await heard) };
}

/**
 * The thief holds Hudson's login too. Hudson is a room of the meeting, and its proof that it holds
 * the invite is on every record it sends, which the login may read. As Hudson, with that proof,
 * the thief names sz/thief among the meeting's rooms; then sz/thief checks someone in. Being named
 * lets no room in: a room takes part only by its own proof, which only a room holding the invite,
 * or that the organiser's room invited, can make. Aurora refuses the check-in.
 */
it('a room of the meeting naming a room the organiser did not invite does not let it in', async () => {
  const { aurora } = lab!;
  const { asHudson, link, proof } = await hudsonsLoginWithItsProof('thief-as-hudson', 'Cleo');
  try {
    // As Hudson, with its proof: sz/thief is one of the meeting's rooms. Aurora takes the naming (Hudson is a room of the meeting).
    const at = new Date().toISOString();
    const naming = { id: randomUUID(), link, room: 'ny/hudson', at, proof, kind: 'links.set', rooms: ['ny/hudson', 'sz/thief'] };
    await asHudson.publishAsync(`roomctl/ny/hudson/meetings/${link}/records`, JSON.stringify(naming), { qos: 1 });
    const stored = (room: TelemetryRoom, id: string) => room.appliance.db.prepare('SELECT COUNT(*) FROM linked_records WHERE id = ?').pluck().get(id) === 1;
    await until(() => stored(aurora, naming.id), 15_000, "Aurora to take Hudson's naming");

    // The named room checks someone in: refused, counted, not stored; Aurora shows sz/thief as named, never heard, with no one in it.
    const refusedBefore = aurora.appliance.core.linked!.refused;
    const checkIn = { id: randomUUID(), link, room: 'sz/thief', at, kind: 'checkin', person: 'f00d', name: 'Mallory' };
    await thief!.publishAsync(`roomctl/sz/thief/meetings/${link}/records`, JSON.stringify(checkIn), { qos: 1 });
    await until(() => aurora.appliance.core.linked!.refused > refusedBefore || stored(aurora, checkIn.id), 15_000, "Aurora to hear sz/thief's check-in");
    expect(stored(aurora, checkIn.id)).toBe(false);
    expect(aurora.appliance.core.linked!.refused).toBe(refusedBefore + 1);
    expect((await shown(aurora)).rooms.find((r) => r.room === 'sz/thief')).toMatchObject({ present: 0, expected: true });
  } finally {
    await asHudson.endAsync();
  }
}, 60_000);

/**
 * Hudson is a room of the meeting, brought in by Aurora's invitation; it is not the organiser's
 * room. Someone at Hudson's panel (or with its room token) links sz/thief to the meeting, and the
 * thief, holding sz/thief's login, reads whatever invitation comes and makes what proof it can
 * with it. Only the room whose calendar holds the invite links rooms: Hudson refuses
 * (ROOMCTL_E_LINK_NOT_ORGANISER) and sends no invitation, and it holds no key that could make
 * sz/thief's proof. Aurora refuses the thief's check-in.
 */
it("a room of the meeting that is not the organiser's cannot bring another room in: the room it tries to link is not heard", async () => {
  const { aurora, linked: hudson } = lab!;
  const invitations: LinkInvitation[] = [];
  const seen = new Set<string>();
  thief!.on('message', (topic, payload) => {
    const message = JSON.parse(payload.toString()) as { id: string };
    if (topic.split('/')[3] === 'links') invitations.push(message as LinkInvitation);
    else seen.add(message.id);
  });
  await thief!.subscribeAsync('roomctl/+/+/links/sz/thief', { qos: 1 });

  const meetingOf = async (room: TelemetryRoom) => (await meetingIn(room))!.id;
  const linking = await call(hudson, 'POST', `/api/v1/meetings/${await meetingOf(hudson)}/links`, { rooms: ['sz/thief'] });
  // Hudson's next record comes after any invitation it sent (one outbox, in order): once the thief has it, it has read them.
  expect((await call(hudson, 'POST', `/api/v1/meetings/${await meetingOf(hudson)}/checkins`, { name: 'Dora', walkIn: true })).status).toBeLessThan(300);
  const checkedIn = hudson.appliance.db
    .prepare("SELECT id FROM linked_records WHERE room = 'ny/hudson' AND kind = 'checkin' ORDER BY at DESC LIMIT 1")
    .pluck()
    .get() as string;
  await until(() => seen.has(checkedIn), 15_000, "the thief to read Hudson's check-in");

  // The thief checks someone in with the proof its invitation gave it, or made with the key it carried.
  const [invitation] = invitations;
  const meetingLink = aurora.appliance.db.prepare('SELECT link FROM linked_meetings').pluck().get() as string;
  const proof = invitation?.occurrenceKey ? memberProof(invitation.occurrenceKey, meetingLink, 'sz/thief') : invitation?.ticket;
  const refusedBefore = aurora.appliance.core.linked!.refused;
  const checkIn = {
    id: randomUUID(),
    link: meetingLink,
    room: 'sz/thief',
    at: new Date().toISOString(),
    proof,
    kind: 'checkin',
    person: 'beef',
    name: 'Mallory',
  };
  await thief!.publishAsync(`roomctl/sz/thief/meetings/${meetingLink}/records`, JSON.stringify(checkIn), { qos: 1 });
  const stored = (id: string) => aurora.appliance.db.prepare('SELECT COUNT(*) FROM linked_records WHERE id = ?').pluck().get(id) === 1;
  await until(() => aurora.appliance.core.linked!.refused > refusedBefore || stored(checkIn.id), 15_000, "Aurora to hear sz/thief's check-in");

  expect(stored(checkIn.id)).toBe(false);
  expect(aurora.appliance.core.linked!.refused).toBe(refusedBefore + 1);
  expect(invitations).toEqual([]);
  expect(linking).toMatchObject({ status: 403, body: { code: 'ROOMCTL_E_LINK_NOT_ORGANISER' } });
}, 60_000);

/**
 * The thief holds Hudson's login, a room Aurora's invitation brought in, with Hudson's proof read off
 * the broker (Hudson's check-in of `name`), while Aurora keeps the time and is online. As Hudson it
 * writes `claims` (who keeps the time, and why). Each is refused or stored: answers how many Aurora
 * stored and refused once it has done one or the other with all, and who keeps the time in each room.
 */
async function aurorasAnswerToHudsonsClaims(clientId: string, name: string, claims: { host: string; reason: string }[]) {
  const { aurora, linked: hudson } = lab!;
  const { asHudson, link, proof } = await hudsonsLoginWithItsProof(clientId, name);
  try {
    const hosts = async () => (await Promise.all([shown(aurora), shown(hudson)])).map((v) => v.rooms.filter((r) => r.host).map((r) => r.room));
    expect(await hosts()).toEqual([['hq/aurora'], ['hq/aurora']]);
    const refusedBefore = aurora.appliance.core.linked!.refused;
    for (const claim of claims) {
      const record = { id: randomUUID(), link, room: 'ny/hudson', at: new Date().toISOString(), proof, kind: 'host.set', ...claim };
      await asHudson.publishAsync(`roomctl/ny/hudson/meetings/${link}/records`, JSON.stringify(record), { qos: 1 });
    }
    const stored = () =>
      aurora.appliance.db.prepare("SELECT COUNT(*) FROM linked_records WHERE kind = 'host.set' AND room = 'ny/hudson'").pluck().get() as number;
    const refused = () => aurora.appliance.core.linked!.refused - refusedBefore;
    await until(() => stored() + refused() >= claims.length, 15_000, "Aurora to hear the thief's claims");
    return { stored: stored(), refused: refused(), hosts: await hosts() };
  } finally {
    await asHudson.endAsync();
  }
}

/**
 * As Hudson the thief hands the time to Hudson, then to sz/thief: a guest room hands the time on
 * only while it keeps it. Aurora refuses both (ROOMCTL_E_LINK_NOT_HOST, counted, not stored) and
 * keeps the time in both rooms.
 */
it("a guest room's login cannot hand over a time the room does not keep", async () => {
  const handOvers = ['ny/hudson', 'sz/thief'].map((host) => ({ host, reason: 'handover' }));
  expect(await aurorasAnswerToHudsonsClaims('thief-hands-over-as-hudson', 'Eve', handOvers)).toEqual({
    stored: 0,
    refused: 2,
    hosts: [['hq/aurora'], ['hq/aurora']],
  });
}, 60_000);

/**
 * As Hudson the thief records fail-overs (as if Aurora had died): to Hudson, to sz/thief, and an
 * organiser's claim for Hudson. A room an invitation brought in records no fail-over (it keeps the
 * time while the host is offline, as every room sees it) and is not the organiser's: Aurora refuses
 * all three (ROOMCTL_E_LINK_NOT_HOST, counted, not stored) and keeps the time in both rooms.
 */
it("a guest room's login cannot take the time by a fail-over while the host is there", async () => {
  const claims = [
    { host: 'ny/hudson', reason: 'failover' },
    { host: 'sz/thief', reason: 'failover' },
    { host: 'ny/hudson', reason: 'organiser' },
  ];
  expect(await aurorasAnswerToHudsonsClaims('thief-fails-over-as-hudson', 'Fay', claims)).toEqual({
    stored: 0,
    refused: 3,
    hosts: [['hq/aurora'], ['hq/aurora']],
  });
}, 60_000);

/**
 * A thief holds the login of hq/spare, a room of Aurora's own site (Aurora takes its invitations),
 * and reads the link of Aurora's meeting off the broker. It invites Aurora to that meeting three
 * hours later, with Aurora's "proof" under a key of its own. Aurora holds the meeting of its own:
 * it refuses the invitation (ROOMCTL_E_LINK_OWN_MEETING, counted) and books nothing, rather than a
 * second meeting of the link that would take the room at a time nobody booked.
 */
it("an invitation naming the organiser's room to its own meeting at another time books nothing there", async () => {
  const { aurora, broker, logins } = lab!;
  const spare = await mqtt.connectAsync(broker.url, { protocolVersion: 5, ...logins['hq/spare'], clientId: 'thief-as-spare' });
  try {
    const heard = new Promise<string>((resolve) =>
      spare.on('message', (_topic, payload) => resolve((JSON.parse(payload.toString()) as { link: string }).link)),
    );
    await spare.subscribeAsync('roomctl/hq/aurora/meetings/+/records', { qos: 1 });
    expect((await call(aurora, 'POST', `/api/v1/meetings/${(await meetingIn(aurora))!.id}/checkins`, { name: 'Gus', walkIn: true })).status).toBeLessThan(300);
    const link = await heard;
    const meetings = () => aurora.appliance.db.prepare('SELECT COUNT(*) FROM meetings').pluck().get() as number;
    const meetingsBefore = meetings();
    const refusedBefore = aurora.appliance.core.linked!.refused;

    const start = Date.now() + 3 * 3_600_000;
    const invitation: LinkInvitation = {
      id: randomUUID(),
      link,
      room: 'hq/spare',
      at: new Date().toISOString(),
      kind: 'invitation',
      ticket: memberProof('the-thiefs-own-key', link, 'hq/aurora'),
      verifyKey: verifyKeyOf('the-thiefs-own-key'),
      title: 'Quarterly review',
      start: new Date(start).toISOString(),
      end: new Date(start + 3_600_000).toISOString(),
      confidentiality: 'normal',
      rooms: ['hq/aurora', 'hq/spare'],
    };
    await spare.publishAsync('roomctl/hq/spare/links/hq/aurora', JSON.stringify(invitation), { qos: 1 });
    // Refused or booked: once Aurora has done one or the other, it has heard the invitation.
    await until(() => aurora.appliance.core.linked!.refused > refusedBefore || meetings() > meetingsBefore, 15_000, "Aurora to hear the thief's invitation");
    expect([meetings() - meetingsBefore, aurora.appliance.core.linked!.refused - refusedBefore]).toEqual([0, 1]);
  } finally {
    await spare.endAsync();
  }
}, 60_000);
