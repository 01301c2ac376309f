import { afterAll, describe, expect, it } from 'vitest';
import { startMosquitto, type RunningMosquitto } from '../helpers/mosquitto.js';
import { startTelemetryRoom, type TelemetryRoom } from '../helpers/telemetry-room.js';
import { startTestFleet } from '../helpers/test-fleet.js';
import { until } from '../helpers/until.js';

const EVENTS = 400;

/** Two fleet instances in one $share group split the rooms' messages between them. */
describe('fleet instances behind a shared subscription', () => {
  let broker: RunningMosquitto;
  let room: TelemetryRoom;
  const fleets: Array<Awaited<ReturnType<typeof startTestFleet>>> = [];
  afterAll(async () => {
    await room?.close();
    for (const f of fleets) await f.close();
    await broker?.close();
  });

  it('delivers each event to exactly one instance of the group', async () => {
    broker = await startMosquitto();
    for (const id of ['a', 'b'])
      fleets.push(await startTestFleet({ broker: { url: broker.url, protocolVersion: 5, clientId: `fleet-${id}` }, shareGroup: 'fleet' }));
    await until(() => fleets.every((f) => f.connected), 5000, 'both fleets connected');
    room = await startTelemetryRoom({ mqtt: { url: broker.url, protocolVersion: 5 } });
    // Give the subscriptions a moment to be in place before the burst: the room's first messages prove it.
    await until(async () => (await Promise.all(fleets.map((f) => f.store.rooms()))).some((rooms) => rooms.length > 0), 8000, 'the room reaching a fleet');
    for (let i = 0; i < EVENTS; i++) room.appliance.events.publish({ type: 'feedback', meetingId: `m-${i}`, rating: 5 });
    const count = async (f: (typeof fleets)[number]) =>
      (await f.store.sql.query<{ n: number }>("SELECT COUNT(*) AS n FROM fleet_events WHERE type = 'feedback'"))[0]!.n;
    await until(async () => (await count(fleets[0]!)) + (await count(fleets[1]!)) >= EVENTS, 10_000, 'every event in one of the fleets');
    expect((await count(fleets[0]!)) + (await count(fleets[1]!))).toBe(EVENTS);
    expect(await count(fleets[0]!)).toBeGreaterThan(0);
    expect(await count(fleets[1]!)).toBeGreaterThan(0);
  });
});
