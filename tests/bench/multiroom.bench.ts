/**
 * multiroom: the host room moves the agenda on; how long until every linked room shows the
 * new item — for 3 and for 50 linked rooms, simulated in this process (each with its own
 * SQLite store, meeting room, telemetry outbox and pump, and the link layer's own MQTT
 * connection) on one real Mosquitto. Reference from the same run: one QoS 1 message from one
 * client to another through the same broker (the floor under any replication).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import mqtt, { type MqttClient } from 'mqtt';
import type { RoomConfig } from '../../appliance/config/config-schema.js';
import { DeviceHost } from '../../appliance/devices/device-host.js';
import { startLinkedRooms, type RunningLink } from '../../appliance/linked/linked-wiring.js';
import { createLogger } from '../../appliance/logger.js';
import { advanceAgenda } from '../../appliance/meetings/agenda-service.js';
import { start } from '../../appliance/meetings/meeting-lifecycle.js';
import type { MeetingRoom } from '../../appliance/meetings/meeting-room.js';
import { createMeetingRoom } from '../../appliance/meetings/meeting-wiring.js';
import { RoomEventBus } from '../../appliance/model/room-events.js';
import { ROOM_MIGRATIONS } from '../../appliance/room-migrations.js';
import { openDatabase, type Db } from '../../appliance/store/database.js';
import { mqttConnectOptions } from '../../appliance/telemetry/mqtt-connect-options.js';
import { TelemetryOutbox } from '../../appliance/telemetry/outbox.js';
import { OutboxPump } from '../../appliance/telemetry/outbox-pump.js';
import { startMosquitto, type RunningMosquitto } from '../helpers/mosquitto.js';
import { until } from '../helpers/until.js';
import type { Benchmark } from './bench-types.js';
import { round, summarize } from './stats.js';

const TARGET_P99_MS_50 = 250;
/** A long meeting's agenda; the rounds move through it. */
const AGENDA_ITEMS = 32;
const log = createLogger({ level: 'silent', pretty: false });

interface SimRoom {
  meetings: MeetingRoom;
  meetingId: string;
  link: RunningLink;
  close(): Promise<void>;
}

async function simulatedRoom(n: number, broker: RunningMosquitto, dir: string, startAt: Date): Promise<SimRoom> {
  const config = {
    room: { id: `r${String(n).padStart(2, '0')}`, name: `Room ${n}`, site: 'bench', timezone: 'UTC' },
    api: { listen: '127.0.0.1:0', tokens: ['bench-token-0123456789abcdef'] },
    storage: { dir: join(dir, `r${n}`) },
    mqtt: { url: broker.url, protocolVersion: 5 },
    devices: [],
  } as unknown as RoomConfig;
  const db: Db = openDatabase(config.storage.dir, ROOM_MIGRATIONS);
  const devices = new DeviceHost({ drivers: [], devices: [], log });
  const meetings = createMeetingRoom(config, { db, devices, bus: new RoomEventBus(), log });
  const outbox = new TelemetryOutbox(db, { maxMessages: 100_000, maxAgeMs: 3_600_000 });
  const client: MqttClient = mqtt.connect(broker.url, mqttConnectOptions(config.mqtt!, { clientId: `bench-pump-${n}` }));
  const pump = new OutboxPump(outbox, {
    get connected() {
      return client.connected;
    },
    publish: (topic, payload, options, done) => client.publish(topic, payload, options, (err) => done(err ?? undefined)),
  });
  client.on('connect', () => pump.connected());
  const link = (await startLinkedRooms(config, { db, meetings, devices, sender: outbox, log }))!;
  const m = meetings.ctx.meetings.insert(
    {
      source: 'calendar',
      seriesKey: null,
      occurrenceKey: 'multiroom-bench@example.com',
      title: 'Bench',
      organiser: {},
      attendees: [],
      description: '',
      agenda: [],
      start: startAt.toISOString(),
      end: new Date(startAt.getTime() + 3_600_000).toISOString(),
      confidentiality: 'normal',
    },
    new Date(),
  );
  meetings.ctx.agenda.replace(
    m.id,
    Array.from({ length: AGENDA_ITEMS }, (_, i) => ({ title: `Item ${i + 1}`, minutes: 1 })),
  );
  return {
    meetings,
    meetingId: m.id,
    link,
    async close() {
      await link.stop();
      pump.stop();
      await client.endAsync();
      await meetings.stop();
      db.close();
    },
  };
}

