/**
 * A room whose broker login was stolen publishes event after event under new ids. The fleet
 * stores a room's backlog (a day's worth at once: a room back from an outage) and then
 * its events a minute (roomEventsPerMinute) on its own clock; the rest is counted on the room,
 * not stored, and the dashboard's room summary says how many and when the last came. Another
 * room's events are stored meanwhile. Through a real Mosquitto, on SQLite and PostgreSQL.
 */
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOM_EVENT_BACKLOG_MINUTES } from '../../fleet/event-budget.js';
import type { FleetRoomSummary } from '../../fleet/fleet-api-types.js';
import { FLEET_BACKENDS, sharedPostgres } from '../helpers/fleet-databases.js';
import { brokerForFleetTests } from '../helpers/fleet-store-per-test.js';
import { FLEET_TOKEN, startTestFleet } from '../helpers/test-fleet.js';
import { until } from '../helpers/until.js';

/** One event a minute for the test: a day's backlog of 1,440 (at the default 60 it is 86,400). */
const PER_MINUTE = 1;
const BACKLOG = PER_MINUTE * ROOM_EVENT_BACKLOG_MINUTES;
const T0 = Date.parse('2026-03-02T09:00:00Z');
const broker = brokerForFleetTests();

describe.each(FLEET_BACKENDS)('events of one room on %s', (backend) => {
  let fleet: Awaited<ReturnType<typeof startTestFleet>>;
  let client: MqttClient;
  let clock = T0;
  let sent = 0;

  beforeAll(async () => {
    const database = backend === 'postgres' ? await (await sharedPostgres()).createDatabase() : undefined;
    fleet = await startTestFleet({ broker: { url: broker.url }, database, now: () => clock, roomEventsPerMinute: PER_MINUTE });
    await until(() => fleet.connected, 5000, 'the fleet connected');
    client = await mqtt.connectAsync(broker.url);
  }, 30_000);
  afterAll(async () => {
    await client?.endAsync();
    await fleet?.close();
  });

  let published = 0;
  /** Feedback events of `room` under these ids, and the wait until the fleet has taken them all (stored, counted or known). */
  const publishIds = async (room: string, ids: string[]) => {
    const at = new Date(clock).toISOString();
    await Promise.all(
      ids.map((id) => client.publishAsync(`roomctl/hq/${room}/events`, JSON.stringify({ id, at, type: 'feedback', meetingId: 'm-1', rating: 4 }), { qos: 1 })),
    );
    const taken = (published += ids.length);
    const took = () => fleet.ingest.stats.applied + fleet.ingest.stats.heldBack + fleet.ingest.stats.duplicates;
    await until(() => took() >= taken, 20_000, `the fleet took ${taken} events`);
  };
  /** `n` feedback events of `room`, each under a new id. */
  const publish = (room: string, n: number) =>
    publishIds(
      room,
      Array.from({ length: n }, () => `e-${++sent}`),
    );
  const stored = async (room: string) =>
    Number((await fleet.sql.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM fleet_events WHERE room = ?', [room]))[0]!.n);
  const summary = async (room: string): Promise<FleetRoomSummary | undefined> => {
    const response = await fetch(`${fleet.url}/api/fleet/rooms`, { headers: { authorization: `Bearer ${FLEET_TOKEN}` } });
    return ((await response.json()) as FleetRoomSummary[]).find((r) => r.room === room);
  };

  it(`stores a backlog of ${BACKLOG} events, counts the next ones on the room, and stores another room's`, async () => {
    await publish('thief', BACKLOG + 5);
    await publish('aurora', 1);
    expect(await stored('thief')).toBe(BACKLOG);
    expect(await stored('aurora')).toBe(1);
    expect(fleet.ingest.stats.heldBack).toBe(5);
    expect((await summary('thief'))?.eventsHeldBack).toEqual({ events: 5, lastAt: T0 });
    expect((await summary('aurora'))?.eventsHeldBack).toBeNull();
  }, 60_000);

  it(`stores ${PER_MINUTE} more a minute later, and counts the one past them`, async () => {
    clock = T0 + 60_000;
    await publish('thief', PER_MINUTE + 1);
    expect(await stored('thief')).toBe(BACKLOG + PER_MINUTE);
    expect((await summary('thief'))?.eventsHeldBack).toEqual({ events: 6, lastAt: T0 + 60_000 });
  }, 30_000);

  it('counts nothing on the room for events it re-sends that the fleet stored already, its bucket empty', async () => {
    // Store-and-forward after an outage sends again what the broker had delivered: 20 stored ones, and one new one twice.
    // Five seconds on (the room list is read at most once a second on the fleet's clock), not a token more.
    clock = T0 + 65_000;
    const resent = Array.from({ length: 20 }, (_, i) => `e-${i + 1}`);
    const duplicatesBefore = fleet.ingest.stats.duplicates;
    await publishIds('thief', [...resent, `e-${++sent}`, `e-${sent}`]);
    expect(await stored('thief')).toBe(BACKLOG + PER_MINUTE);
    expect(fleet.ingest.stats.duplicates - duplicatesBefore).toBe(21);
    expect((await summary('thief'))?.eventsHeldBack).toEqual({ events: 7, lastAt: T0 + 65_000 });
    // A minute on, the room's one token stores its next new event, re-sends or not.
    clock = T0 + 125_000;
    await publishIds('thief', [...resent.slice(0, 5), `e-${++sent}`]);
    expect(await stored('thief')).toBe(BACKLOG + 2 * PER_MINUTE);
    expect((await summary('thief'))?.eventsHeldBack).toEqual({ events: 7, lastAt: T0 + 65_000 });
  }, 30_000);
});
