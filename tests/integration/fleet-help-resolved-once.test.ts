/**
 * Two operators press Resolve on the same help call at the same instant — on PostgreSQL
 * through two fleet instances sharing it, on SQLite through one fleet. The call is resolved
 * once: one "resolved" in its story, one resolved alert, one `cmd/resolve-help` to the room;
 * whoever lost the race is answered with the call as the winner resolved it.
 */
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLEET_BACKENDS, sharedPostgres } from '../helpers/fleet-databases.js';
import { brokerForFleetTests } from '../helpers/fleet-store-per-test.js';
import { TEST_COMMAND_KEY } from '../helpers/telemetry-room.js';
import { startTestFleet } from '../helpers/test-fleet.js';
import { until } from '../helpers/until.js';

type TestFleet = Awaited<ReturnType<typeof startTestFleet>>;
const BASE = 'roomctl/hq/aurora';
const broker = brokerForFleetTests();

describe.each(FLEET_BACKENDS)('a help call resolved twice at once on %s', (backend) => {
  const started: TestFleet[] = [];
  /** The fleet instances the two operators use: two on the shared PostgreSQL, the one on SQLite. */
  let instances: [TestFleet, TestFleet];
  let room: MqttClient;
  /** `cmd/resolve-help` as the room receives it: the request id of each. */
  const toldResolved: string[] = [];

  beforeAll(async () => {
    const database = backend === 'postgres' ? await (await sharedPostgres()).createDatabase() : undefined;
    for (const id of backend === 'postgres' ? ['a', 'b'] : ['a'])
      started.push(
        await startTestFleet({
          broker: { url: broker.url, protocolVersion: 5, clientId: `fleet-${backend}-${id}` },
          shareGroup: `fleet-${backend}`,
          database,
          commandKey: TEST_COMMAND_KEY,
          // A channel that takes every alert: what the fleet stores for it is what it sends on.
          sinks: [{ id: 'chat', send: async () => undefined }],
        }),
      );
    instances = [started[0]!, started.at(-1)!];
    await until(() => started.every((f) => f.connected), 5000, 'the fleet connected');
    room = await mqtt.connectAsync(broker.url, { protocolVersion: 5 });
    room.on('message', (_topic, payload) => toldResolved.push((JSON.parse(payload.toString()) as { params: { requestId: string } }).params.requestId));
    await room.subscribeAsync(`${BASE}/cmd/resolve-help`, { qos: 1 });
  }, 30_000);
  afterAll(async () => {
    await room?.endAsync();
    for (const fleet of started) await fleet.close();
  });

  const callForHelp = async (requestId: string) => {
    const event = { id: `e-${requestId}`, at: new Date().toISOString(), type: 'help.requested', requestId, message: 'No sound' };
    await room.publishAsync(`${BASE}/events`, JSON.stringify(event), { qos: 1 });
    await until(async () => (await instances[0].alertFeed.recent()).some((a) => a.key === `help/${requestId}` && a.state === 'firing'), 10_000, 'the alert');
  };
  /** Each operator's token, issued once (the operators are the database's, so every instance knows them). */
  const tokens = new Map<string, string>();
  const resolve = async (fleet: TestFleet, id: string, operator: string) => {
    if (!tokens.has(operator)) tokens.set(operator, await fleet.operators.add(operator));
    return fetch(`${fleet.url}/api/fleet/issues/${id}/resolve`, { method: 'POST', headers: { authorization: `Bearer ${tokens.get(operator)}` } });
  };

  it('logs one resolution, resolves the alert once and tells the room once; the loser is answered as already resolved', async () => {
    await callForHelp('help-1');
    for (const barrier of instances.map((_, i) => `barrier-${i}`)) await callForHelp(barrier);
    for (const operator of ['Ana Lima', 'Bo Chen']) tokens.set(operator, await instances[0].operators.add(operator));

    const answers = await Promise.all([resolve(instances[0], 'help-1', 'Ana Lima'), resolve(instances[1], 'help-1', 'Bo Chen')]);

    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const [first, second] = (await Promise.all(answers.map((a) => a.json()))) as Array<{ state: string; resolvedBy: string; resolvedAt: string }>;
    expect(first).toMatchObject({ state: 'resolved' });
    expect(second).toMatchObject({ state: 'resolved', resolvedBy: first!.resolvedBy, resolvedAt: first!.resolvedAt });
    const story = await instances[1].desk.log('help-1');
    expect(story.filter((e) => e.action === 'resolved').map((e) => e.actor)).toEqual([first!.resolvedBy]);

    // Each instance then resolves a call of its own: once the room has heard both, and both
    // resolutions are kept, everything the instances did about help-1 is done (each sends on
    // one connection, in order, and resolves alerts one at a time).
    await resolve(instances[0], 'barrier-0', 'Ana Lima');
    await resolve(instances[1], 'barrier-1', 'Bo Chen');
    await until(() => toldResolved.includes('barrier-0') && toldResolved.includes('barrier-1'), 10_000, 'both barriers at the room');
    await until(
      async () => (await instances[0].alertFeed.recent()).filter((a) => a.key.startsWith('help/barrier-') && a.state === 'resolved').length === 2,
      10_000,
      'both barriers resolved in the alerts',
    );
    expect(toldResolved.filter((id) => id === 'help-1')).toEqual(['help-1']);
    const alerts = (await instances[0].alertFeed.recent()).filter((a) => a.key === 'help/help-1');
    expect(alerts.map((a) => a.state).sort()).toEqual(['firing', 'resolved']);
    const sent = await instances[0].sql.query<{ state: string }>("SELECT state FROM fleet_alerts WHERE alert_key = 'help/help-1' ORDER BY id");
    expect(sent.map((a) => a.state)).toEqual(['firing', 'resolved']);
  });
});
