/**
 * One load generator process for fleet-scale.bench.ts: it plays every `workers`-th device of
 * N rooms × 8 (its share), on its own MQTT connections, so the load has event loops of its
 * own and several of them when one cannot keep the schedule. argv[2]: GeneratorConfig as JSON.
 *
 * IPC: it connects and publishes its devices' retained health and their rooms' status, then
 * sends { registered }. On { go: t0 } it plays the window: each device's heartbeat once per
 * 30 s at its scheduled time (catching up, never skipping), a share of the fault bursts every
 * 5 s; then it waits (bounded) for the broker to acknowledge what it sent and sends one
 * GeneratorResult. Every health payload says when it was really sent (`at`, as a room does)
 * and when it was due (`metrics.benchScheduledAt`): the bench reads both back and reports lag
 * from either.
 */
import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { summarize } from './stats.js';

export interface GeneratorConfig {
  brokerUrl: string;
  rooms: number;
  devicesPerRoom: number;
  worker: number;
  workers: number;
  connections: number;
  heartbeatS: number;
  windowMs: number;
  faultEveryMs: number;
  /** Faults per burst, this worker's share. */
  faultsPerBurst: number;
}

export interface GeneratorResult {
  /** Messages published in the window (heartbeats, fault healths and events). */
  sent: number;
  /** Of all it published (registration included), how many the broker had not acknowledged when it gave up waiting. */
  unacked: number;
  /** Devices whose heartbeat went out at least once in the window. */
  touched: number;
  faultEvents: number;
  /** Actual send → its scheduled time, per heartbeat (ms). */
  scheduleLag: { p50: number; p99: number; max: number };
  /** CPU the process used over the window (s). */
  cpuS: number;
  windowMs: number;
}

const config = JSON.parse(process.argv[2]!) as GeneratorConfig;
const send = (m: unknown) => process.send!(m);

async function main(): Promise<void> {
  const clients: MqttClient[] = [];
  for (let i = 0; i < config.connections; i++) {
    clients.push(await mqtt.connectAsync(config.brokerUrl, { protocolVersion: 4, clientId: `gen-${config.rooms}-${config.worker}-${i}`, clean: true }));
  }
  const devices: Array<{ topic: string; events: string; client: MqttClient; device: number }> = [];
  const total = config.rooms * config.devicesPerRoom;
  for (let i = config.worker; i < total; i += config.workers) {
    const room = Math.floor(i / config.devicesPerRoom);
    const base = `roomctl/site-${room % 50}/room-${room}`;
    devices.push({
      topic: `${base}/devices/dev-${i % config.devicesPerRoom}/health`,
      events: `${base}/events`,
      client: clients[devices.length % clients.length]!,
      device: i,
    });
  }
  let published = 0;
  let acked = 0;
  const publish = (client: MqttClient, topic: string, payload: string, retain: boolean) => {
    published++;
    client.publish(topic, payload, { qos: 1, retain }, () => acked++);
  };
  const health = (status: string, scheduledAt: number) => {
    const at = new Date().toISOString();
    return JSON.stringify({ status, since: at, detail: status === 'ok' ? null : 'bench fault', metrics: { replyMs: 3, benchScheduledAt: scheduledAt }, at });
  };
  const drained = async (deadline: number) => {
    while (acked < published && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  };

  // Registration (not measured): each room's status from the worker that has its first device, every device's health.
  for (const d of devices) {
    if (d.device % config.devicesPerRoom === 0) publish(d.client, d.topic.replace(/\/devices\/.*$/, '/status'), 'online', true);
    publish(d.client, d.topic, health('ok', Date.now()), true);
    if (published % 2000 === 0) await new Promise((r) => setImmediate(r));
  }
  await drained(Date.now() + 120_000);
  send({ registered: devices.length });

  const t0 = await new Promise<number>((resolve) => process.once('message', (m: { go: number }) => resolve(m.go)));
  while (Date.now() < t0) await new Promise((r) => setTimeout(r, t0 - Date.now()));
  const cpu0 = process.cpuUsage();
  const published0 = published;
  const perMs = devices.length / config.heartbeatS / 1000;
  const lags = new Float64Array(Math.ceil(perMs * config.windowMs) + 16);
  let next = 0;
  let faultEvents = 0;
  let lastBurst = t0;
  while (Date.now() - t0 < config.windowMs) {
    // Catch up to the schedule (not "n per tick"): a slow tick shows as schedule lag, never as a lower rate.
    const due = Math.min(lags.length, Math.floor((Date.now() - t0) * perMs));
    while (next < due) {
      const scheduledAt = t0 + next / perMs;
      const dev = devices[next % devices.length]!;
      publish(dev.client, dev.topic, health('ok', scheduledAt), true);
      lags[next++] = Date.now() - scheduledAt;
    }
    if (Date.now() - lastBurst >= config.faultEveryMs) {
      lastBurst = Date.now();
      for (let b = 0; b < config.faultsPerBurst; b++) {
        const dev = devices[Math.floor(Math.random() * devices.length)]!;
        publish(dev.client, dev.topic, health('offline', Date.now()), true);
        const event = {
          id: randomUUID(),
          at: new Date().toISOString(),
          type: 'fault.raised',
          faultId: randomUUID(),
          deviceId: `dev-${dev.device % config.devicesPerRoom}`,
          detail: 'bench fault',
        };
        publish(dev.client, dev.events, JSON.stringify(event), false);
        faultEvents++;
      }
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const windowMs = Date.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const s = summarize(Array.from(lags.subarray(0, next)));
  const result: GeneratorResult = {
    sent: published - published0,
    unacked: 0,
    touched: Math.min(devices.length, next),
    faultEvents,
    scheduleLag: { p50: s.p50, p99: s.p99, max: s.max },
    cpuS: (cpu.user + cpu.system) / 1e6,
    windowMs,
  };
  await drained(Date.now() + 20_000);
  result.unacked = published - acked;
  send(result);
  for (const c of clients) c.end(true);
  process.disconnect();
}

main().catch((err: Error) => {
  send({ error: err.stack ?? err.message });
  process.exit(1);
});
