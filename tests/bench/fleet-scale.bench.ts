/**
 * fleet-scale: one Mosquitto, `roomctl fleet` child processes (as in production), and a load
 * generator playing N rooms × 8 devices: every device's retained health once, then a
 * heartbeat (its health again) every 30 s spread evenly, plus a burst of faults (health
 * offline + fault.raised event) every 5 s. Two set-ups in the same run: the reference, one
 * instance on its embedded SQLite; and two instances in one share group on one PostgreSQL.
 * For each N, the lag is publish → commit, read back from the database; "keeps up" = lag p99
 * < 1 s and nothing lost (every event stored once, every device's last heartbeat stored),
 * with the generator really offering ≥ 95 % of the asked rate (otherwise the round measured
 * the generator). N grows until it does not. CPU per process (each fleet instance, Mosquitto,
 * PostgreSQL with its backends, the generator) is read from /proc over the window.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import mqtt, { type MqttClient } from 'mqtt';
import { connectPostgres } from '../../fleet/fleet-sql-postgres.js';
import { SqliteFleetSql } from '../../fleet/fleet-sql-sqlite.js';
import type { FleetSql } from '../../fleet/fleet-sql.js';
import { startFleetProcess, type FleetProcess } from '../helpers/fleet-process.js';
import { startPostgres, type RunningPostgres } from '../helpers/postgres.js';
import { startMosquitto } from '../helpers/mosquitto.js';
import { until } from '../helpers/until.js';
import type { Benchmark } from './bench-types.js';
import { round, summarize } from './stats.js';

const DEVICES_PER_ROOM = 8;
const HEARTBEAT_S = 30;
const FAULT_BURST_EVERY_MS = 5000;
const CONNECTIONS = 16;

/** Kept up: lag p99 < 2 s, nothing lost, and the generator really offered the load (≥ 95 % of the asked rate). */
function keptUp(r: RoundResult): boolean {
  return r.lagP99 < 1000 && r.lostEvents === 0 && r.staleDevices === 0 && r.msgPerS >= 0.95 * ((r.rooms * DEVICES_PER_ROOM) / HEARTBEAT_S);
}

interface RoundResult {
  rooms: number;
  lagP50: number;
  lagP99: number;
  eventLagP99: number;
  lostEvents: number;
  staleDevices: number;
  messages: number;
  msgPerS: number;
  /** One entry per fleet instance. */
  fleetCpuS: number[];
  databaseCpuS: number;
  brokerCpuS: number;
  generatorCpuS: number;
  windowS: number;
}

interface Setup {
  name: 'sqlite' | 'postgres';
  instances: number;
  postgres?: RunningPostgres;
}

function cpuSeconds(pid: number): number {
  // /proc/<pid>/stat: utime and stime are fields 14 and 15, in clock ticks (100 Hz on Linux).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * A process and its children (PostgreSQL's backends are children of the postmaster): its own
 * time, what its ended children used (cutime/cstime, fields 16 and 17), and its live children's.
 */
function treeCpuSeconds(pid: number): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const after = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ');
      if (Number(entry) === pid) total += (Number(after[11]) + Number(after[12]) + Number(after[13]) + Number(after[14])) / 100;
      else if (Number(after[1]) === pid) total += (Number(after[11]) + Number(after[12])) / 100;
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return total;
}

