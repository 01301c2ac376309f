import mqtt from 'mqtt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mosquittoAcl } from '../../provisioning/install/mqtt-identity.js';
import { startMosquitto, type RunningMosquitto } from '../helpers/mosquitto.js';
import { startTelemetryRoom, type TelemetryRoom, callRoom as call, linkHears } from '../helpers/telemetry-room.js';
import { until } from '../helpers/until.js';

/**
 * Three rooms on one Mosquitto with the ACL provisioning writes: Aurora (site hq), and Lotus
 * and Bamboo (site sz). Lotus keeps the default policy — it takes invitations to linked
 * meetings from the rooms of its own site only. Aurora links Lotus to its meeting: Lotus
 * refuses, books nothing, and says so once as a room event with a code, even when the
 * broker delivers the same invitation again. Bamboo, of Lotus's own site, links it: booked.
 */
const AURORA = { username: 'roomctl-hq-aurora', password: 'aurora-broker-password' };
const LOTUS = { username: 'roomctl-sz-lotus', password: 'lotus-broker-password' };
const BAMBOO = { username: 'roomctl-sz-bamboo', password: 'bamboo-broker-password' };
const READER = { username: 'facilities', password: 'facilities-password' };
let broker: RunningMosquitto;
const rooms: TelemetryRoom[] = [];

beforeAll(async () => {
  broker = await startMosquitto({
    users: [AURORA, LOTUS, BAMBOO, READER],
    acl: [
      mosquittoAcl(AURORA.username, 'hq', 'aurora'),
      mosquittoAcl(LOTUS.username, 'sz', 'lotus'),
      mosquittoAcl(BAMBOO.username, 'sz', 'bamboo'),
      `user ${READER.username}`,
      'topic read roomctl/#',
      '',
    ].join('\n'),
  });
  const mqttOf = (user: typeof AURORA) => ({ url: broker.url, protocolVersion: 5 as const, ...user });
  rooms.push(await startTelemetryRoom({ mqtt: mqttOf(AURORA) }));
  rooms.push(await startTelemetryRoom({ mqtt: mqttOf(LOTUS), room: { id: 'lotus', name: 'Lotus', site: 'sz' } }));
  rooms.push(await startTelemetryRoom({ mqtt: mqttOf(BAMBOO), room: { id: 'bamboo', name: 'Bamboo', site: 'sz' } }));
}, 90_000);

afterAll(async () => {
  for (const room of rooms) await room.close();
  await broker?.close();
});

const inMinutes = (m: number) => new Date(Math.ceil(Date.now() / 60_000) * 60_000 + m * 60_000).toISOString();

it("an invitation from another site's room is refused with a code, once, and books nothing; one from the room's own site is booked", async () => {
  const [aurora, lotus, bamboo] = rooms as [TelemetryRoom, TelemetryRoom, TelemetryRoom];
  const reader = await mqtt.connectAsync(broker.url, { protocolVersion: 5, ...READER });
  const invitations: Buffer[] = [];
  // Each room event once by its id, as the fleet counts them: the broker may deliver one twice (QoS 1: what was in
  // flight when the room's connection dropped, on a busy machine, goes again).
  const events = new Map<string, { id: string; type: string; payload: Buffer; [field: string]: unknown }>();
  reader.on('message', (topic, payload) => {
    if (topic === 'roomctl/hq/aurora/links/sz/lotus') invitations.push(payload);
    if (topic !== 'roomctl/sz/lotus/events') return;
    const event = JSON.parse(payload.toString()) as { id: string; type: string };
    if (!events.has(event.id)) events.set(event.id, { ...event, payload });
  });
  await reader.subscribeAsync(['roomctl/hq/aurora/links/sz/lotus', 'roomctl/sz/lotus/events'], { qos: 1 });
  const refusals = () => [...events.values()].filter((e) => e.type === 'link.refused');

  try {
    // Lotus is on the broker before Aurora invites it (an invitation sent before it listened is lost).
    await linkHears(lotus, 'hq/aurora');
    // Aurora (hq) links Lotus (sz) to its meeting.
    const meeting = await call(aurora, 'POST', '/api/v1/bookings', { minutes: 30, start: inMinutes(60), title: 'Quarterly review' });
    expect((await call(aurora, 'POST', `/api/v1/meetings/${meeting.body.id}/links`, { rooms: ['sz/lotus'] })).status).toBe(200);
    const first = await until(() => refusals()[0], 15_000, "Lotus's refusal");
    const invitation = JSON.parse(invitations[0]!.toString()) as { id: string };
    expect(first).toMatchObject({
      type: 'link.refused',
      invitationId: invitation.id,
      from: 'hq/aurora',
      code: 'ROOMCTL_E_LINK_REFUSED',
      reason: expect.stringContaining('meetings.links.acceptFrom'),
    });

    // The broker delivers Lotus's refusal again, as after a dropped connection: the same refusal (its id), not another.
    const asLotus = await mqtt.connectAsync(broker.url, { protocolVersion: 5, ...LOTUS, clientId: 'lotus-again' });
    await asLotus.publishAsync('roomctl/sz/lotus/events', first.payload, { qos: 1 });
    await asLotus.endAsync();
    // The broker delivers the same invitation again, then a new one: each refused once.
    const asAurora = await mqtt.connectAsync(broker.url, { protocolVersion: 5, ...AURORA, clientId: 'aurora-again' });
    await asAurora.publishAsync('roomctl/hq/aurora/links/sz/lotus', invitations[0]!, { qos: 1 });
    const another = { ...JSON.parse(invitations[0]!.toString()), id: 'a-second-invitation' };
    await asAurora.publishAsync('roomctl/hq/aurora/links/sz/lotus', JSON.stringify(another), { qos: 1 });
    await asAurora.endAsync();
    await until(() => refusals().some((e) => e.invitationId === 'a-second-invitation'), 15_000, 'the second refusal');
    expect(refusals().map((e) => e.invitationId)).toEqual([invitation.id, 'a-second-invitation']);
    expect((await call(lotus, 'GET', '/api/v1/meetings')).body).toEqual([]);

    // Bamboo, of Lotus's own site, links it: Lotus books the meeting.
    const ours = await call(bamboo, 'POST', '/api/v1/bookings', { minutes: 30, start: inMinutes(120), title: 'Site stand-up' });
    expect((await call(bamboo, 'POST', `/api/v1/meetings/${ours.body.id}/links`, { rooms: ['sz/lotus'] })).status).toBe(200);
    const booked = await until(
      async () => ((await call(lotus, 'GET', '/api/v1/meetings')).body as unknown as Array<{ title: string }>)[0],
      15_000,
      'Lotus to book the meeting Bamboo linked',
    );
    expect(booked.title).toBe('Site stand-up');
    expect(refusals()).toHaveLength(2);
  } finally {
    await reader.endAsync();
  }
}, 60_000);
