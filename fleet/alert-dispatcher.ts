import { RoomctlError, toRoomctlError } from '../drivers/core/errors.js';
import type { Logger } from '../appliance/logger.js';
import { backoffMs, Outbox } from '../appliance/model/outbox.js';
import { queryOne, type FleetSql } from './fleet-sql.js';
import type { Alert, AlertSink } from './alert-sink.js';

interface AlertRow {
  id: number;
  sink: string;
  body: string;
  attempts: number;
  next_attempt_at: number;
  created_at: number;
}

/** How long an instance owns an alert it is delivering: another instance sharing the database leaves it alone meanwhile. */
const CLAIM_MS = 60_000;

/** Delay before attempt n+1: 5 s doubling to 10 min. */
function alertRetryMs(attempts: number): number {
  return backoffMs(attempts, 5, 600);
}

/**
 * A delivery still failing this long after its alert was stored is given up: news of a device
 * that went offline yesterday is no longer worth a chat message, and the dashboard has shown
 * the alert all along. About 150 tries at the 10-minute pace.
 */
const ALERT_GIVE_UP_MS = 24 * 60 * 60_000;
/** Deliveries one channel may have waiting; the oldest is given up to make room for a new one. */
const ALERTS_WAITING_PER_SINK = 10_000;

/** Why a delivery was given up, as `/metrics` labels it: failing for a day, or its channel's outbox full. */
type GivenUpReason = 'failing' | 'waiting';

/** What the row and the log line say of a delivery given up. */
function givenUp(why: string): RoomctlError {
  return new RoomctlError('ROOMCTL_E_ALERT_GIVEN_UP', `Alert delivery given up: ${why}`);
}

/**
 * Alerts go into `fleet_alerts` (one row per sink) before any channel is tried, and are
 * delivered in the background with retries: a webhook that is down delays an alert, and the
 * fleet never waits for it. A delivery failing for ALERT_GIVE_UP_MS, or the oldest of a channel
 * with ALERTS_WAITING_PER_SINK waiting, is given up: its row is kept with `given_up_at` and the
 * reason, and one warning says so. The dashboard's alert (FleetAlertFeed) is a row of its own.
 */
export class AlertDispatcher {
  private readonly delivery: Outbox<AlertRow>;
  /** Alerts being stored, by their key. */
  private readonly storing = new Map<Promise<void>, string>();
  /** Deliveries this instance gave up since it started, by `sink reason` (FleetMetrics reads them). */
  private readonly givenUpCounts = new Map<string, { sink: string; reason: GivenUpReason; count: number }>();

