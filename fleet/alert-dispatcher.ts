import { toRoomctlError } from '../drivers/core/errors.js';
import type { Logger } from '../appliance/logger.js';
import { backoffMs, Outbox } from '../appliance/model/outbox.js';
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
function alertRetryMs(attempts: number): number {
  return backoffMs(attempts, 5, 600);
}

/**
 * Alerts go into `fleet_alerts` (one row per sink) before any channel is tried, and are
 * delivered in the background with retries: a webhook that is down delays an alert, it
 * does not lose it, and the fleet never waits for it.
 */
export class AlertDispatcher {
  private readonly delivery: Outbox<AlertRow>;
  /** Alerts being stored, by their key. */
  private readonly storing = new Map<Promise<void>, string>();

  constructor(
    private readonly sql: FleetSql,
    private readonly sinks: readonly AlertSink[],
    private readonly options: { log?: Pick<Logger, 'warn' | 'info'>; now?: () => number; pollMs?: number } = {},
  ) {
    this.delivery = new Outbox<AlertRow>({
      table: {
        due: (now, limit) =>
          sql.query<AlertRow>(
            'SELECT id, sink, body, attempts, next_attempt_at FROM fleet_alerts WHERE delivered_at IS NULL AND next_attempt_at <= ? ORDER BY id LIMIT ?',
            [now, limit],
          ),
        attemptsOf: (row) => row.attempts,
        markSent: async (row, now) => {
          await sql.run('UPDATE fleet_alerts SET delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?', [now, row.id]);
        },
        markFailed: async (row, { error, nextAttemptAt }) => {
          await sql.run('UPDATE fleet_alerts SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?', [
            toRoomctlError(error).message,
            nextAttemptAt,
            row.id,
          ]);
        },
      },
      send: async (row) => {
        const sink = this.sinks.find((s) => s.id === row.sink);
        // A sink no longer configured: the row waits (it is kept, not failed).
        if (!sink) return 'skip';
        // Several fleet instances may share the table: the one whose claim lands delivers.
        const claim = await sql.run('UPDATE fleet_alerts SET next_attempt_at = ? WHERE id = ? AND next_attempt_at = ? AND delivered_at IS NULL', [
          this.now() + CLAIM_MS,
          row.id,
          row.next_attempt_at,
        ]);
        if (claim.changes === 0) return 'skip';
        await sink.send(JSON.parse(row.body) as Alert);
      },
      retryDelayMs: (attempts) => alertRetryMs(attempts),
      onFailure: ({ entry, error, attempts }) =>
        options.log?.warn({ sink: entry.sink, err: toRoomctlError(error).message, attempts }, 'alert not delivered; will retry'),
      batch: 50,
      now: () => this.now(),
    });
    if (options.pollMs !== 0) this.delivery.start(options.pollMs ?? 5000);
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** Stores the alert for every sink (or those named) and starts delivering. */
  enqueue(alert: Alert, sinkIds?: readonly string[]): Promise<void> {
    const storing = this.store(alert, sinkIds);
    this.storing.set(storing, alert.key);
    return storing.finally(() => this.storing.delete(storing));
  }

  /** The keys of alerts whose storing has not finished (a stop that gives up on them names them). */
  get unstored(): string[] {
    return [...this.storing.values()];
  }

  private async store(alert: Alert, sinkIds: readonly string[] | undefined): Promise<void> {
    const now = this.now();
    for (const sink of this.sinks) {
      if (sinkIds && !sinkIds.includes(sink.id)) continue;
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
    return this.delivery.drain();
  }

  /** Ends delivery (the pass running finishes) once the alerts being stored are. */
  async stop(): Promise<void> {
    await Promise.allSettled([...this.storing.keys()]);
    await this.delivery.stop();
  }
}
