import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ReplyTiming } from '../devices/device-supervisor.js';
import { HEALTH_STATUSES } from '../model/health.js';
import type { HealthMonitor } from '../health/health-monitor.js';

interface MetricsSources {
  room: { site: string; id: string };
  health: HealthMonitor;
  /** The device host: 'reply' (deviceId, ReplyTiming) feeds the reply-time histogram. */
  devices: { on(event: 'reply', l: (id: string, t: ReplyTiming) => void): unknown; off(event: 'reply', l: (id: string, t: ReplyTiming) => void): unknown };
  /** The outbox and the link, when MQTT is configured. */
  telemetry?: () => { depth: number; held: number; dropped: number; inFlight: number; connected: boolean };
}

/**
 * The appliance's Prometheus metrics, in a registry of its own (not prom-client's global
 * one, so two rooms in one process — tests, benchmarks — do not collide). Values are read
 * when scraped, so nothing here runs between scrapes but the reply-time histogram.
 */
export class ApplianceMetrics {
  readonly registry = new Registry();
  private readonly onReply: (id: string, t: ReplyTiming) => void;

  constructor(private readonly sources: MetricsSources) {
    const registry = this.registry;
    registry.setDefaultLabels({ site: sources.room.site, room: sources.room.id });
    // Event-loop lag (nodejs_eventloop_lag_*), memory (process_resident_memory_bytes, nodejs_heap_*), CPU, handles.
    collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });

    const health = sources.health;
    new Gauge({
      name: 'roomctl_device_health',
      help: 'Device health: 1 for the status the device is in, 0 for the others',
      labelNames: ['device', 'status'],
      registers: [registry],
      collect() {
        this.reset();
        for (const { deviceId, health: h } of health.list()) for (const s of HEALTH_STATUSES) this.set({ device: deviceId, status: s }, h.status === s ? 1 : 0);
      },
    });
    new Gauge({
      name: 'roomctl_device_up',
      help: '1 when the device answers and takes commands (ok or degraded), else 0 (offline, auth-failed, unknown)',
      labelNames: ['device'],
      registers: [registry],
      collect() {
        this.reset();
        for (const { deviceId, health: h } of health.list()) this.set({ device: deviceId }, h.status === 'ok' || h.status === 'degraded' ? 1 : 0);
      },
    });
    new Gauge({
      name: 'roomctl_device_metric',
      help: "A device's own figures (lamp hours, volume, last reply ms…), by name",
      labelNames: ['device', 'metric'],
      registers: [registry],
      collect() {
        this.reset();
        for (const { deviceId, health: h } of health.list())
          for (const [metric, value] of Object.entries(h.metrics)) this.set({ device: deviceId, metric }, value);
      },
    });
    const reply = new Histogram({
      name: 'roomctl_device_reply_seconds',
      help: 'Time a device took to answer a watchdog probe or an action',
      labelNames: ['device', 'kind', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
    this.onReply = (device, t) => reply.observe({ device, kind: t.kind, outcome: t.ok ? 'ok' : 'error' }, t.ms / 1000);
    sources.devices.on('reply', this.onReply);

    const telemetry = sources.telemetry;
    if (!telemetry) return;
    new Gauge({
      name: 'roomctl_outbox_depth',
      help: 'MQTT messages stored and not yet acknowledged by the broker',
      registers: [registry],
      collect() {
        this.set(telemetry().depth);
      },
    });
    new Gauge({
      name: 'roomctl_outbox_held',
      help: 'MQTT messages held in memory because the disk refused them (counted in the depth too)',
      registers: [registry],
      collect() {
        this.set(telemetry().held);
      },
    });
    new Gauge({
      name: 'roomctl_outbox_in_flight',
      help: 'MQTT messages sent and awaiting PUBACK',
      registers: [registry],
      collect() {
        this.set(telemetry().inFlight);
      },
    });
    new Gauge({
      name: 'roomctl_mqtt_connected',
      help: '1 while the broker connection is up',
      registers: [registry],
      collect() {
        this.set(telemetry().connected ? 1 : 0);
      },
    });
    let reported = 0;
    new Counter({
      name: 'roomctl_outbox_dropped_total',
      help: 'MQTT messages dropped because the outbox was full, they were too old, or more than memory holds while the disk was full (since the database was created)',
      registers: [registry],
      collect() {
        const dropped = telemetry().dropped;
        if (dropped > reported) this.inc(dropped - reported);
        reported = dropped;
      },
    });
  }

  /** The API's live streams: how many are open, and how many were closed for not reading. */
  watchStream(stream: { readonly size: number; readonly slowClosed: number }): void {
    new Gauge({
      name: 'roomctl_stream_clients',
      help: 'Live WebSocket streams open',
      registers: [this.registry],
      collect() {
        this.set(stream.size);
      },
    });
    let reported = 0;
    new Counter({
      name: 'roomctl_stream_slow_closed_total',
      help: 'Stream clients closed because they did not read (over the buffer limit)',
      registers: [this.registry],
      collect() {
        if (stream.slowClosed > reported) this.inc(stream.slowClosed - reported);
        reported = stream.slowClosed;
      },
    });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  stop(): void {
    this.sources.devices.off('reply', this.onReply);
    this.registry.clear();
  }
}
