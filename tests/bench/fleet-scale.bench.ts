/**
 * fleet-scale: one Mosquitto and one `roomctl fleet` process (a child, as in production),
 * and a load generator playing N rooms × 8 devices: every device's retained health once,
 * then a heartbeat (its health again) every 30 s spread evenly, plus a burst of faults
 * (health offline + fault.raised event) every 5 s. For each N, the lag is publish → commit in
 * the fleet's SQLite, read back from its store; "keeps up" = lag p99 < 2 s and nothing lost
 * (every event stored once, every device's last heartbeat stored), with the generator really
 * offering ≥ 95 % of the asked rate (otherwise the round measured the generator). N grows until
 * it does not.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import mqtt, { type MqttClient } from 'mqtt';
import { PROJECT_ROOT } from '../../appliance/paths.js';
import { startMosquitto, type RunningMosquitto } from '../helpers/mosquitto.js';
import { until } from '../helpers/until.js';
import type { Benchmark } from './bench-types.js';
import { round, summarize } from './stats.js';

const DEVICES_PER_ROOM = 8;
const HEARTBEAT_S = 30;
const FAULT_BURST_EVERY_MS = 5000;
const CONNECTIONS = 16;

/** Kept up: lag p99 < 2 s, nothing lost, and the generator really offered the load (≥ 95 % of the asked rate). */
function keptUp(r: RoundResult): boolean {
  return r.lagP99 < 2000 && r.lostEvents === 0 && r.staleDevices === 0 && r.msgPerS >= 0.95 * ((r.rooms * DEVICES_PER_ROOM) / HEARTBEAT_S);
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
  fleetCpuS: number;
  brokerCpuS: number;
  generatorCpuS: number;
  windowS: number;
}

function startFleetProcess(brokerUrl: string, dataDir: string): { proc: ChildProcess; ready: Promise<void> } {
  const proc = spawn(process.execPath, [join(PROJECT_ROOT, 'bin/roomctl.js'), 'fleet', '--broker', brokerUrl, '--protocol', '5', '--listen', '127.0.0.1:0', '--data', dataDir, '--client-id', 'bench-fleet'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ROOMCTL_FROM_SOURCE: '1', ROOMCTL_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const ready = new Promise<void>((resolve, reject) => {
    proc.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('FLEET_READY')) resolve();
    });
    proc.once('exit', (code) => reject(new Error(`roomctl fleet exited with ${code}`)));
  });
  return { proc, ready };
}

function cpuSeconds(pid: number): number {
  // /proc/<pid>/stat: utime and stime are fields 14 and 15, in clock ticks (100 Hz on Linux).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function runRound(broker: RunningMosquitto, rooms: number, windowS: number): Promise<RoundResult> {
  const dir = await mkdtemp(join(tmpdir(), 'roomctl-bench-scale-'));
  const fleet = startFleetProcess(broker.url, dir);
  const clients: MqttClient[] = [];
  try {
    await fleet.ready;
    for (let i = 0; i < CONNECTIONS; i++) clients.push(await mqtt.connectAsync(broker.url, { protocolVersion: 4, clientId: `gen-${rooms}-${i}`, clean: true }));
    const devices: Array<{ topic: string; client: MqttClient; room: number; device: number }> = [];
    for (let r = 0; r < rooms; r++) {
      for (let d = 0; d < DEVICES_PER_ROOM; d++) devices.push({ topic: `roomctl/site-${r % 50}/room-${r}/devices/dev-${d}/health`, client: clients[r % CONNECTIONS]!, room: r, device: d });
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
    const db = () => new Database(join(dir, 'fleet.sqlite'), { readonly: true, fileMustExist: true });

    // Registration: every room online, every device's health (not measured: a fleet start does this once).
    for (let r = 0; r < rooms; r++) publish(clients[r % CONNECTIONS]!, `roomctl/site-${r % 50}/room-${r}/status`, 'online', true);
    for (let i = 0; i < devices.length; i++) {
      publish(devices[i]!.client, devices[i]!.topic, health('ok'), true);
      if (i % 2000 === 0) await new Promise((r) => setImmediate(r));
    }
    await until(() => {
      const d = db();
      try {
        return (d.prepare('SELECT COUNT(*) FROM fleet_devices').pluck().get() as number) >= devices.length;
      } finally {
        d.close();
      }
    }, 120_000, 'registration in the fleet', 500);

    // Measured window: heartbeats spread evenly over 30 s, fault bursts every 5 s.
    const cpu0 = cpuSeconds(fleet.proc.pid!);
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
          publish(dev.client, dev.topic.replace(/devices\/.*$/, 'events'), JSON.stringify({ id, at: new Date().toISOString(), type: 'fault.raised', faultId: randomUUID(), deviceId: `dev-${dev.device}`, detail: 'bench fault' }));
        }
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const windowMs = Date.now() - t0;
    const brokerCpu = cpuSeconds(broker.pid!) - brokerCpu0;
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
      const d = db();
      try {
        lags = d.prepare('SELECT received_at - reported_at FROM fleet_devices WHERE reported_at >= ?').pluck().all(sinceIso) as number[];
        eventLags = d.prepare("SELECT received_at - CAST(strftime('%s', at) AS INTEGER) * 1000 - CAST(substr(at, 21, 3) AS INTEGER) FROM fleet_events").pluck().all() as number[];
        lostEvents = faultEvents.length - (d.prepare('SELECT COUNT(*) FROM fleet_events').pluck().get() as number);
        // A device's stored heartbeat must be the last one it sent: count devices touched in the window but not stored.
        const touched = Math.min(devices.length, next);
        staleDevices = touched - lags.length;
      } finally {
        d.close();
      }
      if (lostEvents === 0 && staleDevices <= 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const cpu = cpuSeconds(fleet.proc.pid!) - cpu0;
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
      brokerCpuS: brokerCpu,
      generatorCpuS: (genCpu.user + genCpu.system) / 1e6,
      windowS: windowMs / 1000,
    };
  } finally {
    for (const c of clients) c.end(true);
    fleet.proc.kill('SIGTERM');
    await new Promise((r) => fleet.proc.once('exit', r));
    await rm(dir, { recursive: true, force: true });
  }
}