async function runRound(setup: Setup, rooms: number, windowS: number): Promise<RoundResult> {
  // A broker per round: the persistent sessions a round's fleets leave behind (with everything
  // queued for them since) must not weigh on the next round.
  const broker = await startMosquitto({ extraConfig: ['max_inflight_messages 1000'] });
  const dirs = await Promise.all(Array.from({ length: setup.instances }, () => mkdtemp(join(tmpdir(), 'roomctl-bench-scale-'))));
  const database = setup.postgres ? await setup.postgres.createDatabase(`bench_${rooms}_${Date.now()}`) : undefined;
  const fleets: FleetProcess[] = [];
  const clients: MqttClient[] = [];
  let probe: FleetSql | undefined;
  try {
    for (let i = 0; i < setup.instances; i++) {
      fleets.push(
        await startFleetProcess({
          brokerUrl: broker.url,
          dataDir: dirs[i]!,
          clientId: `bench-fleet-${setup.name}-${rooms}-${i}`,
          database,
          share: setup.instances > 1 ? 'roomctl-fleet' : undefined,
        }),
      );
    }
    probe = database
      ? await connectPostgres(database, { max: 2 })
      : new SqliteFleetSql(new Database(join(dirs[0]!, 'fleet.sqlite'), { readonly: true, fileMustExist: true }));
    const db = probe;
    for (let i = 0; i < CONNECTIONS; i++) clients.push(await mqtt.connectAsync(broker.url, { protocolVersion: 4, clientId: `gen-${rooms}-${i}`, clean: true }));
    const devices: Array<{ topic: string; client: MqttClient; room: number; device: number }> = [];
    for (let r = 0; r < rooms; r++) {
      for (let d = 0; d < DEVICES_PER_ROOM; d++)
        devices.push({ topic: `roomctl/site-${r % 50}/room-${r}/devices/dev-${d}/health`, client: clients[r % CONNECTIONS]!, room: r, device: d });
    }
    let sent = 0;
    let acked = 0;
    const publish = (client: MqttClient, topic: string, payload: string, retain = false) => {
      sent++;
      client.publish(topic, payload, { qos: 1, retain }, () => acked++);
    };
    const health = (status: string) => {
      const at = new Date().toISOString();
      return JSON.stringify({ status, since: at, detail: status === 'ok' ? null : 'bench fault', metrics: { replyMs: 3 }, at });
    };
    const count = async (sql: string) => (await db.query<{ n: number }>(sql))[0]!.n;

    // Registration: every room online, every device's health (not measured: a fleet start does this once).
    for (let r = 0; r < rooms; r++) publish(clients[r % CONNECTIONS]!, `roomctl/site-${r % 50}/room-${r}/status`, 'online', true);
    for (let i = 0; i < devices.length; i++) {
      publish(devices[i]!.client, devices[i]!.topic, health('ok'), true);
      if (i % 2000 === 0) await new Promise((r) => setImmediate(r));
    }
    await until(async () => (await count('SELECT COUNT(*) AS n FROM fleet_devices')) >= devices.length, 120_000, 'registration in the fleet', 500);

    // Measured window: heartbeats spread evenly over 30 s, fault bursts every 5 s.
    const cpu0 = fleets.map((f) => cpuSeconds(f.proc.pid!));
    const dbCpu0 = setup.postgres ? treeCpuSeconds(setup.postgres.pid!) : 0;
    const brokerCpu0 = cpuSeconds(broker.pid!);
    const genCpu0 = process.cpuUsage();
    const sent0 = sent;
    const t0 = Date.now();
    const perMs = devices.length / HEARTBEAT_S / 1000;
    const faultEvents: string[] = [];
    let next = 0;
    let lastBurst = t0;
    while (Date.now() - t0 < windowS * 1000) {
      // Catch up to the schedule (not "n per tick"), so a slow tick does not lower the offered rate.
      const due = Math.floor((Date.now() - t0) * perMs);
      while (next < due) {
        const dev = devices[next++ % devices.length]!;
        publish(dev.client, dev.topic, health('ok'), true);
      }
      if (Date.now() - lastBurst >= FAULT_BURST_EVERY_MS) {
        lastBurst = Date.now();
        const burst = Math.max(10, Math.round(rooms / 100));
        for (let b = 0; b < burst; b++) {
          const dev = devices[Math.floor(Math.random() * devices.length)]!;
          const id = randomUUID();
          faultEvents.push(id);
          publish(dev.client, dev.topic, health('offline'), true);
          publish(
            dev.client,
            dev.topic.replace(/devices\/.*$/, 'events'),
            JSON.stringify({
              id,
              at: new Date().toISOString(),
              type: 'fault.raised',
              faultId: randomUUID(),
              deviceId: `dev-${dev.device}`,
              detail: 'bench fault',
            }),
          );
        }
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const windowMs = Date.now() - t0;
    const brokerCpu = cpuSeconds(broker.pid!) - brokerCpu0;
    const cpu = fleets.map((f, i) => cpuSeconds(f.proc.pid!) - cpu0[i]!);
    const databaseCpu = setup.postgres ? treeCpuSeconds(setup.postgres.pid!) - dbCpu0 : 0;
    const genCpu = process.cpuUsage(genCpu0);
    // Let in-flight messages land (bounded: a fleet that cannot keep up shows as lag and loss).
    await until(() => acked >= sent, 30_000, 'the broker to take every message', 100).catch(() => undefined);
    const drainDeadline = Date.now() + 10_000;
    const sinceIso = new Date(t0).getTime();
    let lags: number[] = [];
    let eventLags: number[] = [];
    let lostEvents = faultEvents.length;
    let staleDevices = devices.length;
    while (Date.now() < drainDeadline) {
      lags = (await db.query<{ lag: number }>('SELECT received_at - reported_at AS lag FROM fleet_devices WHERE reported_at >= ?', [sinceIso])).map((r) =>
        Number(r.lag),
      );
      eventLags = (await db.query<{ at: string; received: number }>('SELECT at, received_at AS received FROM fleet_events')).map(
        (r) => Number(r.received) - Date.parse(r.at),
      );
      lostEvents = faultEvents.length - (await count('SELECT COUNT(*) AS n FROM fleet_events'));
      // A device's stored heartbeat must be the last one it sent: count devices touched in the window but not stored.
      const touched = Math.min(devices.length, next);
      staleDevices = touched - lags.length;
      if (lostEvents === 0 && staleDevices <= 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const s = summarize(lags);
    return {
      rooms,
      lagP50: s.p50,
      lagP99: s.p99,
      eventLagP99: summarize(eventLags).p99,
      lostEvents,
      staleDevices: Math.max(0, staleDevices),
      messages: sent - sent0,
      msgPerS: ((sent - sent0) / windowMs) * 1000,
      fleetCpuS: cpu,
      databaseCpuS: databaseCpu,
      brokerCpuS: brokerCpu,
      generatorCpuS: (genCpu.user + genCpu.system) / 1e6,
      windowS: windowMs / 1000,
    };
  } finally {
    for (const c of clients) c.end(true);
    await probe?.close();
    for (const f of fleets) await f.stop();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    await broker.close();
  }
}

/** The busiest process in a round, to say what limited it (a process near one core is saturated: Node and Mosquitto are single-threaded). */
function busiest(r: RoundResult): string {
  const shares: Array<[string, number]> = [
    ...r.fleetCpuS.map((c, i) => [`fleet instance ${i + 1}`, c / r.windowS] as [string, number]),
    ['Mosquitto', r.brokerCpuS / r.windowS],
    ['PostgreSQL', r.databaseCpuS / r.windowS],
    ['the load generator', r.generatorCpuS / r.windowS],
  ];
  shares.sort((a, b) => b[1] - a[1]);
  const total = shares.reduce((sum, [, c]) => sum + c, 0);
  return `${shares[0]![0]} at ${round(shares[0]![1], 2)} cores (all processes ${round(total, 2)} of 2 cores)`;
}

async function runSetup(setup: Setup, steps: number[], windowS: number): Promise<RoundResult[]> {
  const rounds: RoundResult[] = [];
  for (const rooms of steps) {
    const r = await runRound(setup, rooms, windowS);
    rounds.push(r);
    process.stdout.write(
      `   ${setup.name} × ${setup.instances}, N=${rooms}: lag p50 ${round(r.lagP50)} ms p99 ${round(r.lagP99)} ms, event lag p99 ${round(r.eventLagP99)} ms, lost ${r.lostEvents}, stale ${r.staleDevices}, ${Math.round(r.msgPerS)} msg/s (asked ${Math.round((rooms * DEVICES_PER_ROOM) / HEARTBEAT_S)}), CPU over the window: fleet ${r.fleetCpuS.map((c) => round(c / r.windowS, 2)).join(' + ')}, PostgreSQL ${round(r.databaseCpuS / r.windowS, 2)}, broker ${round(r.brokerCpuS / r.windowS, 2)}, generator ${round(r.generatorCpuS / r.windowS, 2)} cores\n`,
    );
    if (!keptUp(r)) break;
  }
  return rounds;
}

const bench: Benchmark = {
  name: 'fleet-scale',
  async run({ quick }) {
    const steps = quick ? [500] : [1000, 3000, 6000, 10_000, 15_000, 20_000, 30_000];
    const windowS = quick ? 8 : HEARTBEAT_S;
    const postgres = await startPostgres({ durable: true });
    const setups: Setup[] = [
      { name: 'sqlite', instances: 1 },
      { name: 'postgres', instances: 2, postgres },
    ];
    const results = new Map<Setup, RoundResult[]>();
    try {
      for (const setup of setups) results.set(setup, await runSetup(setup, steps, windowS));
    } finally {
      await postgres.close();
    }
    const figures: Record<string, number> = {};
    const units: Record<string, string> = {};
    const notes: string[] = [];
    for (const [setup, rounds] of results) {
      const tag = `${setup.name}${setup.instances > 1 ? `_x${setup.instances}` : ''}`;
      const best = rounds.filter(keptUp).at(-1);
      const last = rounds.at(-1)!;
      figures[`${tag}_max_rooms_kept_up`] = best?.rooms ?? 0;
      units[`${tag}_max_rooms_kept_up`] = 'rooms';
      figures[`${tag}_max_msg_per_s_kept_up`] = best ? Math.round(best.msgPerS) : 0;
      units[`${tag}_max_msg_per_s_kept_up`] = 'msg/s';
      for (const r of rounds) {
        const k = `${tag}_n${r.rooms}`;
        const put = (name: string, value: number, unit: string) => {
          figures[`${k}_${name}`] = value;
          units[`${k}_${name}`] = unit;
        };
        put('lag_p50_ms', round(r.lagP50, 1), 'ms');
        put('lag_p99_ms', round(r.lagP99, 1), 'ms');
        put('lost_events', r.lostEvents, 'events');
        put('msg_per_s', Math.round(r.msgPerS), 'msg/s');
        r.fleetCpuS.forEach((c, i) => put(`fleet${i + 1}_cpu`, round(c / r.windowS, 2), 'cores'));
        if (setup.postgres) put('postgres_cpu', round(r.databaseCpuS / r.windowS, 2), 'cores');
        put('broker_cpu', round(r.brokerCpuS / r.windowS, 2), 'cores');
        put('generator_cpu', round(r.generatorCpuS / r.windowS, 2), 'cores');
      }
      notes.push(
        `${setup.name} × ${setup.instances}: largest N tried ${last.rooms}${last === best ? ' (kept up; not pushed further)' : `, not kept up; busiest then: ${busiest(last)}`}.`,
      );
    }
    return {
      name: 'fleet-scale',
      figures,
      units,
      targets: quick ? undefined : { sqlite_max_rooms_kept_up: { min: 10_000 } },
      notes: `${DEVICES_PER_ROOM} devices/room, heartbeat every ${HEARTBEAT_S} s, fault bursts every ${FAULT_BURST_EVERY_MS / 1000} s; ${windowS} s measured window; generator on ${CONNECTIONS} MQTT connections (not one per room); a fresh Mosquitto per round, the fleet instances as child processes, PostgreSQL 15 with fsync on, all on the same machine. CPU shares are measured from /proc over the window.\n${notes.join('\n')}`,
    };
  },
};

export default bench;