/** Host action → the same current item in every other room, once per round; latency per room. */
async function measure(broker: RunningMosquitto, count: number, rounds: number): Promise<number[]> {
  const dir = await mkdtemp(join(tmpdir(), 'roomctl-bench-multiroom-'));
  const startAt = new Date(Date.now() + 60_000);
  const rooms: SimRoom[] = [];
  try {
    for (let i = 0; i < count; i++) rooms.push(await simulatedRoom(i, broker, dir, startAt));
    await until(() => rooms.every((r) => r.link.rooms.rooms(r.meetingId).length === count), 120_000, `all ${count} rooms to find each other`, 50);
    const [host, ...followers] = rooms as [SimRoom, ...SimRoom[]];
    start(host.meetings.ctx, host.meetingId);
    await until(
      () => followers.every((r) => r.meetings.ctx.meetings.get(r.meetingId)?.status === 'in_progress'),
      60_000,
      'every room to start with the host',
      20,
    );
    const position = (r: SimRoom) => r.meetings.ctx.agenda.list(r.meetingId).find((i) => i.startedAt && !i.endedAt)?.position;
    const samples: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const expected = round + 2;
      const seen = new Map<SimRoom, number>();
      const listeners = followers.map((r) => {
        const onChange = () => {
          if (!seen.has(r) && position(r) === expected) seen.set(r, performance.now());
        };
        r.meetings.on('change', onChange);
        return () => r.meetings.off('change', onChange);
      });
      const t0 = performance.now();
      advanceAgenda(host.meetings.ctx, host.meetingId);
      await until(() => seen.size === followers.length, 30_000, `round ${round}: every room on item ${expected}`, 1);
      for (const t of seen.values()) samples.push(t - t0);
      for (const off of listeners) off();
      await new Promise((r) => setTimeout(r, 50));
    }
    return samples;
  } finally {
    for (const r of rooms) await r.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

/** One committed write in a room's store (synchronous = FULL, as the room runs it): what every hop of a record pays at least once. */
function commitReference(dir: string, count: number): number[] {
  const db = openDatabase(join(dir, 'commit-ref'), ROOM_MIGRATIONS);
  const insert = db.prepare("INSERT INTO settings (key, value, updated_at) VALUES (?, '1', '') ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    insert.run(`bench.${i % 10}`);
    samples.push(performance.now() - t0);
  }
  db.close();
  return samples;
}

/** One QoS 1 message from one client to another through the same broker. */
async function reference(broker: RunningMosquitto, count: number): Promise<number[]> {
  const a = await mqtt.connectAsync(broker.url, { protocolVersion: 5, clientId: 'bench-ref-a' });
  const b = await mqtt.connectAsync(broker.url, { protocolVersion: 5, clientId: 'bench-ref-b' });
  await b.subscribeAsync('bench/ref', { qos: 1 });
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const got = new Promise<void>((resolve) => b.once('message', () => resolve()));
    await a.publishAsync('bench/ref', String(i), { qos: 1 });
    await got;
    samples.push(performance.now() - t0);
  }
  await a.endAsync();
  await b.endAsync();
  return samples;
}

const bench: Benchmark = {
  name: 'multiroom',
  async run({ quick }) {
    const broker = await startMosquitto();
    try {
      const rounds = quick ? 8 : 30;
      const ref = summarize(await reference(broker, quick ? 100 : 500));
      const refDir = await mkdtemp(join(tmpdir(), 'roomctl-bench-commit-'));
      const commit = summarize(commitReference(refDir, quick ? 50 : 200));
      await rm(refDir, { recursive: true, force: true });
      const three = summarize(await measure(broker, 3, rounds));
      const fifty = summarize(await measure(broker, 50, rounds));
      return {
        name: 'multiroom',
        figures: {
          rooms3_p50_ms: round(three.p50, 1),
          rooms3_p99_ms: round(three.p99, 1),
          rooms50_p50_ms: round(fifty.p50, 1),
          rooms50_p99_ms: round(fifty.p99, 1),
          reference_p50_ms: round(ref.p50, 2),
          reference_p99_ms: round(ref.p99, 2),
          rooms50_p99_over_reference_p99: round(fifty.p99 / ref.p99, 1),
          commit_p50_ms: round(commit.p50, 3),
          commit_p99_ms: round(commit.p99, 2),
        },
        units: {
          commit_p50_ms: 'ms',
          commit_p99_ms: 'ms',
          rooms3_p50_ms: 'ms',
          rooms3_p99_ms: 'ms',
          rooms50_p50_ms: 'ms',
          rooms50_p99_ms: 'ms',
          reference_p50_ms: 'ms',
          reference_p99_ms: 'ms',
          rooms50_p99_over_reference_p99: '×',
        },
        targets: { rooms50_p99_ms: { max: TARGET_P99_MS_50 } },
        notes: `host advances the agenda → every other linked room shows the new item; ${rounds} rounds (${three.n} samples with 3 rooms, ${fifty.n} with 50); reference: one QoS 1 message between two clients of the same broker; commit: one write to a room's store (synchronous = FULL) — a record costs a few of them on its way (the host's agenda, its record, the outbox, the follower's record), and the 50 simulated rooms share one disk and one event loop`,
      };
    } finally {
      await broker.close();
    }
  },
};

export default bench;