const bench: Benchmark = {
  name: 'fleet-scale',
  async run({ quick }) {
    const steps = quick ? [250, 1000] : [1000, 5000, 10_000, 20_000, 30_000, 40_000];
    const windowS = quick ? 10 : HEARTBEAT_S;
    const broker = await startMosquitto({ extraConfig: ['max_inflight_messages 1000'] });
    const rounds: RoundResult[] = [];
    try {
      for (const rooms of steps) {
        const r = await runRound(broker, rooms, windowS);
        rounds.push(r);
        process.stdout.write(
          `   N=${rooms}: lag p50 ${round(r.lagP50)} ms p99 ${round(r.lagP99)} ms, event lag p99 ${round(r.eventLagP99)} ms, lost ${r.lostEvents}, stale ${r.staleDevices}, ${Math.round(r.msgPerS)} msg/s (asked ${Math.round((rooms * DEVICES_PER_ROOM) / HEARTBEAT_S)}), CPU over the window: fleet ${round(r.fleetCpuS / r.windowS, 2)}, broker ${round(r.brokerCpuS / r.windowS, 2)}, generator ${round(r.generatorCpuS / r.windowS, 2)} cores\n`,
        );
        if (!keptUp(r)) break;
      }
    } finally {
      await broker.close();
    }
    const ok = rounds.filter(keptUp);
    const best = ok.at(-1);
    const last = rounds.at(-1)!;
    const figures: Record<string, number> = { max_rooms_kept_up: best?.rooms ?? 0 };
    const units: Record<string, string> = { max_rooms_kept_up: 'rooms' };
    for (const r of rounds) {
      figures[`n${r.rooms}_lag_p50_ms`] = round(r.lagP50, 1);
      figures[`n${r.rooms}_lag_p99_ms`] = round(r.lagP99, 1);
      figures[`n${r.rooms}_msg_per_s`] = Math.round(r.msgPerS);
      figures[`n${r.rooms}_fleet_cpu_share`] = round(r.fleetCpuS / r.windowS, 2);
      figures[`n${r.rooms}_broker_cpu_share`] = round(r.brokerCpuS / r.windowS, 2);
      figures[`n${r.rooms}_generator_cpu_share`] = round(r.generatorCpuS / r.windowS, 2);
      units[`n${r.rooms}_broker_cpu_share`] = 'cores';
      units[`n${r.rooms}_generator_cpu_share`] = 'cores';
      units[`n${r.rooms}_lag_p50_ms`] = 'ms';
      units[`n${r.rooms}_lag_p99_ms`] = 'ms';
      units[`n${r.rooms}_msg_per_s`] = 'msg/s';
      units[`n${r.rooms}_fleet_cpu_share`] = 'cores';
    }
    return {
      name: 'fleet-scale',
      figures,
      units,
      targets: quick ? undefined : { max_rooms_kept_up: { min: 10_000 } },
      notes: `${DEVICES_PER_ROOM} devices/room, heartbeat every ${HEARTBEAT_S} s, fault bursts every ${FAULT_BURST_EVERY_MS / 1000} s; ${windowS} s measured window; generator on ${CONNECTIONS} MQTT connections (not one per room); one Mosquitto, one roomctl fleet child process, same 2-core machine. Largest N tried: ${last.rooms}${last === best ? ' (kept up; not pushed further)' : ' (not kept up: lag, loss, or the generator could not offer the asked rate)'}. CPU shares are measured from /proc over the window.`,
    };
  },
};

export default bench;
