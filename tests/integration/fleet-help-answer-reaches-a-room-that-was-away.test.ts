/**
 * Facilities acknowledge a help call while the room's appliance is away (restarting, or its
 * network down). A command queued for it is refused as stale when the room is away longer
 * than the signature window (played here by a fleet clock two minutes behind at the moment of
 * the press), so the fleet view tells the room again when the room's status returns to
 * `online`: the call is acknowledged in the room, under the name staff gave. A fleet without a command key
 * says so on the issue instead of pretending the room knows.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mosquittoAcl } from '../../provisioning/install/mqtt-identity.js';
import { startMosquitto, type RunningMosquitto } from '../helpers/mosquitto.js';
import { startTelemetryRoom, TEST_COMMAND_KEY, type TelemetryRoom } from '../helpers/telemetry-room.js';
import { startTestFleet } from '../helpers/test-fleet.js';
import { until } from '../helpers/until.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** How far the fleet's clock is behind: set while staff press Acknowledge, back to 0 after. */
let skewMs = 0;

const ROOM_USER = { username: 'room-hq-aurora', password: 'aurora-broker-password' };
const FLEET_USER = { username: 'fleet', password: 'fleet-broker-password' };
/** The documented accounts: the room's as provisioning writes it; the fleet reads everything and may send `ack-help`. */
const DOCUMENTED_ACL = [
  mosquittoAcl(ROOM_USER.username, 'hq', 'aurora'),
  `user ${FLEET_USER.username}`,
  'topic read roomctl/#',
  'topic write roomctl/+/+/cmd/ack-help',
  'topic write roomctl/+/+/cmd/resolve-help',
  '',
].join('\n');

async function setUp(
  commandKey: typeof TEST_COMMAND_KEY | undefined,
  withAcl = false,
): Promise<{ broker: RunningMosquitto; fleet: Awaited<ReturnType<typeof startTestFleet>>; room: TelemetryRoom }> {
  const broker = await startMosquitto(withAcl ? { users: [ROOM_USER, FLEET_USER], acl: DOCUMENTED_ACL } : {});
  cleanup.push(() => broker.close());
  const fleet = await startTestFleet({ broker: { url: broker.url, ...(withAcl ? FLEET_USER : {}) }, commandKey, now: () => Date.now() - skewMs });
  cleanup.push(() => fleet.close());
  const room = await startTelemetryRoom({ mqtt: { url: broker.url, protocolVersion: 5, commandKeys: [TEST_COMMAND_KEY], ...(withAcl ? ROOM_USER : {}) } });
  cleanup.push(() => room.close());
  await until(async () => (await fleet.store.roomSummary('hq', 'aurora'))?.online === 'online', 10_000, 'the room online in the fleet');
  return { broker, fleet, room };
}

const TOKEN = { authorization: 'Bearer a-test-token-of-16-chars', 'content-type': 'application/json' };
async function callForHelp(room: TelemetryRoom, message: string): Promise<{ id: string }> {
  return (await (await fetch(`${room.appliance.url}/api/v1/help`, { method: 'POST', headers: TOKEN, body: JSON.stringify({ message }) })).json()) as {
    id: string;
  };
}
async function helpCall(room: TelemetryRoom, id: string): Promise<{ acknowledgedAt: string | null; acknowledgedBy: string | null }> {
  return (await (await fetch(`${room.appliance.url}/api/v1/help/${id}`, { headers: TOKEN })).json()) as {
    acknowledgedAt: string | null;
    acknowledgedBy: string | null;
  };
}

/** The named operator presses Acknowledge (with their own token: the name on the record comes from it). */
async function acknowledge(fleet: Awaited<ReturnType<typeof startTestFleet>>, id: string, operator: string): Promise<Response> {
  const known = (await fleet.operators.list()).some((o) => o.name === operator);
  if (known) await fleet.operators.remove(operator);
  const token = await fleet.operators.add(operator);
  return fetch(`${fleet.url}/api/fleet/issues/${id}/acknowledge`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });
}

describe('fleet help answers', () => {
  it('reach a room that was away when staff pressed Acknowledge, once it is back online', async () => {
    const { fleet, room } = await setUp(TEST_COMMAND_KEY);
    const call = await callForHelp(room, 'No sound');
    await until(async () => await fleet.store.issue(call.id), 10_000, 'the call in the fleet');
    await room.stopAppliance();
    await until(async () => (await fleet.store.roomSummary('hq', 'aurora'))?.online === 'offline', 10_000, 'the room offline in the fleet');

    skewMs = 120_000;
    expect((await acknowledge(fleet, call.id, 'Zhang Min')).status).toBe(200);
    skewMs = 0;
    expect(await fleet.store.issue(call.id)).toMatchObject({ state: 'acknowledged', roomSeenAt: null });

    await room.restartAppliance();
    await until(async () => (await helpCall(room, call.id)).acknowledgedAt, 15_000, 'the room to record the acknowledgement');
    expect((await helpCall(room, call.id)).acknowledgedBy).toBe('Zhang Min');
    await until(async () => (await fleet.store.issue(call.id))?.roomSeenAt, 10_000, 'the fleet to hear the room confirm');
    expect((await fleet.store.issue(call.id))?.roomError).toBeNull();
  });

  it('work under the documented broker accounts: the room answers under its own topics', async () => {
    const { fleet, room } = await setUp(TEST_COMMAND_KEY, true);
    const call = await callForHelp(room, 'Video call');
    await until(async () => await fleet.store.issue(call.id), 10_000, 'the call in the fleet');
    expect((await acknowledge(fleet, call.id, 'Zhang Min')).status).toBe(200);
    await until(async () => (await helpCall(room, call.id)).acknowledgedBy === 'Zhang Min', 10_000, 'the room to record the acknowledgement');
    await until(async () => (await fleet.store.issue(call.id))?.roomSeenAt, 10_000, "the room's answer at the fleet");
  });

  it('says on the issue that the room was not told when the fleet has no command key', async () => {
    const { fleet, room } = await setUp(undefined);
    const call = await callForHelp(room, 'Display');
    await until(async () => await fleet.store.issue(call.id), 10_000, 'the call in the fleet');
    const answer = (await (await acknowledge(fleet, call.id, 'Sam')).json()) as { roomError: string | null };
    expect(answer.roomError).toMatch(/no command key/);
    expect((await helpCall(room, call.id)).acknowledgedAt).toBeNull();
  });
});
