/**
 * Two fleet instances share one PostgreSQL behind an MQTT shared subscription. Rooms publish
 * their retained status and health and a stream of events; one instance is killed -9 in the
 * middle of the stream, and a supervisor starts it again (its persistent session holds what
 * the broker had handed it and it had not acknowledged). The survivor's API and its live
 * dashboard stream end up with every room and every event, each event once.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { FleetEvent, FleetRoomSummary, FleetStreamMessage } from '../../fleet/fleet-api-types.js';
import { startFleetProcess, type FleetProcess } from '../helpers/fleet-process.js';
import { startMosquitto, type RunningMosquitto } from '../helpers/mosquitto.js';
import { closeFleetPostgres, sharedPostgres } from '../helpers/fleet-databases.js';
import { until } from '../helpers/until.js';

const FULL = process.env.ROOMCTL_FULL === '1';
const ROOMS = FULL ? 50 : 12;
const EVENTS = FULL ? 3000 : 600;

const cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of cleanup.splice(0).reverse()) await c().catch(() => undefined);
});

let streamed = new Map<string, number>();
let rooms = new Map<string, FleetRoomSummary>();
let ids: string[] = [];
let stored: FleetEvent[] = [];
let summaries: FleetRoomSummary[] = [];

beforeAll(async () => {
  const broker: RunningMosquitto = await startMosquitto();
  cleanup.push(() => broker.close());
  const postgres = await sharedPostgres();
  cleanup.push(closeFleetPostgres);
  const database = await postgres.createDatabase();
  const dirs = [await mkdtemp(join(tmpdir(), 'roomctl-fleet-a-')), await mkdtemp(join(tmpdir(), 'roomctl-fleet-b-'))];
  cleanup.push(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
  const start = (i: number) => startFleetProcess({ brokerUrl: broker.url, dataDir: dirs[i]!, clientId: `fleet-${i}`, database, share: 'roomctl-fleet' });
  let a: FleetProcess = await start(0);
  const b: FleetProcess = await start(1);
  cleanup.push(
    () => b.stop(),
    () => a.stop(),
  );

  // The survivor's live dashboard, from before the first message.
  streamed = new Map<string, number>();
  rooms = new Map<string, FleetRoomSummary>();
  const socket = new WebSocket(`${b.url.replace('http', 'ws')}/api/fleet/stream?token=${b.token}`);
  cleanup.push(async () => socket.close());
  socket.on('message', (data) => {
    const m = JSON.parse(String(data)) as FleetStreamMessage;
    if (m.type === 'events') for (const e of m.events) streamed.set(e.id, (streamed.get(e.id) ?? 0) + 1);
    if (m.type === 'rooms' || m.type === 'snapshot') for (const r of m.rooms) rooms.set(`${r.site}/${r.room}`, r);
  });
  await new Promise((r) => socket.once('open', r));

  const publisher = await mqtt.connectAsync(broker.url, { protocolVersion: 5, clientId: 'rooms' });
  cleanup.push(() => publisher.endAsync());
  const topic = (r: number, rest: string) => `roomctl/hq/room-${r}/${rest}`;
  for (let r = 0; r < ROOMS; r++) {
    await publisher.publishAsync(topic(r, 'status'), 'online', { qos: 1, retain: true });
    const at = new Date().toISOString();
    await publisher.publishAsync(
      topic(r, 'devices/display/health'),
      JSON.stringify({ status: r % 3 === 0 ? 'degraded' : 'ok', since: at, detail: null, metrics: {}, at }),
      { qos: 1, retain: true },
    );
  }
  ids = [];
  for (let i = 0; i < EVENTS; i++) {
    const id = randomUUID();
    ids.push(id);
    await publisher.publishAsync(
      topic(i % ROOMS, 'events'),
      JSON.stringify({ id, at: new Date().toISOString(), type: 'feedback', meetingId: 'm-1', rating: 5 }),
      { qos: 1 },
    );
    if (i === Math.floor(EVENTS / 2)) await a.kill9();
    if (i % 50 === 0) await new Promise((r) => setTimeout(r, 20));
  }
  // A supervisor (systemd's Restart=always) starts the killed instance again.
  a = await start(0);

  const api = async <T>(path: string) => (await (await fetch(`${b.url}${path}`, { headers: { authorization: `Bearer ${b.token}` } })).json()) as T;
  stored = await until(
    async () => {
      const events = await api<FleetEvent[]>('/api/fleet/events?limit=1000');
      return events.length >= EVENTS ? events : undefined;
    },
    30_000,
    "every event in the survivor's API",
    200,
  );
  summaries = await api<FleetRoomSummary[]>('/api/fleet/rooms');
  // Give the survivor's dashboard stream time to push what it was told.
  await until(() => streamed.size >= EVENTS, 10_000, "every event on the survivor's dashboard", 100).catch(() => undefined);
}, 120_000);

it("loses and doubles no event in the survivor's API when one of two instances is killed -9 mid-stream", () => {
  expect(stored).toHaveLength(EVENTS);
  expect(new Set(stored.map((e) => e.id))).toEqual(new Set(ids));
  expect(summaries).toHaveLength(ROOMS);
  expect(summaries.filter((r) => r.worst === 'degraded')).toHaveLength(Math.ceil(ROOMS / 3));
  expect(summaries.every((r) => r.online === 'online')).toBe(true);
  expect(rooms.size).toBe(ROOMS);
});

it("pushes every event once on the survivor's live dashboard, a burst after the restart included", () => {
  expect(new Set(streamed.keys())).toEqual(new Set(ids));
  expect([...streamed.values()].every((n) => n === 1)).toBe(true);
});
