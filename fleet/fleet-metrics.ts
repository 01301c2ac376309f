import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AlertDispatcher } from './alert-dispatcher.js';
import type { FleetIngest } from './fleet-ingest.js';

/** The fleet view's own Prometheus metrics: how far behind it is and what it dropped. */
export class FleetMetrics {
  readonly registry = new Registry();
  private readonly onLag: (lags: number[]) => void;

  constructor(
    private readonly ingest: FleetIngest,
    connected: () => boolean,
    /** PUBACKs held until their message is committed (deferred-acks.ts). */
    heldAcks: () => number = () => 0,
    /** The alert deliveries this instance gave up (alert-dispatcher.ts). */
    alerts: Pick<AlertDispatcher, 'givenUp'> = { givenUp: [] },
  ) {
    const registry = this.registry;
    collectDefaultMetrics({ register: registry, prefix: 'roomctl_fleet_' });
    const lag = new Histogram({
      name: 'roomctl_fleet_ingest_lag_seconds',
      help: 'Time from a room publishing a health or event message to the fleet committing it',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers: [registry],
    });
    this.onLag = (lags) => {
      for (const ms of lags) lag.observe(Math.max(0, ms) / 1000);
    };
    ingest.on('lag', this.onLag);
    const counters: Array<[keyof FleetIngest['stats'], string]> = [
      ['received', 'MQTT messages received'],
      ['applied', 'Messages applied to the store'],
      ['invalid', 'Messages ignored because they could not be read'],
      ['duplicates', 'Events received again (same id) and ignored'],
      ['stale', 'Health messages older than the stored one, ignored'],
      ['heldBack', "Events past their room's bound: counted on the room, not stored"],
    ];
    for (const [field, help] of counters) {
      let reported = 0;
      new Counter({
        name: `roomctl_fleet_messages_${field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}_total`,
        help,
        registers: [registry],
        collect() {
          const value = ingest.stats[field];
          if (value > reported) this.inc(value - reported);
          reported = value;
        },
      });
    }
    const givenUpReported = new Map<string, number>();
    new Counter({
      name: 'roomctl_fleet_alerts_given_up_total',
      help: "Alert deliveries given up (ROOMCTL_E_ALERT_GIVEN_UP): reason failing (for a day) or waiting (the channel's outbox full)",
      labelNames: ['sink', 'reason'],
      registers: [registry],
      collect() {
        for (const { sink, reason, count } of alerts.givenUp) {
          const key = `${sink} ${reason}`;
          this.inc({ sink, reason }, count - (givenUpReported.get(key) ?? 0));
          givenUpReported.set(key, count);
        }
      },
    });
    new Gauge({
      name: 'roomctl_fleet_ingest_queued',
      help: 'Messages received and not yet committed',
      registers: [registry],
      collect() {
        this.set(ingest.stats.queued);
      },
    });
    let batches = 0;
    new Counter({
      name: 'roomctl_fleet_ingest_batches_total',
      help: 'Batches committed (one transaction each)',
      registers: [registry],
      collect() {
        this.inc(ingest.stats.batches - batches);
        batches = ingest.stats.batches;
      },
    });
    new Gauge({
      name: 'roomctl_fleet_acks_held',
      help: 'Messages received and not yet acknowledged to the broker (their commit pending); at the broker in-flight limit, the broker sends no more',
      registers: [registry],
      collect() {
        this.set(heldAcks());
      },
    });
    new Gauge({
      name: 'roomctl_fleet_broker_connected',
      help: '1 while the fleet is connected to the broker',
      registers: [registry],
      collect() {
        this.set(connected() ? 1 : 0);
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
    this.ingest.off('lag', this.onLag);
    this.registry.clear();
  }
}
