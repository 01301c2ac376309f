import { toRoomctlError } from '../drivers/core/errors.js';
import type { Logger } from '../appliance/logger.js';
import { DrainRunner } from '../appliance/model/drain-runner.js';
import { backoffMs } from '../appliance/model/outbox.js';
import type { FleetSql } from './fleet-sql.js';
import type { Alert, AlertSink } from './alert-sink.js';

interface AlertRow {
  id: number;
  sink: string;
  body: string;
  attempts: number;
  next_attempt_at: number;
}

/** How long an instance owns an alert it is delivering: another instance sharing the database leaves it alone meanwhile. */
const CLAIM_MS = 60_000;

/** Delay before attempt n+1: 5 s doubling to 10 min; an alert is never given up (staff must hear it). */
export function alertRetryMs(attempts: number): number {
  return backoffMs(attempts, 5, 600);
}

/**
 * Alerts go into `fleet_alerts` (one row per sink) before any channel is tried, and are
 * delivered in the background with retries (the room's Outbox loop, written against the
 * async SQL seam, since the table may be in a PostgreSQL several instances share): a webhook that is down delays an alert, it
 * does not lose it, and the fleet never waits for it.
 */
export class AlertDispatcher {
  private readonly drainer = new DrainRunner(() => this.deliverDue());
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sql: FleetSql,
    private readonly sinks: readonly AlertSink[],
    private readonly options: { log?: Pick<Logger, 'warn' | 'info'>; now?: () => number; pollMs?: number } = {},
  ) {
    if (options.pollMs !== 0) {
      this.timer = setInterval(() => void this.drain(), options.pollMs ?? 5000);
      this.timer.unref();
    }
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** Stores the alert for every sink and starts delivering. */
  async enqueue(alert: Alert): Promise<void> {
    const now = this.now();
    for (const sink of this.sinks) {
      await this.sql.run(
        'INSERT INTO fleet_alerts (sink, alert_key, rule, state, site, room, device_id, title, body, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [sink.id, alert.key, alert.rule, alert.state, alert.site, alert.room, alert.deviceId ?? null, alert.title, JSON.stringify(alert), now, now],
      );
    }
    this.options.log?.info({ key: alert.key, state: alert.state, title: alert.title }, 'alert');
    void this.drain();
  }

  /** Delivers everything due; concurrent calls share one pass (and trigger one more). */
  drain(): Promise<void> {
    return this.drainer.run();
  }

  /** One batch of due alerts; true when the batch was full and more may be due. */
  private async deliverDue(): Promise<boolean> {
    const rows = await this.sql.query<AlertRow>('SELECT id, sink, body, attempts, next_attempt_at FROM fleet_alerts WHERE delivered_at IS NULL AND next_attempt_at <= ? ORDER BY id LIMIT 50', [this.now()]);
    for (const row of rows) {
      const sink = this.sinks.find((s) => s.id === row.sink);
      if (!sink) continue;
      // Several fleet instances may share the table: the one whose claim lands delivers.
      const claim = await this.sql.run('UPDATE fleet_alerts SET next_attempt_at = ? WHERE id = ? AND next_attempt_at = ? AND delivered_at IS NULL', [this.now() + CLAIM_MS, row.id, row.next_attempt_at]);
      if (claim.changes === 0) continue;
      try {
        await sink.send(JSON.parse(row.body) as Alert);
        await this.sql.run('UPDATE fleet_alerts SET delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?', [this.now(), row.id]);
      } catch (err) {
        const error = toRoomctlError(err);
        await this.sql.run('UPDATE fleet_alerts SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?', [error.message, this.now() + alertRetryMs(row.attempts + 1), row.id]);
        this.options.log?.warn({ sink: row.sink, err: error.message, attempts: row.attempts + 1 }, 'alert not delivered; will retry');
      }
    }
    return rows.length === 50;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.drainer.stop();
  }
}
