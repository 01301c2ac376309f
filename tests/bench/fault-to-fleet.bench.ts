/**
 * fault-to-fleet: how long from a device fault to the fleet store recording the device
 * offline, through the whole chain (driver → supervisor → health monitor → SQLite outbox →
 * MQTT QoS 1 → Mosquitto → fleet ingest → fleet SQLite commit).
 *  - event-detected: the Shure MXA simulator (a ceiling microphone) closes its socket, as a
 *    rebooting array does; target p99 < 1 s. (PJLink is not used here: displays close idle
 *    sessions by design, so a closed PJLink socket is not a fault.)
 *  - silent device: a relay in front of the simulator stops forwarding (socket open); only the
 *    watchdog probe can tell; target p99 < probe interval + 1 s.
 * Reference in the same run: a health message published straight to Mosquitto → fleet commit
 * (the MQTT + fleet floor under both).
 */
import mqtt from 'mqtt';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPjlinkSimulator } from '../../drivers/pjlink/pjlink-simulator.js';
import { startShureMxaSimulator } from '../../drivers/shure-mxa/shure-mxa-simulator.js';
import { startAppliance } from '../../appliance/app.js';
import type { FleetChanges } from '../../fleet/fleet-store.js';
import { createLogger } from '../../appliance/logger.js';
import { startMosquitto } from '../helpers/mosquitto.js';
import { startTestFleet } from '../helpers/test-fleet.js';
import { until } from '../helpers/until.js';
import type { Benchmark } from './bench-types.js';
import { startSilenceableProxy } from './silenceable-proxy.js';
import { round, summarize } from './stats.js';

const PROBE_INTERVAL_MS = 2000;
const PROBE_TIMEOUT_MS = 500;

const bench: Benchmark = {
  name: 'fault-to-fleet',
  async run({ quick }) {
    const faults = quick ? 10 : 50;
    const broker = await startMosquitto();
    const fleet = await startTestFleet({ broker: { url: broker.url, protocolVersion: 5, clientId: 'bench-fleet' } });
    const dataDir = await mkdtemp(join(tmpdir(), 'roomctl-bench-f2f-'));
    const mic = await startShureMxaSimulator({ host: '127.0.0.1', port: 0 });
    const silentTarget = await startPjlinkSimulator({ host: '127.0.0.1', port: 0, warmupMs: 10 });
    const proxy = await startSilenceableProxy({ host: '127.0.0.1', port: silentTarget.endpoint.port });
    const appliance = await startAppliance(
      {
        room: { id: 'bench', name: 'Bench', site: 'lab', timezone: 'UTC' },
        api: { listen: '127.0.0.1:0', tokens: ['bench-token-0123456789'] },
        storage: { dir: dataDir },
        mqtt: { url: broker.url, protocolVersion: 5 },
        log: { level: 'warn' },
        devices: [
          { id: 'mic', driver: 'shure-mxa', host: '127.0.0.1', port: mic.endpoint.port },
          { id: 'silent', driver: 'pjlink', host: '127.0.0.1', port: proxy.port },
        ],
      },
      { log: createLogger({ level: 'silent', pretty: false }), probeIntervalMs: PROBE_INTERVAL_MS, probeTimeoutMs: PROBE_TIMEOUT_MS },
    );
    // Commit time of each device status change in the fleet store.
    const seen: Array<{ deviceId: string; status: string; at: number }> = [];
    fleet.ingest.on('changes', (changes: FleetChanges, committedAt: number) => {
      for (const d of changes.devices) seen.push({ deviceId: d.deviceId, status: d.status, at: committedAt });
    });
    const fleetStatus = async (id: string) => (await fleet.store.room('lab', 'bench'))?.devices.find((d) => d.deviceId === id)?.status;
    const offlineAfter = (id: string, t0: number) =>
      until(() => seen.find((s) => s.deviceId === id && s.status === 'offline' && s.at >= t0), 15_000, `${id} offline in the fleet`, 1);

    try {
      await until(async () => (await fleetStatus('mic')) === 'ok' && (await fleetStatus('silent')) === 'ok', 15_000, 'both devices ok in the fleet', 20);

      const floor: number[] = [];
      const pub = await mqtt.connectAsync(broker.url, { protocolVersion: 5 });
      for (let i = 0; i < faults; i++) {
        const t0 = Date.now();
        await pub.publishAsync(
          'roomctl/lab/floor/devices/probe/health',
          JSON.stringify({ status: i % 2 ? 'ok' : 'offline', since: new Date(t0).toISOString(), detail: null, metrics: {}, at: new Date(t0).toISOString() }),
          { qos: 1 },
        );
        const hit = await until(
          () => seen.find((s) => s.deviceId === 'probe' && s.at >= t0 && s.status === (i % 2 ? 'ok' : 'offline')),
          5000,
          'floor message',
          1,
        );
        floor.push(hit.at - t0);
      }
      await pub.endAsync();

      const eventDetected: number[] = [];
      for (let i = 0; i < faults; i++) {
        await until(async () => (await fleetStatus('mic')) === 'ok', 15_000, 'mic back', 5);
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
        const t0 = Date.now();
        mic.dropConnections();
        eventDetected.push((await offlineAfter('mic', t0)).at - t0);
      }

      const silent: number[] = [];
      for (let i = 0; i < faults; i++) {
        await until(async () => (await fleetStatus('silent')) === 'ok', 15_000, 'silent device back', 5);
        // A random phase against the probe timer: the wait for the next probe is part of the figure.
        await new Promise((r) => setTimeout(r, Math.random() * PROBE_INTERVAL_MS));
        const t0 = Date.now();
        proxy.silence();
        silent.push((await offlineAfter('silent', t0)).at - t0);
      }

      const e = summarize(eventDetected);
      const s = summarize(silent);
      const f = summarize(floor);
      return {
        name: 'fault-to-fleet',
        figures: {
          event_detected_p50_ms: round(e.p50, 1),
          event_detected_p99_ms: round(e.p99, 1),
          silent_device_p50_ms: round(s.p50, 1),
          silent_device_p99_ms: round(s.p99, 1),
          mqtt_fleet_floor_p50_ms: round(f.p50, 1),
          mqtt_fleet_floor_p99_ms: round(f.p99, 1),
          event_detected_vs_floor_p50: round(e.p50 / f.p50, 2),
          probe_interval_ms: PROBE_INTERVAL_MS,
          faults,
        },
        units: {
          event_detected_p50_ms: 'ms',
          event_detected_p99_ms: 'ms',
          silent_device_p50_ms: 'ms',
          silent_device_p99_ms: 'ms',
          mqtt_fleet_floor_p50_ms: 'ms',
          mqtt_fleet_floor_p99_ms: 'ms',
          event_detected_vs_floor_p50: '×',
          probe_interval_ms: 'ms',
          faults: 'faults',
        },
        targets: { event_detected_p99_ms: { max: 1000 }, silent_device_p99_ms: { max: PROBE_INTERVAL_MS + 1000 } },
        notes: `Mosquitto ${broker.url}, MQTT 5 QoS 1, fleet in-process. Silent device: probe every ${PROBE_INTERVAL_MS} ms with a ${PROBE_TIMEOUT_MS} ms timeout, so the worst case is interval + timeout + the MQTT/fleet path.`,
      };
    } finally {
      await appliance.close();
      await proxy.close();
      await silentTarget.close();
      await mic.close();
      await fleet.close();
      await broker.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};

export default bench;
