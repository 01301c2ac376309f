import type { Logger } from '../appliance/logger.js';
import { EventBudget } from './event-budget.js';
import type { FleetSql } from './fleet-sql.js';

export interface RetentionConfig {
  /** Raw events are kept this many days, then counted into hourly roll-ups and deleted. */
  rawEventDays: number;
  /** Hourly roll-ups are kept this many days. */
  rollupDays: number;
  /** Delivered alerts, and deliveries given up, are kept this many days. */
  alertDays: number;
  /**
   * Resolved issues (and their logs) are kept this many days after they were resolved: staff
   * search last year's for a device that fails again, as the roll-ups keep a year and a month.
   * Open and acknowledged issues are kept however old.
   */
  resolvedIssueDays: number;
}

export const DEFAULT_RETENTION: RetentionConfig = { rawEventDays: 30, rollupDays: 400, alertDays: 90, resolvedIssueDays: 400 };

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Arbitrary, fixed: instances sharing a PostgreSQL prune one after the other, so no event is counted twice. */
const RETENTION_LOCK = 0x70727565;

/**
 * Keeps the fleet's database bounded: events older than `rawEventDays` become one roll-up
 * row per room, hour and event type (how many), roll-ups and delivered alerts older than
 * their days go. Device samples (reply time, lamp hours, signal: the trends read 30 days) are
 * thinned once a day old to the first of each hour per device (a 7-day chart needs no
 * 5-minute points; a month of them cost a room megabytes) and go with the raw events, the dashboard's alert list with the delivered alerts, ended device faults with
 * the roll-ups (uptime reads 30 days; the rest is the long record), resolved issues and their
 * logs `resolvedIssueDays` after they were resolved, and the rooms' event buckets once full again
 * (`budget`'s rate: a room without a row has a full one). Rooms, devices (one row each, updated in
 * place), issues not resolved and operators are not pruned. One transaction per pass: a pass
 * that fails changes nothing.
 */
export async function pruneFleetHistory(
  sql: FleetSql,
  config: RetentionConfig,
  now = Date.now(),
  budget = new EventBudget(),
): Promise<{
  rolledUp: number;
  rollupsDeleted: number;
  alertsDeleted: number;
  samplesDeleted: number;
  samplesThinned: number;
  faultsDeleted: number;
  issuesDeleted: number;
  bucketsDeleted: number;
}> {
  const eventsBefore = now - config.rawEventDays * DAY_MS;
  return sql.transaction(async (tx) => {
    if (tx.dialect === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(?)', [RETENTION_LOCK]);
    // received_at - received_at % HOUR: the hour it arrived, in the arithmetic both databases share.
    await tx.run(
      `INSERT INTO fleet_event_rollups (site, room, hour, type, events)
         SELECT site, room, received_at - received_at % ${HOUR_MS}, type, COUNT(*) FROM fleet_events WHERE received_at < ?
         GROUP BY site, room, received_at - received_at % ${HOUR_MS}, type
       ON CONFLICT (site, room, hour, type) DO UPDATE SET events = fleet_event_rollups.events + excluded.events`,
      [eventsBefore],
    );
    const rolledUp = (await tx.run('DELETE FROM fleet_events WHERE received_at < ?', [eventsBefore])).changes;
    const rollupsDeleted = (await tx.run('DELETE FROM fleet_event_rollups WHERE hour < ?', [now - config.rollupDays * DAY_MS])).changes;
    // A delivery given up is kept as long as a delivered one (its row says why), then goes the same way;
    // both read the pending index, which leads with given_up_at.
    const alertsBefore = now - config.alertDays * DAY_MS;
    const alertsDeleted =
      (await tx.run('DELETE FROM fleet_alerts WHERE given_up_at IS NULL AND delivered_at < ?', [alertsBefore])).changes +
      (await tx.run('DELETE FROM fleet_alerts WHERE given_up_at < ?', [alertsBefore])).changes;
    await tx.run('DELETE FROM fleet_alert_feed WHERE at < ?', [new Date(now - config.alertDays * DAY_MS).toISOString()]);
    const samplesDeleted = (await tx.run('DELETE FROM fleet_device_samples WHERE at < ?', [eventsBefore])).changes;
    // An older sample of the same device in the same hour keeps that hour; the range on `at` uses the key's index. Each
    // hourly pass looks at the two days behind the last one only (a fleet stopped longer leaves some for the raw retention).
    const samplesThinned = (
      await tx.run(
        `DELETE FROM fleet_device_samples WHERE at < ? AND at >= ? AND EXISTS (
           SELECT 1 FROM fleet_device_samples o WHERE o.site = fleet_device_samples.site AND o.room = fleet_device_samples.room
             AND o.device_id = fleet_device_samples.device_id
             AND o.at >= fleet_device_samples.at - fleet_device_samples.at % ${HOUR_MS} AND o.at < fleet_device_samples.at)`,
        [now - DAY_MS, now - 3 * DAY_MS],
      )
    ).changes;
    const faultsDeleted = (await tx.run('DELETE FROM fleet_device_faults WHERE ended_at IS NOT NULL AND ended_at < ?', [now - config.rollupDays * DAY_MS]))
      .changes;
    // resolved_at is an ISO instant (the fleet's, or the room's for a call it resolved): compared as text, as it is stored.
    const issuesBefore = new Date(now - config.resolvedIssueDays * DAY_MS).toISOString();
    await tx.run("DELETE FROM fleet_issue_log WHERE issue_id IN (SELECT id FROM fleet_issues WHERE state = 'resolved' AND resolved_at < ?)", [issuesBefore]);
    const issuesDeleted = (await tx.run("DELETE FROM fleet_issues WHERE state = 'resolved' AND resolved_at < ?", [issuesBefore])).changes;
    // Last: the rows it deletes are locked until the commit that follows at once (a batch of the room waits that long).
    const bucketsDeleted = await budget.prune(tx, now);
    return { rolledUp, rollupsDeleted, alertsDeleted, samplesDeleted, samplesThinned, faultsDeleted, issuesDeleted, bucketsDeleted };
  });
}

/** Prunes at start and every `everyMs` (an hour); returns the stop function. */
export function scheduleRetention(
  sql: FleetSql,
  config: RetentionConfig,
  log: Pick<Logger, 'info' | 'warn'>,
  options: { everyMs?: number; now?: () => number; budget?: EventBudget } = {},
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const pass = () => {
    running = pruneFleetHistory(sql, config, options.now?.() ?? Date.now(), options.budget).then(
      (r) => {
        if (r.rolledUp || r.rollupsDeleted || r.alertsDeleted || r.samplesThinned || r.issuesDeleted || r.bucketsDeleted) log.info(r, 'fleet history pruned');
      },
      (err: Error) => log.warn({ err: err.message }, 'the fleet could not prune its history; trying again later'),
    );
  };
  pass();
  const timer = setInterval(pass, options.everyMs ?? HOUR_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