  constructor(
    private readonly sql: FleetSql,
    private readonly sinks: readonly AlertSink[],
    private readonly options: { log?: Pick<Logger, 'warn' | 'info'>; now?: () => number; pollMs?: number; waitingPerSink?: number } = {},
  ) {
    this.delivery = new Outbox<AlertRow>({
      table: {
        due: (now, limit) =>
          sql.query<AlertRow>(
            'SELECT id, sink, body, attempts, next_attempt_at, created_at FROM fleet_alerts WHERE delivered_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= ? ORDER BY id LIMIT ?',
            [now, limit],
          ),
        attemptsOf: (row) => row.attempts,
        markSent: async (row, now) => {
          await sql.run('UPDATE fleet_alerts SET delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?', [now, row.id]);
        },
        markFailed: async (row, { error, nextAttemptAt, dead }) => {
          // A row given up while this try was under way (its channel's bound) stays given up, with its reason, counted once.
          if (dead) {
            const reason = givenUp(`failing for a day (${toRoomctlError(error).message})`).message;
            const { changes } = await sql.run('UPDATE fleet_alerts SET given_up_at = ?, last_error = ? WHERE id = ? AND given_up_at IS NULL', [
              this.now(),
              reason,
              row.id,
            ]);
            if (changes) this.countGivenUp(row.sink, 'failing');
          }
          await sql.run(
            'UPDATE fleet_alerts SET attempts = attempts + 1, last_error = CASE WHEN given_up_at IS NULL THEN ? ELSE last_error END, next_attempt_at = ? WHERE id = ?',
            [toRoomctlError(error).message, nextAttemptAt, row.id],
          );
        },
      },
      send: async (row) => {
        const sink = this.sinks.find((s) => s.id === row.sink);
        // A sink no longer configured: the row waits (it is kept, not failed).
        if (!sink) return 'skip';
        // Several fleet instances may share the table: the one whose claim lands delivers.
        const claim = await sql.run(
          'UPDATE fleet_alerts SET next_attempt_at = ? WHERE id = ? AND next_attempt_at = ? AND delivered_at IS NULL AND given_up_at IS NULL',
          [this.now() + CLAIM_MS, row.id, row.next_attempt_at],
        );
        if (claim.changes === 0) return 'skip';
        await sink.send(JSON.parse(row.body) as Alert);
      },
      retryDelayMs: (attempts) => alertRetryMs(attempts),
      giveUp: (_attempts, _error, row) => this.now() - Number(row.created_at) >= ALERT_GIVE_UP_MS,
      onFailure: ({ entry, error, attempts, dead }) => {
        const err = toRoomctlError(error).message;
        if (!dead) return options.log?.warn({ sink: entry.sink, err, attempts }, 'alert not delivered; will retry');
        const alert = JSON.parse(entry.body) as Alert;
        options.log?.warn(
          { code: 'ROOMCTL_E_ALERT_GIVEN_UP', sink: entry.sink, key: alert.key, state: alert.state, err, attempts },
          'alert given up: failing for a day',
        );
      },
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
      await this.makeRoom(sink.id, now);
    }
    this.options.log?.info({ key: alert.key, state: alert.state, title: alert.title }, 'alert');
    void this.drain();
  }

  /** Gives up the sink's oldest waiting deliveries beyond its bound, each named in one warning. */
  private async makeRoom(sink: string, now: number): Promise<void> {
    const bound = this.options.waitingPerSink ?? ALERTS_WAITING_PER_SINK;
    const waiting = 'sink = ? AND delivered_at IS NULL AND given_up_at IS NULL';
    const newestBeyond = await queryOne<{ id: number }>(this.sql, `SELECT id FROM fleet_alerts WHERE ${waiting} ORDER BY id DESC LIMIT 1 OFFSET ?`, [
      sink,
      bound,
    ]);
    if (!newestBeyond) return;
    const beyond = await this.sql.query<{ id: number; key: string; state: string }>(
      `SELECT id, alert_key AS "key", state FROM fleet_alerts WHERE ${waiting} AND id <= ? ORDER BY id`,
      [sink, newestBeyond.id],
    );
    const reason = givenUp(`${bound} alerts were waiting for this channel`).message;
    for (const row of beyond) {
      // Another instance may give the same row up at once, or deliver it: only the one whose update lands says so.
      const { changes } = await this.sql.run(
        `UPDATE fleet_alerts SET given_up_at = ?, last_error = ? WHERE id = ? AND delivered_at IS NULL AND given_up_at IS NULL`,
        [now, reason, row.id],
      );
      if (!changes) continue;
      this.countGivenUp(sink, 'waiting');
      this.options.log?.warn({ code: 'ROOMCTL_E_ALERT_GIVEN_UP', sink, key: row.key, state: row.state, waiting: bound }, 'alert given up: too many waiting');
    }
  }

  private countGivenUp(sink: string, reason: GivenUpReason): void {
    const key = `${sink} ${reason}`;
    const entry = this.givenUpCounts.get(key) ?? { sink, reason, count: 0 };
    entry.count++;
    this.givenUpCounts.set(key, entry);
  }

  /** Deliveries this instance gave up since it started, per channel and reason (each instance sharing a database counts its own). */
  get givenUp(): ReadonlyArray<{ sink: string; reason: GivenUpReason; count: number }> {
    return [...this.givenUpCounts.values()];
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
